package org.careid.face.pad;

import java.util.List;

/**
 * Passive presentation-attack detection result for one face: the fused liveness score in [0,1]
 * (higher = more likely a live person in front of the camera), the threshold it was compared with,
 * and the decision: {@code live} when {@code score >= threshold}, otherwise a suspected attack
 * (printed photo, screen replay). {@code models} keeps each model's own live probability.
 */
public record PadVerdict(double score, double threshold, boolean live, List<ModelScore> models) {

    /** One model's class probabilities (softmax; class 1 = live) on its own crop. */
    public record ModelScore(String model, double cropScale, double[] probabilities) {

        public ModelScore {
            probabilities = probabilities.clone();
        }

        /** Live probability. */
        public double live() {
            return probabilities[PadFusion.LIVE_CLASS];
        }
    }

    public PadVerdict {
        models = List.copyOf(models);
    }

    /** The face is judged a presentation attack. */
    public boolean attack() {
        return !live;
    }
}

package org.careid.face.pad;

/**
 * From model logits to one liveness score. Each MiniFASNet gives three logits (class 1 = live,
 * 0 and 2 = two attack types); softmax turns them into probabilities, and the fused score is the
 * live probability of the two models' averaged softmax, in [0,1]. Upstream calls a face live when
 * class 1 is the argmax of that average; this project compares the score with a calibrated
 * threshold instead, so the operating point can be chosen and measured.
 */
public final class PadFusion {

    /** Index of the live class in the models' output. */
    public static final int LIVE_CLASS = 1;

    private PadFusion() {
    }

    /** Numerically stable softmax. */
    public static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }


    /** Fused score: mean of the models' live probabilities (= live probability of the mean softmax). */
    public static double fuse(double... liveProbabilities) {
        if (liveProbabilities.length == 0) {
            throw new IllegalArgumentException("no model scores to fuse");
        }
        double s = 0;
        for (double p : liveProbabilities) {
            s += p;
        }
        return s / liveProbabilities.length;
    }

    /** Upstream's rule: live when class 1 is the argmax of the models' averaged class probabilities. */
    public static boolean upstreamLive(double[]... probabilitiesPerModel) {
        int classes = probabilitiesPerModel[0].length;
        double[] mean = new double[classes];
        for (double[] p : probabilitiesPerModel) {
            for (int i = 0; i < classes; i++) {
                mean[i] += p[i] / probabilitiesPerModel.length;
            }
        }
        for (int i = 0; i < classes; i++) {
            if (i != LIVE_CLASS && mean[i] >= mean[LIVE_CLASS]) {
                return false;
            }
        }
        return true;
    }
}

package org.careid.fingerprint;

/**
 * Fuses a probe's scores against the several enrolled impressions of one finger into one score on
 * the SourceAFIS scale: (best + 0.5 x second best) / 1.22. A genuine probe usually overlaps well with
 * one impression and partly with another, while an impostor's scores stay low on all of them.
 *
 * <p>The divisor 1.22 calibrates the fused score back to the SourceAFIS scale: 48.8 is the fused
 * value exceeded by 1e-4 of 698,880 impostor trials (every 3-of-8 enrollment of every FVC finger
 * against every image of the other 39 fingers), where SourceAFIS puts 40. Only impostor scores went
 * into it, none of the genuine ones. It is calibrated for 3 impressions per finger; with 2 it is
 * conservative, with many more it would be lenient. With one impression the score is unchanged.
 */
public final class FingerprintScoreFusion {
    public static final double SECOND_WEIGHT = 0.5;
    public static final double CALIBRATION = 1.22;

    private FingerprintScoreFusion() {
    }

    public static double fuse(double... scores) {
        if (scores.length == 0) {
            return 0;
        }
        if (scores.length == 1) {
            return scores[0];
        }
        double best = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            if (score > best) {
                second = best;
                best = score;
            } else if (score > second) {
                second = score;
            }
        }
        return (best + SECOND_WEIGHT * second) / CALIBRATION;
    }
}

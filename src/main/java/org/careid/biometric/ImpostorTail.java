package org.careid.biometric;

/**
 * Model of the upper tail of the impostor score distribution, to extrapolate thresholds for false
 * match rates finer than the impostor sample can measure (e.g. 1e-6 for a large 1:N gallery).
 *
 * <p>Peaks over threshold with an exponential excess (a generalised Pareto tail with shape 0): above
 * the {@code 1 - tailFraction} quantile u, P(S >= t) = tailFraction * exp(-(t - u) / beta), where beta
 * is the mean excess of the tail scores over u. An exponential tail decays more slowly than a Gaussian
 * one, so thresholds extrapolated from it err on the strict (safe) side for similarity scores that are
 * roughly normal, such as cosine similarities of face embeddings.
 */
public final class ImpostorTail {

    private final double tailFraction;
    private final double u;
    private final double beta;
    private final int tailCount;

    private ImpostorTail(double tailFraction, double u, double beta, int tailCount) {
        this.tailFraction = tailFraction;
        this.u = u;
        this.beta = beta;
        this.tailCount = tailCount;
    }

    /** Fits the tail to the highest {@code tailFraction} of the impostor scores (e.g. 0.05). */
    public static ImpostorTail fit(double[] impostorScores, double tailFraction) {
        if (!(tailFraction > 0 && tailFraction < 1)) {
            throw new IllegalArgumentException("tail fraction must be in (0,1)");
        }
        double[] sorted = impostorScores.clone();
        java.util.Arrays.sort(sorted);
        int k = Math.max(2, (int) Math.round(sorted.length * tailFraction));
        if (k >= sorted.length) {
            throw new IllegalArgumentException("too few impostor scores for a tail fit");
        }
        double u = sorted[sorted.length - k - 1];
        double excess = 0;
        for (int i = sorted.length - k; i < sorted.length; i++) {
            excess += sorted[i] - u;
        }
        double beta = Math.max(excess / k, 1e-9);
        return new ImpostorTail(k / (double) sorted.length, u, beta, k);
    }

    /** Reconstructs a fitted tail from its parameters (e.g. a stored calibration table). */
    public static ImpostorTail of(double tailFraction, double u, double beta) {
        return new ImpostorTail(tailFraction, u, beta, 0);
    }

    /** Modelled probability that one impostor comparison scores at or above {@code threshold}. */
    public double fmr(double threshold) {
        if (threshold <= u) {
            return tailFraction; // below the fitted region: use the empirical distribution instead
        }
        return tailFraction * Math.exp(-(threshold - u) / beta);
    }

    /** Threshold whose modelled FMR equals {@code targetFmr}; never below the tail start u. */
    public double threshold(double targetFmr) {
        if (!(targetFmr > 0)) {
            throw new IllegalArgumentException("target FMR must be > 0");
        }
        if (targetFmr >= tailFraction) {
            return u;
        }
        return u + beta * Math.log(tailFraction / targetFmr);
    }

    public double tailFraction() {
        return tailFraction;
    }

    public double tailStart() {
        return u;
    }

    public double beta() {
        return beta;
    }

    public int tailCount() {
        return tailCount;
    }
}

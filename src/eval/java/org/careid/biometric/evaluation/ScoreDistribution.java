package org.careid.biometric.evaluation;

import java.util.Arrays;
import java.util.Collection;
import org.careid.biometric.OperatingPoint;

/**
 * Genuine and impostor comparison scores of one modality, as similarities (higher = more alike).
 * Decision rule everywhere in this package: a comparison is a match when {@code score >= threshold}.
 * Immutable; the arrays are sorted once so every rate is a binary search.
 */
public final class ScoreDistribution {

    private final double[] genuine;
    private final double[] impostor;

    public ScoreDistribution(double[] genuine, double[] impostor) {
        if (genuine.length == 0 || impostor.length == 0) {
            throw new IllegalArgumentException("need at least one genuine and one impostor score");
        }
        this.genuine = genuine.clone();
        this.impostor = impostor.clone();
        Arrays.sort(this.genuine);
        Arrays.sort(this.impostor);
    }

    public static ScoreDistribution of(Collection<? extends Number> genuine, Collection<? extends Number> impostor) {
        return new ScoreDistribution(toArray(genuine), toArray(impostor));
    }

    private static double[] toArray(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }

    public int genuineCount() {
        return genuine.length;
    }

    public int impostorCount() {
        return impostor.length;
    }

    /** Sorted ascending copy. */
    public double[] genuineScores() {
        return genuine.clone();
    }

    /** Sorted ascending copy. */
    public double[] impostorScores() {
        return impostor.clone();
    }

    /** False match rate: share of impostor scores at or above the threshold. */
    public double fmr(double threshold) {
        return (impostor.length - lowerBound(impostor, threshold)) / (double) impostor.length;
    }

    /** False non-match rate: share of genuine scores below the threshold. */
    public double fnmr(double threshold) {
        return lowerBound(genuine, threshold) / (double) genuine.length;
    }

    /**
     * Smallest threshold whose measured FMR is at most {@code targetFmr}. When the target is below
     * what the impostor count can resolve (target < 1/impostors) this is just above the highest
     * impostor score, and {@link OperatingPoint#measurable()} says so.
     */
    public OperatingPoint operatingPoint(double targetFmr) {
        if (!(targetFmr >= 0 && targetFmr <= 1)) {
            throw new IllegalArgumentException("target FMR must be in [0,1]");
        }
        int allowed = (int) Math.floor(targetFmr * impostor.length); // impostors allowed at or above t
        double threshold;
        if (allowed >= impostor.length) {
            threshold = impostor[0];
        } else {
            // the (allowed+1)-th highest impostor must fall below the threshold
            threshold = Math.nextUp(impostor[impostor.length - 1 - allowed]);
            // ties with a lower impostor value are fine; ties above are excluded by nextUp
        }
        boolean measurable = targetFmr * impostor.length >= 1.0;
        return new OperatingPoint(targetFmr, threshold, fmr(threshold), fnmr(threshold), measurable);
    }

    /** Rates at a given threshold (target FMR reported as NaN). */
    public OperatingPoint at(double threshold) {
        return new OperatingPoint(Double.NaN, threshold, fmr(threshold), fnmr(threshold), true);
    }

    /**
     * Equal error rate: the candidate thresholds are all observed scores; the EER is the mean of FMR
     * and FNMR where their difference is smallest (the usual discrete estimate).
     */
    public EqualErrorRate equalErrorRate() {
        double bestGap = Double.MAX_VALUE;
        double bestRate = 1;
        double bestThreshold = 0;
        for (double t : candidateThresholds()) {
            double fmr = fmr(t);
            double fnmr = fnmr(t);
            double gap = Math.abs(fmr - fnmr);
            if (gap < bestGap || (gap == bestGap && (fmr + fnmr) / 2 < bestRate)) {
                bestGap = gap;
                bestRate = (fmr + fnmr) / 2;
                bestThreshold = t;
            }
        }
        return new EqualErrorRate(bestRate, bestThreshold);
    }

    /** Every distinct observed score plus one value above the maximum, ascending. */
    double[] candidateThresholds() {
        double[] all = new double[genuine.length + impostor.length + 1];
        System.arraycopy(genuine, 0, all, 0, genuine.length);
        System.arraycopy(impostor, 0, all, genuine.length, impostor.length);
        double max = Math.max(genuine[genuine.length - 1], impostor[impostor.length - 1]);
        all[all.length - 1] = Math.nextUp(max);
        Arrays.sort(all);
        return Arrays.stream(all).distinct().toArray();
    }

    public double minScore() {
        return Math.min(genuine[0], impostor[0]);
    }

    public double maxScore() {
        return Math.max(genuine[genuine.length - 1], impostor[impostor.length - 1]);
    }

    /** Index of the first element >= value in a sorted array. */
    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

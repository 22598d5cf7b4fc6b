package org.careid.fingerprint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decision thresholds on the SourceAFIS score scale. SourceAFIS shapes its score so that a threshold
 * of 10 points per decade of false-match rate applies (20 for FMR 1e-2, 30 for 1e-3, 40 for 1e-4);
 * the impostor scores measured on the FVC sets stay at or below that curve (docs/fingerprint.md).
 *
 * <p>1:N identification compares a probe with every enrolled template, so the chance that some
 * impostor passes grows about linearly with their number N: the threshold is the one for
 * FPIR / N, i.e. {@code 10 * log10(N / FPIR)}, and never below the 1:1 threshold.
 */
@ApplicationScoped
public class FingerprintThresholds {
    /** Points of SourceAFIS score per decade of false-match rate. */
    public static final double POINTS_PER_DECADE = 10.0;

    private final double targetFmr;
    private final double identificationTargetFpir;
    private final double consistencyFmr;

    @Inject
    public FingerprintThresholds(
            @ConfigProperty(name = "careid.fingerprint.target-fmr", defaultValue = "1e-4") double targetFmr,
            @ConfigProperty(name = "careid.fingerprint.identification-target-fpir", defaultValue = "1e-3") double identificationTargetFpir,
            @ConfigProperty(name = "careid.fingerprint.consistency-fmr", defaultValue = "1e-3") double consistencyFmr) {
        requireRate(targetFmr, "target-fmr");
        requireRate(identificationTargetFpir, "identification-target-fpir");
        requireRate(consistencyFmr, "consistency-fmr");
        this.targetFmr = targetFmr;
        this.identificationTargetFpir = identificationTargetFpir;
        this.consistencyFmr = consistencyFmr;
    }

    public static FingerprintThresholds defaults() {
        return new FingerprintThresholds(1e-4, 1e-3, 1e-3);
    }

    /** Score threshold for a false-match rate on the SourceAFIS scale (40 for 1e-4). */
    public static double thresholdForFmr(double fmr) {
        requireRate(fmr, "fmr");
        return -POINTS_PER_DECADE * Math.log10(fmr);
    }

    public double targetFmr() {
        return targetFmr;
    }

    /** 1:1 verification against a claimed staff member. */
    public double verification() {
        return thresholdForFmr(targetFmr);
    }

    /** 1:N identification over a gallery holding {@code templates} enrolled templates. */
    public double identification(int templates) {
        double perComparison = identificationTargetFpir / Math.max(1, templates);
        return Math.max(verification(), thresholdForFmr(perComparison));
    }

    /** Impressions of one finger at enrollment must match each other at least this well. */
    public double consistency() {
        return thresholdForFmr(consistencyFmr);
    }

    private static void requireRate(double rate, String name) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }
}

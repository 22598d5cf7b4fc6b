package org.careid.fingerprint;

/**
 * Maps a SourceAFIS score (raw, or fused by {@link FingerprintScoreFusion}, same scale) to the
 * estimated false-match rate it stands for, expressed as {@code -log10(FMR)}: 0 means "any impostor
 * scores this", 4 means "one impostor comparison in 10,000 scores this". Faces can be put on the same
 * scale from their own impostor distribution, so the auth fusion can add or compare the two.
 *
 * <p>Derivation: the empirical impostor survival function measured on 99,840 single-impression
 * impostor pairs of the four FVC sets (CLAHE-prepared), tabulated below, and SourceAFIS's published
 * shape (10 points per decade, 40 for 1e-4). The estimate is the smaller of the two, i.e. the more
 * cautious; the measured curve lies above SourceAFIS's line at every tabulated score (impostors were
 * rarer than SourceAFIS claims, e.g. 2.9e-4 instead of 1e-3 at 30), so in effect the estimate is
 * score / 10, and the table guards against a sensor whose impostors score higher. Checked held out
 * (table refitted without each FVC database, claims checked on it): never above the claimed FMR on
 * single comparisons; on fused three-impression scores strength 2 was reached by 1.5e-2 of impostor
 * trials (docs/fingerprint.md). Capped at {@link #MAX_LOG_FMR}.
 */
public final class FingerprintScoreNormalizer {
    /** No claim beyond 1e-8: neither the data nor the vendor's calibration reach further. */
    public static final double MAX_LOG_FMR = 8.0;

    /** Measured: score, -log10 of the share of impostor pairs scoring at least that. */
    private static final double[][] MEASURED = {
        {0, 0}, {2, 0.403}, {4, 0.717}, {6, 0.931}, {8, 1.154}, {10, 1.377}, {12, 1.582}, {14, 1.803},
        {16, 2.019}, {18, 2.221}, {20, 2.413}, {22, 2.641}, {24, 2.815}, {26, 3.022}, {28, 3.300},
        {30, 3.537}, {32, 3.744}, {35, 3.999},
    };

    private FingerprintScoreNormalizer() {
    }

    /** Estimated {@code -log10(FMR)} at this score, 0 to {@link #MAX_LOG_FMR}. */
    public static double toLogFmr(double score) {
        if (Double.isNaN(score) || score <= 0) {
            return 0;
        }
        double vendor = score / FingerprintThresholds.POINTS_PER_DECADE;
        return Math.min(MAX_LOG_FMR, Math.min(vendor, measured(score)));
    }

    /** Estimated false-match rate of a single comparison at this score. */
    public static double estimatedFmr(double score) {
        return Math.pow(10, -toLogFmr(score));
    }

    private static double measured(double score) {
        for (int i = 1; i < MEASURED.length; i++) {
            if (score <= MEASURED[i][0]) {
                double[] a = MEASURED[i - 1];
                double[] b = MEASURED[i];
                return a[1] + (score - a[0]) / (b[0] - a[0]) * (b[1] - a[1]);
            }
        }
        double[] last = MEASURED[MEASURED.length - 1];
        return last[1] + (score - last[0]) / FingerprintThresholds.POINTS_PER_DECADE;
    }
}

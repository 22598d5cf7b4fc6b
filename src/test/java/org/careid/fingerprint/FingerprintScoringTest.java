package org.careid.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Thresholds, fusion and normalisation: the arithmetic the auth package relies on. */
class FingerprintScoringTest {
    @Test
    void thresholdsFollowTheSourceAfisScale() {
        assertEquals(40, FingerprintThresholds.thresholdForFmr(1e-4), 1e-9);
        assertEquals(30, FingerprintThresholds.thresholdForFmr(1e-3), 1e-9);
        FingerprintThresholds defaults = FingerprintThresholds.defaults();
        assertEquals(40, defaults.verification(), 1e-9);
        assertEquals(30, defaults.consistency(), 1e-9);
        // FPIR 1e-3 over 3,000 templates: per comparison 3.3e-7, threshold 64.8.
        assertEquals(64.77, defaults.identification(3000), 0.01);
        assertEquals(40, defaults.identification(1), 1e-9, "never below the 1:1 threshold");
        assertTrue(defaults.identification(10_000) > defaults.identification(1000));
        assertThrows(IllegalArgumentException.class, () -> new FingerprintThresholds(0, 1e-3, 1e-3));
    }

    @Test
    void fusionWeighsTheSecondBestImpression() {
        assertEquals(55, FingerprintScoreFusion.fuse(55), 1e-9);
        assertEquals((60 + 0.5 * 20) / 1.22, FingerprintScoreFusion.fuse(20, 3, 60), 1e-9);
        assertEquals(FingerprintScoreFusion.fuse(60, 20, 3), FingerprintScoreFusion.fuse(3, 20, 60), 1e-9);
        assertEquals(0, FingerprintScoreFusion.fuse(), 1e-9);
    }

    @Test
    void normaliserIsMonotonicAndCautious() {
        double previous = -1;
        for (double score = 0; score <= 200; score += 0.5) {
            double value = FingerprintScoreNormalizer.toLogFmr(score);
            assertTrue(value >= previous, "not monotonic at " + score);
            assertTrue(value <= score / 10 + 1e-9, "claims more than SourceAFIS at " + score);
            previous = value;
        }
        assertEquals(4.0, FingerprintScoreNormalizer.toLogFmr(40), 1e-9);
        assertEquals(1e-4, FingerprintScoreNormalizer.estimatedFmr(40), 1e-12);
        assertEquals(FingerprintScoreNormalizer.MAX_LOG_FMR, FingerprintScoreNormalizer.toLogFmr(500), 1e-9);
        assertEquals(0, FingerprintScoreNormalizer.toLogFmr(-3), 1e-9);
        assertEquals(0.5, FingerprintScoreNormalizer.toLogFmr(5), 0.2);
    }
}

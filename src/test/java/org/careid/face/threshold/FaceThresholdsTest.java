package org.careid.face.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.careid.biometric.evaluation.ScoreDistribution;
import org.careid.face.evaluation.FaceCalibrationFit;
import org.junit.jupiter.api.Test;

class FaceThresholdsTest {

    private static FaceCalibration synthetic() {
        Random r = new Random(5);
        double[] gen = new double[500];
        double[] imp = new double[20000];
        for (int i = 0; i < gen.length; i++) {
            gen[i] = 0.7 + 0.1 * r.nextGaussian();
        }
        for (int i = 0; i < imp.length; i++) {
            imp[i] = 0.1 * r.nextGaussian();
        }
        return FaceCalibrationFit.measure("synthetic", new ScoreDistribution(gen, imp));
    }

    @Test
    void stricterTargetsGiveHigherThresholds() {
        FaceThresholds t = new FaceThresholds(synthetic(), 1e-4, 1e-3, 0.05);
        assertTrue(t.thresholdForFmr(1e-2) < t.thresholdForFmr(1e-3));
        assertTrue(t.thresholdForFmr(1e-3) < t.thresholdForFmr(1e-4));
        assertTrue(t.thresholdForFmr(1e-4) < t.thresholdForFmr(1e-6));
        assertEquals(t.thresholdForFmr(1e-4), t.verificationThreshold(), 1e-12);
    }

    @Test
    void identificationThresholdGrowsWithTheGallery() {
        FaceThresholds t = new FaceThresholds(synthetic(), 1e-4, 1e-3, 0.05);
        double t1 = t.identificationThreshold(1);
        double t1k = t.identificationThreshold(1000);
        double t100k = t.identificationThreshold(100_000);
        assertEquals(t.verificationThreshold(), t1, 1e-12, "never below the 1:1 threshold");
        assertTrue(t1k > t1 && t100k > t1k, t1 + " " + t1k + " " + t100k);
        // per-comparison FMR for N=1000 and FPIR 1e-3 is 1e-6
        assertEquals(t.thresholdForFmr(1e-6), t1k, 1e-12);
    }

    @Test
    void bundledCalibrationTableLoads() {
        FaceCalibration c = FaceCalibration.bundled();
        assertNotNull(c, "src/main/resources/" + FaceCalibration.RESOURCE);
        assertTrue(c.impostorPairs() > 1000);
        FaceThresholds t = new FaceThresholds(c, 1e-4, 1e-3, 0.05);
        assertTrue(t.verificationThreshold() > 0.2 && t.verificationThreshold() < 0.8, "threshold " + t.verificationThreshold());
    }
}

package org.careid.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.careid.fingerprint.image.GeneratedImages;
import org.junit.jupiter.api.Test;

class FingerprintQualityGateTest {
    private final FingerprintPipeline pipeline = FingerprintPipeline.standalone(true);
    private final FingerprintQualityGate gate = FingerprintQualityGate.defaults();

    @Test
    void blankImageIsRefusedWithReasons() {
        ExtractedFingerprint blank = pipeline.extract(GeneratedImages.encode(GeneratedImages.blank(400, 400), "png"), 500);
        List<String> reasons = gate.check(blank.quality());
        assertTrue(blank.quality().minutiae() < 10, "minutiae " + blank.quality().minutiae());
        assertFalse(reasons.isEmpty());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("minutiae")), reasons.toString());
    }

    @Test
    void noiseImageIsRefusedWithReasons() {
        ExtractedFingerprint noise = pipeline.extract(GeneratedImages.encode(GeneratedImages.noise(400, 400, 7), "png"), 500);
        assertFalse(gate.check(noise.quality()).isEmpty(), "noise passed: " + noise.quality());
    }

    @Test
    void realImpressionPasses() {
        ExtractedFingerprint real = pipeline.extract(TestData.fvc("fvc2002_db1_b_101", 1), 500);
        assertEquals(List.of(), gate.check(real.quality()));
        assertTrue(real.quality().usableFraction() > 0.2 && real.quality().usableFraction() <= 1.0);
        assertEquals(real.quality().minutiae(), FingerprintTemplates.minutiaeCount(real.template()));
    }

    @Test
    void reasonsNameBothShortcomings() {
        List<String> reasons = gate.check(new FingerprintQuality(3, 0.05, 0.05, 12));
        assertEquals(2, reasons.size());
    }
}

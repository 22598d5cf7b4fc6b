package org.careid.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredFingerprintTemplateTest {
    private final FingerprintPipeline pipeline = FingerprintPipeline.standalone(true);

    @Test
    void roundTripKeepsScores() {
        FingerprintTemplate original = pipeline.extract(TestData.fvc("fvc2002_db2_b_101", 1), 569).template();
        FingerprintTemplate probe = pipeline.extract(TestData.fvc("fvc2002_db2_b_101", 2), 569).template();
        StoredFingerprintTemplate stored = StoredFingerprintTemplate.of(original, 7, 569);
        assertTrue(stored.isCurrentVersion());
        assertEquals(569, stored.dpi());
        FingerprintMatcher matcher = new FingerprintMatcher(probe);
        assertEquals(matcher.match(original), matcher.match(stored.toTemplate()), 1e-9);
    }

    @Test
    void templateOfAnotherVersionMustBeReextracted() {
        byte[] image = TestData.fvc("fvc2002_db1_b_104", 1);
        StoredFingerprintTemplate current = StoredFingerprintTemplate.of(pipeline.extract(image, 500).template(), 1, 500);
        StoredFingerprintTemplate old = new StoredFingerprintTemplate("3.0.0", 1, 500, current.bytes());
        assertFalse(old.isCurrentVersion());
        assertTrue(FingerprintReextraction.needsReextraction(old));
        assertThrows(IllegalStateException.class, old::toTemplate);
        List<StoredFingerprintTemplate> rebuilt = new FingerprintReextraction(pipeline).reextract(List.of(image), 500, 1);
        assertTrue(rebuilt.get(0).isCurrentVersion());
        FingerprintMatcher matcher = new FingerprintMatcher(rebuilt.get(0).toTemplate());
        assertEquals(matcher.match(current.toTemplate()), matcher.match(rebuilt.get(0).toTemplate()), 1e-9);
    }

    @Test
    void fingerPositionIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new StoredFingerprintTemplate("3.18.1", 11, 500, new byte[1]));
    }
}

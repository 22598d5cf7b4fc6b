package org.careid.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.machinezoo.sourceafis.FingerprintMatcher;
import java.util.List;
import org.careid.fingerprint.image.GeneratedImages;
import org.junit.jupiter.api.Test;

class FingerprintEnrollmentTest {
    private static final String FINGER = "fvc2002_db1_b_103";
    private final FingerprintEnrollment enrollment = new FingerprintEnrollment(FingerprintPipeline.standalone(true),
            FingerprintQualityGate.defaults(), FingerprintThresholds.defaults());

    @Test
    void threeImpressionsOfOneFingerAreEnrolled() {
        FingerprintEnrollmentResult result = enrollment.enroll(
                List.of(TestData.fvc(FINGER, 1), TestData.fvc(FINGER, 2), TestData.fvc(FINGER, 3)), 500, 2);
        assertTrue(result.accepted(), result.reasons().toString());
        assertEquals(3, result.templates().size());
        assertEquals(2, result.templates().get(0).finger());
        assertEquals(FingerprintTemplates.sourceAfisVersion(), result.templates().get(0).sourceAfisVersion());
        // The stored templates still match a later impression of the finger.
        double score = new FingerprintMatcher(result.templates().get(0).toTemplate())
                .match(FingerprintPipeline.standalone(true).extract(TestData.fvc(FINGER, 4), 500).template());
        assertTrue(score > 0);
    }

    @Test
    void ofMoreThanThreeImpressionsThreeAreKeptByTheConfiguredRule() {
        List<byte[]> five = List.of(TestData.fvc(FINGER, 1), TestData.fvc(FINGER, 2), TestData.fvc(FINGER, 3),
                TestData.fvc(FINGER, 4), TestData.fvc(FINGER, 5));
        FingerprintEnrollmentResult first = enrollment.enroll(five, 500, 2);
        assertTrue(first.accepted(), first.reasons().toString());
        assertEquals(List.of(0, 1, 2), first.kept());
        assertEquals(3, first.templates().size());
        assertEquals(5, first.qualities().size());
        for (ImpressionSelection.Rule rule : ImpressionSelection.Rule.values()) {
            FingerprintEnrollment selecting = new FingerprintEnrollment(FingerprintPipeline.standalone(true),
                    FingerprintQualityGate.defaults(), FingerprintThresholds.defaults(), rule);
            FingerprintEnrollmentResult result = selecting.enroll(five, 500, 2);
            assertTrue(result.accepted(), rule + ": " + result.reasons());
            assertEquals(3, result.kept().size(), rule.toString());
            assertEquals(3, result.templates().size(), rule.toString());
            // the stored templates are those of the kept impressions, in upload order
            for (int i = 0; i < 3; i++) {
                byte[] expected = FingerprintPipeline.standalone(true).extract(five.get(result.kept().get(i)), 500).template().toByteArray();
                assertTrue(java.util.Arrays.equals(expected, result.templates().get(i).bytes()), rule + " impression " + result.kept().get(i));
            }
        }
        // three impressions are all kept whatever the rule
        FingerprintEnrollmentResult three = new FingerprintEnrollment(FingerprintPipeline.standalone(true), FingerprintQualityGate.defaults(),
                FingerprintThresholds.defaults(), ImpressionSelection.Rule.MUTUAL).enroll(five.subList(0, 3), 500, 2);
        assertEquals(List.of(0, 1, 2), three.kept());
    }

    @Test
    void impressionsOfDifferentFingersAreRefusedWithReasons() {
        FingerprintEnrollmentResult result = enrollment.enroll(
                List.of(TestData.fvc(FINGER, 1), TestData.fvc(FINGER, 2), TestData.fvc("fvc2002_db1_b_105", 1)), 500, 2);
        assertFalse(result.accepted());
        assertTrue(result.templates().isEmpty());
        assertTrue(result.reasons().stream().anyMatch(r -> r.startsWith("impression 3 matches none")), result.reasons().toString());
    }

    @Test
    void threeDifferentFingersAreRefused() {
        FingerprintEnrollmentResult result = enrollment.enroll(List.of(TestData.fvc("fvc2002_db1_b_101", 1),
                TestData.fvc("fvc2002_db1_b_102", 1), TestData.fvc("fvc2002_db1_b_104", 1)), 500, 1);
        assertFalse(result.accepted());
        assertEquals(3, result.reasons().size(), result.reasons().toString());
    }

    @Test
    void blankImpressionFailsTheQualityGate() {
        byte[] blank = GeneratedImages.encode(GeneratedImages.blank(388, 374), "png");
        FingerprintEnrollmentResult result = enrollment.enroll(List.of(TestData.fvc(FINGER, 1), TestData.fvc(FINGER, 2), blank), 500, 2);
        assertFalse(result.accepted());
        assertTrue(result.reasons().stream().anyMatch(r -> r.startsWith("impression 3: too few minutiae")), result.reasons().toString());
        assertEquals(3, result.qualities().size());
    }

    @Test
    void tooFewImpressionsAreRefused() {
        byte[] image = GeneratedImages.encode(GeneratedImages.ridges(300, 300), "png");
        FingerprintEnrollmentResult result = enrollment.enroll(List.of(image, image), 500, 1);
        assertFalse(result.accepted());
        assertTrue(result.reasons().get(0).contains("impressions"));
    }

    @Test
    void badFingerPositionThrowsAndAnUnreadableImpressionIsRefusedByNumber() {
        byte[] image = GeneratedImages.encode(GeneratedImages.ridges(300, 300), "png");
        assertThrows(IllegalArgumentException.class, () -> enrollment.enroll(List.of(image, image, image), 500, 11));
        FingerprintEnrollmentResult result = enrollment.enroll(List.of(image, image, new byte[] {1, 2, 3, 4, 5}), 500, 1);
        assertFalse(result.accepted());
        assertTrue(result.reasons().stream().anyMatch(r -> r.startsWith("impression 3: not a fingerprint image the server can read")),
                result.reasons().toString());
    }
}

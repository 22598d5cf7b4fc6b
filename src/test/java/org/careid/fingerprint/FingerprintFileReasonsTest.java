package org.careid.fingerprint;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.Enroll;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Fingerprint enrollment says what is wrong with each file: a face photo or unreadable file is not
 * "another finger"; and a finger enrolled for someone else names that person to the operator.
 */
@QuarkusTest
class FingerprintFileReasonsTest {
    private static final String FINGER = "fingerprints/fvc2002_db1_b_110/110_";

    @Test
    void eachRefusedFileGetsItsOwnReason() {
        String staff = Api.createStaff();
        Enroll.consent(staff);
        given().header("Authorization", "Bearer " + Api.admin()).multiPart("finger", "2")
                .multiPart("impressions", "a.tif", Datasets.bytes(FINGER + "1.tif"), "image/tiff")
                .multiPart("impressions", "face.jpg", Datasets.bytes("faces/fr_obama/obama1.jpg"), "image/jpeg")
                .multiPart("impressions", "notes.txt", "minutes of the meeting".getBytes(), "text/plain")
                .post("/api/v1/staff/" + staff + "/fingerprints").then().statusCode(422)
                .body("type", equalTo(ProblemType.ENROLLMENT_REFUSED.uri()))
                .body("impressions", hasSize(2))
                .body("impressions[0].index", equalTo(1))
                .body("impressions[0].reasons[0]", containsString("not a fingerprint"))
                .body("impressions[1].index", equalTo(2))
                .body("impressions[1].reasons[0]", containsString("not a fingerprint image the server can read"));
    }

    @Test
    void photosAndDrawingsAreRefusedAsNotAFingerprintAndRealImpressionsAreNot() {
        FingerprintEnrollment enrollment = new FingerprintEnrollment(FingerprintPipeline.standalone(true),
                FingerprintQualityGate.defaults(), FingerprintThresholds.defaults());
        byte[] drawing = org.careid.fingerprint.image.GeneratedImages.encode(drawing(), "png");
        for (byte[] picture : List.of(Datasets.bytes("faces/fr_biden/biden.jpg"), Datasets.bytes("faces/fr_obama/obama2.jpg"), drawing)) {
            FingerprintEnrollmentResult result = enrollment.enroll(
                    List.of(Datasets.bytes(FINGER + "1.tif"), picture, Datasets.bytes(FINGER + "2.tif")), 500, 2);
            assertFalse(result.accepted());
            assertTrue(result.reasons().stream().anyMatch(r -> r.startsWith("impression 2: " + FingerprintQualityGate.NOT_A_FINGERPRINT)),
                    result.reasons().toString());
            assertFalse(result.reasons().stream().anyMatch(r -> r.startsWith("impression 1:") || r.startsWith("impression 3:")),
                    result.reasons().toString());
        }
        // The grey ridge-pattern check alone: a photo in grey fails it, no real impression does.
        FingerprintPipeline pipeline = FingerprintPipeline.standalone(true);
        FingerprintQualityGate gate = FingerprintQualityGate.defaults();
        assertTrue(gate.check(pipeline.extract(Datasets.bytes("faces/fr_obama/obama1.jpg"), 500).quality()).stream()
                .anyMatch(r -> r.startsWith(FingerprintQualityGate.NOT_A_FINGERPRINT)));
        for (int i = 1; i <= 8; i++) {
            FingerprintQuality q = pipeline.extract(Datasets.bytes(FINGER + i + ".tif"), 500).quality();
            assertFalse(gate.check(q).stream().anyMatch(r -> r.startsWith(FingerprintQualityGate.NOT_A_FINGERPRINT)), i + ": " + q);
        }
    }

    /** Ink on white that someone might scan by mistake: a house, a sun and a word. */
    private static java.awt.image.BufferedImage drawing() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(400, 400, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 400, 400);
        g.setColor(java.awt.Color.BLACK);
        g.setStroke(new java.awt.BasicStroke(4));
        g.drawRect(80, 180, 200, 160);
        g.drawLine(80, 180, 180, 90);
        g.drawLine(180, 90, 280, 180);
        g.drawOval(300, 30, 70, 70);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 36));
        g.drawString("HOME", 120, 390);
        g.dispose();
        return image;
    }

    @Test
    void aDuplicateFingerNamesThePersonWhoHasIt() {
        String first = Api.createStaff();
        Enroll.consent(first);
        // impressions 4, 5 and 8 match one another (impression 6 overlaps 4 and 5 too little since the Gabor step)
        Enroll.finger(first, 7, 500, FINGER + "4.tif", FINGER + "5.tif", FINGER + "8.tif");
        String employeeId = Api.as(Api.admin()).get("/api/v1/staff/" + first).then().extract().path("employeeId");
        String second = Api.createStaff();
        Enroll.consent(second);
        given().header("Authorization", "Bearer " + Api.admin()).multiPart("finger", "7")
                .multiPart("impressions", "a.tif", Datasets.bytes(FINGER + "4.tif"), "image/tiff")
                .multiPart("impressions", "b.tif", Datasets.bytes(FINGER + "5.tif"), "image/tiff")
                .multiPart("impressions", "c.tif", Datasets.bytes(FINGER + "8.tif"), "image/tiff")
                .post("/api/v1/staff/" + second + "/fingerprints").then().statusCode(409)
                .body("type", equalTo(ProblemType.DUPLICATE_IDENTITY.uri()))
                .body("existingStaff.id", equalTo(first))
                .body("existingStaff.employeeId", equalTo(employeeId))
                .body("detail", containsString(employeeId));
    }
}

package org.careid.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.DeviceKey;
import org.careid.support.Enroll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The passive presentation-attack verdict in decisions, with NUAA subject 0001 (640x480 webcam):
 * enrolled from live captures, the live person authenticates, a hand-held print of them gets the
 * generic 401 with the verdict and score in the audit, two prints raise a threat alert on the
 * person, and enrollment (subject 0002) refuses a printed or tablet sample with 422
 * presentation-attack-suspected.
 */
@QuarkusTest
class PresentationAttackTest {
    private static final String LIVE = "spoof/nuaa/ClientRaw/0001/0001_00_00_01_";
    private static final String PRINT = "spoof/nuaa/ImposterRaw/0001/0001_00_00_01_";
    private static final String TABLET = "spoof/silentface_minivision/image_F2.jpg";
    /** Another NUAA subject's live capture, for the enrollment test (one face enrolls once per database). */
    private static final String OTHER_LIVE = "spoof/nuaa/ClientRaw/0002/0002_01_00_01_116.jpg";

    private static ValidatableResponse faceAuth(DeviceKey device, String photo, String staffId) {
        return Api.asDevice(device).multiPart("image", "probe.jpg", Datasets.bytes(photo), "image/jpeg")
                .multiPart("scope", "patient/*.read").multiPart("staffId", staffId).post("/api/v1/auth/face").then();
    }

    @Test
    void aPrintedPhotoGetsTheGenericAnswerAnAuditedVerdictAndAnAlert() throws Exception {
        Datasets.bytes(LIVE + "123.jpg");
        String staff = Api.createStaff("patient/*.read");
        Enroll.consent(staff);
        Enroll.faces(staff, LIVE + "123.jpg", LIVE + "202.jpg", LIVE + "282.jpg");
        DeviceKey device = Api.provisionedDevice("bedside", "ICU");
        faceAuth(device, LIVE + "365.jpg", staff).statusCode(200);
        for (String print : List.of("102.jpg", "152.jpg")) {
            faceAuth(device, PRINT + print, staff).statusCode(401)
                    .body("type", equalTo("https://careid.org/problems/authentication-failed"))
                    .body("title", equalTo("Authentication failed"))
                    .body("detail", equalTo("The person could not be authenticated at this device"));
        }
        String detail = null;
        for (int i = 0; i < 100 && detail == null; i++) {
            JsonPath page = Api.as(Api.operator("AUDITOR")).queryParam("action", "AUTH_FAILED")
                    .queryParam("actorId", device.id.toString()).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
            if (page.getInt("total") >= 2) {
                detail = String.join("\n", page.<String>getList("items.detail"));
            } else {
                Thread.sleep(100);
            }
        }
        assertTrue(detail != null && detail.contains("presentation attack suspected (passive)"), String.valueOf(detail));
        assertTrue(detail.contains("\"verdict\":\"attack\"") && detail.contains("\"method\":\"passive\"")
                && detail.contains("\"threshold\":0.32") && detail.contains("\"score\":0.0"), detail);
        boolean alerted = false;
        for (int i = 0; i < 100 && !alerted; i++) {
            alerted = Api.as(Api.operator("AUDITOR")).queryParam("detector", "presentation-attack").queryParam("subjectId", staff)
                    .get("/api/v1/threats/alerts").then().statusCode(200).extract().<Integer>path("total") >= 1;
            if (!alerted) {
                Thread.sleep(100);
            }
        }
        assertTrue(alerted, "two refused prints of one person raise a presentation-attack alert");
    }

    @Test
    void enrollmentRefusesPrintedAndTabletSamplesAndStoresNothing() {
        Datasets.bytes(TABLET);
        String staff = Api.createStaff("patient/*.read");
        Enroll.consent(staff);
        given().header("Authorization", "Bearer " + Api.admin())
                .multiPart("images", "live.jpg", Datasets.bytes(OTHER_LIVE), "image/jpeg")
                .multiPart("images", "print.jpg", Datasets.bytes(PRINT + "201.jpg"), "image/jpeg")
                .multiPart("images", "tablet.jpg", Datasets.bytes(TABLET), "image/jpeg")
                .post("/api/v1/staff/" + staff + "/faces").then().statusCode(422)
                .body("type", equalTo("https://careid.org/problems/presentation-attack-suspected"))
                .body("reason", equalTo("PRESENTATION_ATTACK_SUSPECTED")).body("samples", contains(1, 2))
                .body("detail", containsString("photo or a screen"));
        Api.as(Api.admin()).get("/api/v1/staff/" + staff + "/biometrics").then().statusCode(200).body("face", equalTo(null));
        Api.as(Api.operator("AUDITOR")).queryParam("action", "FACE_ENROLLMENT_REFUSED").queryParam("targetId", staff)
                .get("/api/v1/audit").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].detail", containsString("padScores"));
        // the live sample alone is accepted
        given().header("Authorization", "Bearer " + Api.admin())
                .multiPart("images", "live.jpg", Datasets.bytes(OTHER_LIVE), "image/jpeg")
                .post("/api/v1/staff/" + staff + "/faces").then().statusCode(200).body("accepted", equalTo(1));
    }
}

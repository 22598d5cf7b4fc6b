package org.careid.face;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.careid.support.Api;
import org.careid.support.CameraClip;
import org.careid.support.DeviceKey;
import org.careid.support.Enroll;
import org.careid.support.VideoFrames;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Face enrollment through the head-turn challenge at the kiosk, with frames of the real camera clip
 * ({@link CameraClip}): a live turn enrolls the burst's verified frontal frames; a still photo's
 * burst is refused and stores nothing; a nonce answers once, only for the operator it was issued to,
 * the person it names and enrollment (never a device's authentication, and the other way round).
 */
@QuarkusTest
class EnrollmentChallengeTest {
    private static final String STILL = "video/still_face_obama_small_640x480_10fps_2s.y4m";
    private static final String REFUSED = "https://careid.org/problems/presentation-attack-suspected";

    private static JsonPath challenge(String operator, String staff) {
        return Api.as(operator).post("/api/v1/staff/" + staff + "/faces/challenge").then().statusCode(200)
                .body("nonce", notNullValue()).body("instruction", hasSize(1)).body("deadlineMs", equalTo(4000))
                .extract().jsonPath();
    }

    private static ValidatableResponse burst(String operator, String staff, String nonce, List<byte[]> frames) {
        RequestSpecification r = given().header("Authorization", "Bearer " + operator).multiPart("nonce", nonce);
        for (int i = 0; i < frames.size(); i++) {
            r = r.multiPart("frames", "f" + i + ".jpg", frames.get(i), "image/jpeg");
        }
        return r.post("/api/v1/staff/" + staff + "/faces/challenge/burst").then();
    }

    private static int faceSamples(String staff) {
        Integer n = Api.as(Api.admin()).get("/api/v1/staff/" + staff + "/biometrics").then().statusCode(200)
                .extract().path("face.samples");
        return n == null ? 0 : n;
    }

    /** The newest audit entry of this action about this person containing the words (the chain is appended soon after). */
    private static String lastAudit(String action, String staff, String words) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 100; i++) {
            JsonPath page = Api.as(Api.operator("AUDITOR")).queryParam("action", action).queryParam("targetId", staff)
                    .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            last = items.stream().max(java.util.Comparator.comparingLong(m -> ((Number) m.get("seq")).longValue()))
                    .map(m -> String.valueOf(m.get("detail"))).orElse("");
            if (last.contains(words)) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }

    @Test
    void aLiveTurnEnrollsItsFrontalFramesAndItsNonceAnswersOnce() throws Exception {
        String staff = CameraClip.clinician();
        int before = faceSamples(staff);
        String enroller = Api.operator("ENROLLER");
        JsonPath c = challenge(enroller, staff);
        List<byte[]> answer = CameraClip.liveAnswer(c.getString("instruction[0]"));
        int accepted = burst(enroller, staff, c.getString("nonce"), answer).statusCode(200)
                .body("accepted", greaterThan(0)).body("enrolled", equalTo(true)).extract().path("accepted");
        assertTrue(accepted <= 3, "at most three samples from one burst: " + accepted);
        assertEquals(before + accepted, faceSamples(staff), "the burst's frontal frames were stored");
        String enrolled = lastAudit("FACE_ENROLLED", staff, "\"source\":\"challenge\"");
        assertTrue(enrolled.contains("\"source\":\"challenge\""), "audited as a challenge enrollment: " + enrolled);
        // the very burst that passed, with its nonce again: refused, nothing more stored
        burst(enroller, staff, c.getString("nonce"), answer).statusCode(422).body("type", equalTo(REFUSED))
                .body("reason", equalTo("CHALLENGE_EXPIRED"));
        assertEquals(before + accepted, faceSamples(staff));
    }

    @Test
    void aStillPhotosBurstIsRefusedAndNothingIsStored() throws Exception {
        String staff = Api.createStaff();
        Enroll.consent(staff);
        String enroller = Api.operator("ENROLLER");
        JsonPath c = challenge(enroller, staff);
        burst(enroller, staff, c.getString("nonce"), VideoFrames.y4m(STILL)).statusCode(422).body("type", equalTo(REFUSED))
                .body("reason", equalTo("CHALLENGE_FAILED")).body("detail", containsString("nothing was stored"));
        assertEquals(0, faceSamples(staff));
        String audited = lastAudit("FACE_ENROLLMENT_REFUSED", staff, "no motion");
        assertTrue(audited.contains("no motion"), audited);
    }

    @Test
    void aNonceAnswersOnlyItsOperatorItsPersonAndEnrollment() {
        String staff = Api.createStaff();
        Enroll.consent(staff);
        String other = Api.createStaff();
        Enroll.consent(other);
        String enroller = Api.operator("ENROLLER");
        String admin = Api.admin();
        List<byte[]> frames = VideoFrames.y4m(STILL);
        String nonce = challenge(enroller, staff).getString("nonce");
        // another operator, another person, a device: none can use it
        burst(admin, staff, nonce, frames).statusCode(422).body("reason", equalTo("CHALLENGE_EXPIRED"));
        burst(enroller, other, nonce, frames).statusCode(422).body("reason", equalTo("CHALLENGE_EXPIRED"));
        DeviceKey device = Api.provisionedDevice("bedside", "ICU");
        RequestSpecification asDevice = Api.asDevice(device).multiPart("nonce", nonce).multiPart("scope", "device:unlock");
        for (int i = 0; i < frames.size(); i++) {
            asDevice = asDevice.multiPart("frames", "f" + i + ".jpg", frames.get(i), "image/jpeg");
        }
        asDevice.post("/api/v1/auth/face/challenge/burst").then().statusCode(401);
        // a device's own challenge does not answer an enrollment
        String deviceNonce = Api.asDevice(device).post("/api/v1/auth/face/challenge").then().statusCode(200)
                .extract().path("nonce");
        burst(enroller, staff, deviceNonce, frames).statusCode(422).body("reason", equalTo("CHALLENGE_EXPIRED"));
        // devices cannot ask for an enrollment challenge at all
        Api.asDevice(device).post("/api/v1/staff/" + staff + "/faces/challenge").then().statusCode(403);
    }

    @Test
    void noChallengeWithoutConsent() {
        String staff = Api.createStaff();
        Api.as(Api.operator("ENROLLER")).post("/api/v1/staff/" + staff + "/faces/challenge").then().statusCode(409)
                .body("type", equalTo("https://careid.org/problems/consent-required"));
        Api.as(Api.admin()).get("/api/v1/staff/" + staff + "/biometrics").then().statusCode(200).body("face", nullValue());
    }
}

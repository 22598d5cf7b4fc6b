package org.careid.auth;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.careid.support.Api;
import org.careid.support.CameraClip;
import org.careid.support.DeviceKey;
import org.careid.support.VideoFrames;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The active head-turn challenge through the API with the real camera clip ({@link CameraClip}). A live
 * turn in the requested direction unlocks; a still photo, a frozen feed, a photo tilted or waved by
 * hand, a replayed burst, a late burst and a turn the wrong way are refused with the generic 401 and
 * an audited reason. The refused bursts claim nobody (1:N), so they count towards the fresh device's
 * lockout only, not the shared clinician's.
 */
@QuarkusTest
class FaceChallengeTest {
    private static final String STILL = "video/still_face_obama_small_640x480_10fps_2s.y4m";
    /** A frontal frame of the shot (face centre about (202, 108) px). */
    private static final int FRONTAL = 56;
    private static final double FACE_X = 202;
    private static final double FACE_Y = 108;
    private static final String SCOPES = "device:unlock";

    private static String clinician() {
        return CameraClip.clinician();
    }

    private static List<byte[]> rightTurn() {
        return CameraClip.rightTurn();
    }

    private static List<byte[]> liveAnswer(String direction) {
        return CameraClip.liveAnswer(direction);
    }

    private static JsonPath challenge(DeviceKey device) {
        return Api.asDevice(device).post("/api/v1/auth/face/challenge").then().statusCode(200)
                .body("nonce", notNullValue()).body("instruction", hasSize(1)).body("deadlineMs", equalTo(4000))
                .body("prompt", containsString("turn your head")).extract().jsonPath();
    }

    private static ValidatableResponse burst(DeviceKey device, String nonce, List<byte[]> frames, String staffId) {
        RequestSpecification r = Api.asDevice(device).multiPart("nonce", nonce).multiPart("scope", SCOPES);
        if (staffId != null) {
            r = r.multiPart("staffId", staffId);
        }
        for (int i = 0; i < frames.size(); i++) {
            r = r.multiPart("frames", "f" + i + ".jpg", frames.get(i), "image/jpeg");
        }
        return r.post("/api/v1/auth/face/challenge/burst").then();
    }

    /** The device's latest failed attempt in the audit trail (recorded asynchronously). */
    private static String lastFailure(DeviceKey device, int failuresSoFar) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonPath page = Api.as(Api.operator("AUDITOR")).queryParam("action", "AUTH_FAILED")
                    .queryParam("actorId", device.id.toString()).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
            if (page.getInt("total") >= failuresSoFar) {
                List<Map<String, Object>> items = page.getList("items");
                return items.stream().max(java.util.Comparator.comparingLong(m -> ((Number) m.get("seq")).longValue()))
                        .map(m -> (String) m.get("detail")).orElseThrow();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no audited failure for device " + device.id);
    }

    private static void refused(ValidatableResponse response) {
        response.statusCode(401).body("type", equalTo("https://careid.org/problems/authentication-failed"))
                .body("title", equalTo("Authentication failed"));
    }

    @Test
    void liveTurnUnlocksAndItsBurstCannotBeReplayed() throws Exception {
        String staff = clinician();
        DeviceKey device = Api.provisionedDevice("bedside", "ICU");
        List<byte[]> right = liveAnswer("right");
        List<byte[]> left = liveAnswer("left");
        JsonPath c = challenge(device);
        List<byte[]> answer = c.getString("instruction[0]").equals("right") ? right : left;
        ValidatableResponse passed = burst(device, c.getString("nonce"), answer, staff);
        if (passed.extract().statusCode() != 200) {
            throw new AssertionError("the live turn was refused: " + lastFailure(device, 1));
        }
        passed.body("scope", containsString("device:unlock")).body("amr", hasItem("face"));
        // 1:N: the same live turn without a claimed identity
        JsonPath c2 = challenge(device);
        String token = burst(device, c2.getString("nonce"), c2.getString("instruction[0]").equals("right") ? right : left, null)
                .statusCode(200).extract().path("access_token");
        Api.asDevice(device).formParam("token", token).post("/api/v1/tokens/introspect").then().body("sub", equalTo(staff));
        // the same nonce again, with the very burst that passed: refused
        refused(burst(device, c.getString("nonce"), answer, staff));
        assertTrue(lastFailure(device, 1).contains("already used"), "replay reason audited");
    }

    @Test
    void aTurnTheWrongWayIsRefused() throws Exception {
        clinician();
        DeviceKey device = Api.provisionedDevice("bedside", "ICU");
        JsonPath c = challenge(device);
        String wrong = c.getString("instruction[0]").equals("right") ? "left" : "right";
        refused(burst(device, c.getString("nonce"), liveAnswer(wrong), null));
        String detail = lastFailure(device, 1);
        assertTrue(detail.contains("do not follow the instruction"), detail);
        assertTrue(detail.contains("\"method\":\"challenge\"") && detail.contains("\"verdict\":\"attack\""), detail);
    }

    @Test
    void aStillPhotoAndAFrozenFeedAreRefused() throws Exception {
        clinician();
        DeviceKey device = Api.provisionedDevice("bedside", "ICU");
        List<byte[]> still = VideoFrames.y4m(STILL);
        refused(burst(device, challenge(device).getString("nonce"), still, null));
        assertTrue(lastFailure(device, 1).contains("no motion"), "still photo: no motion");
        List<byte[]> frozen = new ArrayList<>(rightTurn().subList(0, 5));
        while (frozen.size() < 30) {
            frozen.add(CameraClip.frames().get(CameraClip.BURST_FROM + 4));
        }
        refused(burst(device, challenge(device).getString("nonce"), frozen, null));
        String detail = lastFailure(device, 2);
        assertTrue(detail.contains("no head turn"), detail);
    }

    @Test
    void aPhotoTiltedOrWavedByHandIsRefused() throws Exception {
        clinician();
        DeviceKey device = Api.provisionedDevice("bedside", "ICU");
        byte[] photo = CameraClip.frames().get(FRONTAL);
        for (int sign : new int[] {1, -1}) {
            List<byte[]> tilted = new ArrayList<>();
            double[] angles = {0, 0, 0, 0, 10, 20, 30, 40, 50, 60, 65, 65, 65, 60, 50, 40, 30, 20, 10, 0, 0, 0};
            for (double a : angles) {
                tilted.add(VideoFrames.tilted(photo, sign * a, FACE_X));
            }
            refused(burst(device, challenge(device).getString("nonce"), tilted, null));
        }
        String detail = lastFailure(device, 2);
        assertTrue(detail.contains("geometry of a head") || detail.contains("no head turn"), detail);
        List<byte[]> waved = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            waved.add(VideoFrames.waved(photo, 40 * Math.sin(k / 4.0), 15 * Math.sin(k / 3.0), 12 * Math.sin(k / 5.0),
                    1 + 0.15 * Math.sin(k / 6.0), FACE_X, FACE_Y));
        }
        refused(burst(device, challenge(device).getString("nonce"), waved, null));
        assertTrue(lastFailure(device, 3).contains("no head turn"), "waved photo: no turn");
    }

    @Test
    void aLateBurstIsRefused() throws Exception {
        clinician();
        DeviceKey device = Api.provisionedDevice("bedside", "ICU");
        List<byte[]> right = liveAnswer("right");
        List<byte[]> left = liveAnswer("left");
        JsonPath c = challenge(device);
        Thread.sleep(4500);
        refused(burst(device, c.getString("nonce"), c.getString("instruction[0]").equals("right") ? right : left, null));
        assertTrue(lastFailure(device, 1).contains("expired"), "late burst audited");
    }

    @Test
    void withoutTheChallengeAFaceAloneGetsChallengeRequiredAndOtherFactorsStillWork() {
        String staff = clinician();
        DeviceKey bedside = Api.provisionedDevice("bedside", "ICU");
        byte[] face = CameraClip.frames().get(88);
        Api.asDevice(bedside).multiPart("image", "f.jpg", face, "image/jpeg").multiPart("scope", SCOPES)
                .multiPart("staffId", staff).post("/api/v1/auth/face").then().statusCode(401)
                .body("type", equalTo("https://careid.org/problems/challenge-required"))
                .body("challenge_required", equalTo(true));
        // a scope without the challenge rule is still granted on the face alone
        Api.asDevice(bedside).multiPart("image", "f.jpg", face, "image/jpeg").multiPart("scope", "patient/*.read " + SCOPES)
                .multiPart("staffId", staff).post("/api/v1/auth/face").then().statusCode(200)
                .body("scope", equalTo("patient/*.read"));
        // a second factor remains a way in
        Api.asDevice(bedside).multiPart("face", "f.jpg", face, "image/jpeg").multiPart("pin", CameraClip.PIN).multiPart("scope", SCOPES)
                .multiPart("staffId", staff).post("/api/v1/auth").then().statusCode(200).body("scope", equalTo(SCOPES));
        // ADMIN decides per device type, as data: this type of device unlocks on the face alone
        String type = "kiosk-" + Long.toString(System.nanoTime() % 100000);
        Api.as(Api.admin()).body(Map.of("scope", SCOPES, "deviceType", type, "requiredFactors", 1, "faceChallenge", false))
                .put("/api/v1/auth/policies").then().statusCode(200).body("faceChallenge", equalTo(false));
        DeviceKey relaxed = Api.provisionedDevice(type, "ICU");
        Api.asDevice(relaxed).multiPart("image", "f.jpg", face, "image/jpeg").multiPart("scope", SCOPES)
                .multiPart("staffId", staff).post("/api/v1/auth/face").then().statusCode(200).body("scope", equalTo(SCOPES));
        Api.as(Api.admin()).get("/api/v1/auth/policies").then().statusCode(200)
                .body("find { it.scope == 'device:unlock' && it.deviceType == '*' }.faceChallenge", equalTo(true));
    }
}

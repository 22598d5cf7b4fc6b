package org.careid.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.DeviceKey;
import org.careid.support.Enroll;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Staff id + PIN opens emergency access, so only the PIN's owner sets it: at the kiosk, typed and
 * confirmed with their own fingerprint or face; or an ADMIN resets it to a one-time PIN that counts
 * for nothing until its owner replaces it at a device. A PIN change followed by emergency access
 * within a day raises a critical threat alert.
 */
@QuarkusTest
class StaffPinTest {
    private static final String FINGER = "fingerprints/fvc2004_db4_b_109/109_";
    private static final String STRANGER = "fingerprints/fvc2004_db4_b_110/110_";

    private static ValidatableResponse emergency(DeviceKey device, String staff, String pin) {
        return Api.asDevice(device).contentType(ContentType.JSON)
                .body(Map.of("staffId", staff, "pin", pin, "reason", "INJURY")).post("/api/v1/auth/emergency").then();
    }

    private static ValidatableResponse choose(String operator, String staff, String pin, String fingerprint) {
        var request = given().header("Authorization", "Bearer " + operator)
                .multiPart("pin", pin).multiPart("pinRepeated", pin);
        if (fingerprint != null) {
            request = request.multiPart("fingerprint", "probe.tif", Datasets.bytes(fingerprint), "image/tiff")
                    .multiPart("finger", "2").multiPart("dpi", "500");
        }
        return request.put("/api/v1/staff/" + staff + "/pin").then();
    }

    @Test
    void guessablePinsAreRefusedAtTheKioskAndAtADevice() {
        String staff = Api.createStaff("patient/*.read");
        String enroller = Api.operator("ENROLLER");
        for (String weak : new String[] {"111111", "123456", "9876543210", "12121212"}) {
            choose(enroller, staff, weak, STRANGER + "1.tif").statusCode(400).body("violations[0].field", equalTo("pin"))
                    .body("violations[0].message", org.hamcrest.Matchers.containsString("too easy to guess"));
        }
        String oneTime = Api.as(Api.admin()).post("/api/v1/staff/" + staff + "/pin/reset").then().statusCode(200)
                .extract().path("oneTimePin");
        Api.asDevice(Api.provisionedDevice()).contentType(ContentType.JSON)
                .body(Map.of("staffId", staff, "currentPin", oneTime, "newPin", "654321")).put("/api/v1/auth/pin")
                .then().statusCode(400).body("violations[0].field", equalTo("newPin"));
    }

    @Test
    void anEnrollerCannotSetAPinForSomeoneWhoIsNotThere() {
        String staff = Api.createStaff("patient/*.read");
        Enroll.consent(staff);
        Enroll.finger(staff, 2, 500, FINGER + "1.tif", FINGER + "2.tif", FINGER + "3.tif");
        String enroller = Api.operator("ENROLLER");

        // the PIN as a plain value an operator types is gone
        Api.as(enroller).body(Map.of("pin", "73920164")).put("/api/v1/staff/" + staff + "/pin").then().statusCode(415);
        choose(enroller, staff, "73920164", null).statusCode(400);
        choose(enroller, staff, "73920164", STRANGER + "1.tif").statusCode(403);
        Api.as(enroller).get("/api/v1/staff/" + staff).then().body("pinSet", equalTo(false));
        Api.as(enroller).post("/api/v1/staff/" + staff + "/pin/reset").then().statusCode(403);

        // the clinician, present, types it and confirms with their own finger
        choose(enroller, staff, "73920164", FINGER + "4.tif").statusCode(204);
        Api.as(enroller).get("/api/v1/staff/" + staff).then().body("pinSet", equalTo(true)).body("pinOneTime", equalTo(false));
        Api.as(Api.operator("AUDITOR")).queryParam("targetId", staff).queryParam("action", "STAFF_PIN_CHOSEN")
                .get("/api/v1/audit").then().body("total", equalTo(2)) // the stranger's refused attempt, then the success
                .body("items[1].outcome", equalTo("SUCCESS"));
    }

    @Test
    void aResetPinIsOneTimeUntilItsOwnerChangesItAtADeviceAndTheChangeThenBreakGlassIsAlerted() throws Exception {
        String staff = Api.createStaff("patient/*.read");
        DeviceKey device = Api.provisionedDevice();
        String oneTime = Api.as(Api.admin()).post("/api/v1/staff/" + staff + "/pin/reset").then().statusCode(200)
                .extract().path("oneTimePin");
        Api.as(Api.admin()).get("/api/v1/staff/" + staff).then().body("pinOneTime", equalTo(true));

        // refused as a factor for emergency access until it is changed
        emergency(device, staff, oneTime).statusCode(403).body("type", equalTo(ProblemType.PIN_CHANGE_REQUIRED.uri()));
        Api.asDevice(device).contentType(ContentType.JSON)
                .body(Map.of("staffId", staff, "currentPin", "00000000", "newPin", "51739264"))
                .put("/api/v1/auth/pin").then().statusCode(401).body("type", equalTo(ProblemType.AUTHENTICATION_FAILED.uri()));
        Api.asDevice(device).contentType(ContentType.JSON)
                .body(Map.of("staffId", staff, "currentPin", oneTime, "newPin", "51739264"))
                .put("/api/v1/auth/pin").then().statusCode(204);
        Api.as(Api.admin()).get("/api/v1/staff/" + staff).then().body("pinOneTime", equalTo(false));
        emergency(device, staff, oneTime).statusCode(401);

        emergency(device, staff, "51739264").statusCode(200);

        String auditor = Api.operator("AUDITOR");
        JsonPath alerts = null;
        for (int i = 0; i < 100; i++) {
            alerts = Api.as(auditor).queryParam("detector", "pin-change-break-glass").queryParam("subjectId", staff)
                    .get("/api/v1/threats/alerts").then().statusCode(200).extract().jsonPath();
            if (alerts.getInt("total") > 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(1, alerts.getInt("total"), "no alert for emergency access right after a PIN change");
        assertEquals("CRITICAL", alerts.getString("items[0].severity"));
        Api.as(auditor).queryParam("targetId", staff).get("/api/v1/audit").then()
                .body("items.action", org.hamcrest.Matchers.hasItems("STAFF_PIN_RESET", "STAFF_PIN_CHANGED", "BREAK_GLASS_GRANTED"));
    }
}

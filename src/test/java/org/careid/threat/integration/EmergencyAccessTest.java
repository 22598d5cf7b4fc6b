package org.careid.threat.integration;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.careid.threat.ThreatMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Emergency (break-glass) access end to end: staff id + PIN + reason at a device gives a short,
 * reduced-scope token that says it was an emergency; the use raises a HIGH alert and a review an
 * ADMIN closes; wrong PINs count towards the PIN lock; the per-person and per-device limits and the
 * device-type policy refuse. (Limits in the default configuration: 2 per person, 4 per device in
 * 12 h; infusion pumps disabled.)
 */
@QuarkusTest
@TestProfile(ThreatIntegrationProfile.class)
class EmergencyAccessTest {
    private static final String PIN = "48213957";

    @Inject
    ThreatMonitor monitor;

    @BeforeAll
    static void freshOperators() {
        Api.forgetTokens();
    }

    @AfterAll
    static void forgetOperators() {
        Api.forgetTokens();
    }

    private static String staffWithPin() {
        String staff = Api.createStaff("patient/*.read", "patient/*.write", "medication/*.administer");
        Api.givePin(staff, PIN);
        return staff;
    }

    private static ValidatableResponse emergency(DeviceKey device, String staff, String pin, String reason, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("staffId", staff);
        body.put("pin", pin);
        body.put("reason", reason);
        if (text != null) body.put("text", text);
        return Api.asDevice(device).contentType(ContentType.JSON).body(body).post("/api/v1/auth/emergency").then();
    }

    private static JsonPath claims(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void emergencyTokenAlertAndReview() throws Exception {
        String staff = staffWithPin();
        DeviceKey device = Api.provisionedDevice("bedside", "icu");
        JsonPath issued = emergency(device, staff, PIN, "PROTECTIVE_EQUIPMENT", "full PPE, gloves, patient arresting")
                .statusCode(200).body("scope", equalTo("patient/*.read")).body("expires_in", equalTo(60))
                .body("amr", contains("pin", "emergency")).body("acr", equalTo("urn:careid:acr:emergency"))
                .extract().jsonPath();
        String token = issued.getString("access_token");
        String jti = issued.getString("jti");
        JsonPath claims = claims(token);
        assertEquals(60, claims.getLong("exp") - claims.getLong("iat"));
        assertEquals("urn:careid:acr:emergency", claims.getString("acr"));
        assertEquals("patient/*.read", claims.getString("scope"));
        Api.asDevice(device).formParam("token", token).post("/api/v1/tokens/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("scope", equalTo("patient/*.read"));
        assertEquals(1, Checks.audit("BREAK_GLASS_GRANTED", staff).getInt("total"));

        Checks.idle(monitor);
        String auditor = Api.operator("AUDITOR");
        JsonPath alerts = Api.as(auditor).queryParam("detector", "break-glass").queryParam("subjectId", staff)
                .get("/api/v1/threats/alerts").then().statusCode(200).extract().jsonPath();
        assertEquals(1, alerts.getInt("total"));
        assertEquals("HIGH", alerts.getString("items[0].severity"));
        assertEquals(1, Checks.audit("ALERT_RAISED", alerts.getString("items[0].id")).getInt("total"));

        JsonPath pending = Api.as(auditor).queryParam("status", "PENDING").queryParam("size", 500)
                .get("/api/v1/threats/break-glass").then().statusCode(200).extract().jsonPath();
        String reviewId = pending.getString("find { it.tokenJti == '" + jti + "' }.id");
        Api.as(auditor).get("/api/v1/threats/break-glass/" + reviewId).then().statusCode(200)
                .body("staffId", equalTo(staff)).body("deviceId", equalTo(device.id.toString()))
                .body("reasonCode", equalTo("PROTECTIVE_EQUIPMENT")).body("status", equalTo("PENDING"));

        Api.as(auditor).body(Map.of("justified", true)).post("/api/v1/threats/break-glass/" + reviewId + "/close")
                .then().statusCode(403);
        Api.as(Api.admin()).body(Map.of("justified", false, "note", "no emergency on the ward at that time"))
                .post("/api/v1/threats/break-glass/" + reviewId + "/close").then().statusCode(200)
                .body("status", equalTo("UNJUSTIFIED"));
        Api.as(Api.admin()).body(Map.of("justified", true)).post("/api/v1/threats/break-glass/" + reviewId + "/close")
                .then().statusCode(409);
        JsonPath closed = Checks.audit("BREAK_GLASS_REVIEW_CLOSED", reviewId);
        assertEquals(1, closed.getInt("total"));
        assertEquals("OPERATOR", closed.getString("items[0].actorType"));
    }

    @Test
    void limitedPerPersonAndPerDevice() {
        DeviceKey first = Api.provisionedDevice("bedside", "icu");
        DeviceKey second = Api.provisionedDevice("bedside", "icu");
        String staff = staffWithPin();
        emergency(first, staff, PIN, "INJURY", null).statusCode(200);
        emergency(second, staff, PIN, "INJURY", null).statusCode(200);
        // a third use by the same person, even at another device, is refused
        emergency(Api.provisionedDevice("bedside", "icu"), staff, PIN, "INJURY", null).statusCode(429);
        assertEquals(1, Checks.audit("BREAK_GLASS_REFUSED", staff).getInt("total"));

        // the second device has had 1 use: 3 more people may, the fifth may not
        for (int i = 0; i < 3; i++) {
            emergency(second, staffWithPin(), PIN, "DEVICE_MALFUNCTION", null).statusCode(200);
        }
        emergency(second, staffWithPin(), PIN, "DEVICE_MALFUNCTION", null).statusCode(429);
    }

    @Test
    void disabledAtInfusionPumps() {
        String staff = staffWithPin();
        emergency(Api.provisionedDevice("infusion-pump", "icu"), staff, PIN, "LIFE_THREATENING_EMERGENCY", null)
                .statusCode(403).body("title", equalTo("Emergency access disabled"));
        assertTrue(Checks.audit("BREAK_GLASS_REFUSED", staff).getString("items[0].detail")
                .contains("disabled for device type infusion-pump"));
    }

    @Test
    void wrongPinsCountTowardsThePinLock() {
        String staff = staffWithPin();
        DeviceKey device = Api.provisionedDevice("bedside", "icu");
        for (int i = 0; i < 5; i++) {
            emergency(device, staff, "00000000", "INJURY", null).statusCode(401).body("title", equalTo("Authentication failed"));
        }
        // the PIN is now locked: the right one is refused too, and nothing was issued
        emergency(device, staff, PIN, "INJURY", null).statusCode(401);
        assertEquals(6, Checks.audit("BREAK_GLASS_FAILED", staff).getInt("total"));
        assertEquals(0, Checks.audit("BREAK_GLASS_GRANTED", staff).getInt("total"));
    }

    @Test
    void requestsAreValidatedAndOnlyForDevices() {
        String staff = staffWithPin();
        DeviceKey device = Api.provisionedDevice("bedside", "icu");
        emergency(device, staff, PIN, "BORED", null).statusCode(400);
        emergency(device, staff, PIN, "OTHER", null).statusCode(400);
        emergency(device, staff, PIN, "INJURY", "x".repeat(501)).statusCode(400);
        emergency(device, "not-a-uuid", PIN, "INJURY", null).statusCode(400);
        Api.as(Api.admin()).body(Map.of("staffId", staff, "pin", PIN, "reason", "INJURY"))
                .post("/api/v1/auth/emergency").then().statusCode(403);
        assertEquals(0, Checks.audit("BREAK_GLASS_GRANTED", staff).getInt("total"));
    }
}

package org.careid.auth.breakglass;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Emergency settings as data: an ADMIN's edit holds at once for the break-glass flow (scope,
 * lifetime, device types where it is off, limits), is audited with before and after, is bounded,
 * and can be undone back to the configuration.
 */
@QuarkusTest
class EmergencySettingsTest {
    private static final String PATH = "/api/v1/auth/policies/emergency";
    private static final String PIN = "48213957";

    @AfterEach
    void backToConfiguration() {
        Api.as(Api.admin()).delete(PATH).then().statusCode(200).body("source", equalTo("configuration"));
    }

    private static Map<String, Object> change(List<String> scope, int lifetime, List<String> disabled, int perStaff) {
        Map<String, Object> m = new HashMap<>();
        m.put("scope", scope);
        m.put("lifetimeSeconds", lifetime);
        m.put("disabledDeviceTypes", disabled);
        m.put("perStaff", perStaff);
        m.put("perDevice", 10);
        m.put("windowHours", 1);
        return m;
    }

    private static ValidatableResponse emergency(DeviceKey device, String staff) {
        return Api.asDevice(device).contentType(ContentType.JSON)
                .body(Map.of("staffId", staff, "pin", PIN, "reason", "INJURY")).post("/api/v1/auth/emergency").then();
    }

    private static int audited() {
        return Api.as(Api.admin()).queryParam("action", "EMERGENCY_SETTINGS_CHANGED").get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getInt("total");
    }

    @Test
    void anAdministratorsEditHoldsAtOnceAndIsAudited() {
        Api.as(Api.admin()).get(PATH).then().statusCode(200).body("source", equalTo("configuration"))
                .body("lifetimeSeconds", equalTo(60)).body("scope", contains("patient/*.read"));
        int before = audited();
        String staff = Api.createStaff("patient/*.read", "patient/*.write");
        Api.givePin(staff, PIN);
        DeviceKey workstation = Api.provisionedDevice("workstation", "icu");

        // off at workstations: refused there
        Api.as(Api.admin()).body(change(List.of("patient/*.read"), 30, List.of("workstation"), 1)).put(PATH).then()
                .statusCode(200).body("source", equalTo("administrator")).body("disabledDeviceTypes", contains("workstation"));
        emergency(workstation, staff).statusCode(403).body("type", containsString("emergency-access-disabled"));

        // on again, a 30 s token, one use per person
        Api.as(Api.admin()).body(change(List.of("patient/*.read", "patient/*.write"), 30, List.of(), 1)).put(PATH).then()
                .statusCode(200).body("disabledDeviceTypes", empty()).body("lifetimeSeconds", equalTo(30));
        String token = emergency(workstation, staff).statusCode(200).body("expires_in", equalTo(30))
                .body("scope", equalTo("patient/*.read patient/*.write")).extract().path("access_token");
        JsonPath claims = new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(30, claims.getLong("exp") - claims.getLong("iat"));
        emergency(workstation, staff).statusCode(429);

        assertEquals(before + 2, audited(), "each edit is audited");
    }

    @Test
    void editsAreCheckedAndAdminOnly() {
        Api.as(Api.admin()).body(change(List.of("no:such-scope"), 30, List.of(), 1)).put(PATH).then().statusCode(400);
        Api.as(Api.admin()).body(change(List.of("patient/*.read"), 5, List.of(), 1)).put(PATH).then().statusCode(400);
        Api.as(Api.admin()).body(change(List.of("patient/*.read"), 3600, List.of(), 1)).put(PATH).then().statusCode(400);
        Api.as(Api.admin()).body(change(List.of(), 30, List.of(), 1)).put(PATH).then().statusCode(400);
        Api.as(Api.admin()).body(change(List.of("patient/*.read"), 30, List.of("bad type!"), 1)).put(PATH).then().statusCode(400);
        Api.as(Api.admin()).body(change(List.of("patient/*.read"), 30, List.of(), 0)).put(PATH).then().statusCode(400);
        Api.as(Api.operator("ENROLLER")).body(change(List.of("patient/*.read"), 30, List.of(), 1)).put(PATH).then().statusCode(403);
        Api.as(Api.operator("AUDITOR")).delete(PATH).then().statusCode(403);
        Api.as(Api.admin()).get(PATH).then().statusCode(200).body("source", equalTo("configuration"));
    }
}

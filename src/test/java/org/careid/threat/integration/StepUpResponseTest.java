package org.careid.threat.integration;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.DeviceKey;
import org.careid.support.Enroll;
import org.careid.threat.ThreatMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Token misuse by real requests: a token bound to one device is presented by another. The
 * token-misuse alert (responses in this profile: step-up and revoke tokens) revokes the person's
 * tokens and makes the authentication flow demand two factors from them for every scope, until an
 * ADMIN reverses the step-up. Needs real fingerprints (skipped without the datasets).
 */
@QuarkusTest
@TestProfile(ThreatIntegrationProfile.class)
class StepUpResponseTest {
    private static final String FINGER = "fingerprints/fvc2004_db4_b_106/106_";
    private static final String PIN = "61830274";

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

    private static ValidatableResponse fingerprint(DeviceKey device, String staff, String pin) {
        RequestSpecification r = Api.asDevice(device).multiPart("scope", "patient/*.read").multiPart("staffId", staff)
                .multiPart("fingerprint", "p.tif", Datasets.bytes(FINGER + "4.tif"), "image/tiff").multiPart("dpi", "500");
        if (pin != null) r = r.multiPart("pin", pin);
        return r.post("/api/v1/auth").then();
    }

    private static ValidatableResponse introspect(DeviceKey device, String token) {
        return Api.asDevice(device).formParam("token", token).post("/api/v1/tokens/introspect").then().statusCode(200);
    }

    @Test
    void tokenPresentedByAnotherDeviceStepsThePersonUp() throws Exception {
        Datasets.bytes(FINGER + "1.tif");
        String staff = Api.createStaff("patient/*.read");
        Enroll.consent(staff);
        Enroll.finger(staff, 6, 500, FINGER + "1.tif", FINGER + "2.tif", FINGER + "3.tif");
        Api.givePin(staff, PIN);
        DeviceKey bedside = Api.provisionedDevice("bedside", "icu");
        DeviceKey thief = Api.provisionedDevice("workstation", "radiology");

        String token = fingerprint(bedside, staff, null).statusCode(200).body("acr", equalTo("urn:careid:acr:1f"))
                .extract().path("access_token");
        introspect(thief, token).body("active", equalTo(false));
        Checks.idle(monitor);

        String auditor = Api.operator("AUDITOR");
        String alertId = Api.as(auditor).queryParam("detector", "token-misuse").queryParam("subjectId", thief.id.toString())
                .get("/api/v1/threats/alerts").then().statusCode(200).body("total", equalTo(1)).extract().path("items[0].id");
        List<Map<String, Object>> responses = Api.as(auditor).get("/api/v1/threats/alerts/" + alertId + "/responses")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> stepUp = responses.stream().filter(r -> "STEP_UP".equals(r.get("action"))).findFirst().orElseThrow();
        assertEquals("APPLIED", stepUp.get("outcome"));
        assertEquals(staff, stepUp.get("targetId"));
        assertEquals(2, responses.stream().filter(r -> "REVOKE_TOKENS".equals(r.get("action"))
                && "APPLIED".equals(r.get("outcome"))).count(), "the person's and the presenting device's tokens");

        // the person's token is revoked everywhere, and one factor no longer suffices
        introspect(bedside, token).body("active", equalTo(false));
        assertEquals("threat-monitor", Checks.audit("TOKENS_REVOKED_ALL", staff).getString("items[0].actorId"));
        assertEquals(1, Checks.audit("STEP_UP_REQUIRED", staff).getInt("total"));
        Thread.sleep(1_100); // tokens issued in the revocation's second count as revoked (iat is in seconds)
        fingerprint(bedside, staff, null).statusCode(401).body("second_factor_required", equalTo(true));
        fingerprint(bedside, staff, PIN).statusCode(200).body("acr", equalTo("urn:careid:acr:2f"));

        // an ADMIN lifts the step-up: one factor is enough again
        Api.as(Api.admin()).post("/api/v1/threats/responses/" + stepUp.get("id") + "/reverse").then().statusCode(200);
        fingerprint(bedside, staff, null).statusCode(200).body("acr", equalTo("urn:careid:acr:1f"));
        assertEquals(1, Checks.audit("STEP_UP_CLEARED", staff).getInt("total"));
    }
}

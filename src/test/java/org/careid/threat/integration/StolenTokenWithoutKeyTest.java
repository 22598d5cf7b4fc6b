package org.careid.threat.integration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.DeviceKey;
import org.careid.support.Enroll;
import org.careid.threat.ThreatMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A token copied off a device and replayed at the patient-data resource without the device key:
 * no proof of possession can be made, the resource refuses it, and threat detection hears of it at
 * once (token-misuse, HIGH) although the resource never reached a proof check. Needs real
 * fingerprints (skipped without the datasets).
 */
@QuarkusTest
@TestProfile(ThreatIntegrationProfile.class)
class StolenTokenWithoutKeyTest {
    private static final String FINGER = "fingerprints/fvc2004_db4_b_108/108_";

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

    @Test
    void tokenWithoutProofIsRefusedAndRaisesAnAlert() throws Exception {
        Datasets.bytes(FINGER + "1.tif");
        String staff = Api.createStaff("patient/*.read");
        Enroll.consent(staff);
        Enroll.finger(staff, 3, 500, FINGER + "1.tif", FINGER + "2.tif", FINGER + "3.tif");
        DeviceKey bedside = Api.provisionedDevice("bedside", "icu");
        String token = Api.asDevice(bedside).multiPart("scope", "patient/*.read").multiPart("staffId", staff)
                .multiPart("fingerprint", "p.tif", Datasets.bytes(FINGER + "4.tif"), "image/tiff").multiPart("dpi", "500")
                .post("/api/v1/auth").then().statusCode(200).extract().path("access_token");

        // the thief has the token but not the device's key: no DPoP proof
        given().header("Authorization", "DPoP " + token).get("/demo/patients/P-1001").then().statusCode(401)
                .body("detail", equalTo("A DPoP proof of possession is required"));
        Checks.idle(monitor);

        JsonPath alerts = Api.as(Api.operator("AUDITOR")).queryParam("detector", "token-misuse")
                .queryParam("subjectId", bedside.id.toString()).get("/api/v1/threats/alerts").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, alerts.getInt("total"));
        assertEquals("HIGH", alerts.getString("items[0].severity"));
        assertTrue(alerts.getString("items[0].evidence").contains("proof"), alerts.getString("items[0].evidence"));
        assertEquals(1, Checks.audit("TOKEN_INTROSPECTION_FAILED", tokenJti(token)).getInt("total"));
    }

    private static String tokenJti(String jwt) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return new JsonPath(payload).getString("jti");
    }
}

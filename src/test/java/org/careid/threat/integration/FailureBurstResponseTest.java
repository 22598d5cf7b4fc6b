package org.careid.threat.integration;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.careid.support.DrawnImages;
import org.careid.threat.ThreatMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real failed authentications at one device (a drawn picture with no face, as someone cycling
 * through pictures would produce) raise the failure-burst alert, which suspends the device
 * automatically. Then the whole operator side through the API: the alert is listed and filtered,
 * the webhook received it after a refused first delivery, an ADMIN reverses the suspension, an
 * AUDITOR acknowledges, an ADMIN resolves, the statistics count it, and every step is in the
 * audit chain.
 */
@QuarkusTest
@TestProfile(ThreatIntegrationProfile.class)
class FailureBurstResponseTest {
    @Inject
    ThreatMonitor monitor;

    @BeforeAll
    static void freshOperators() {
        Api.forgetTokens(); // this profile runs its own app: tokens of another app's operators are void
    }

    @AfterAll
    static void forgetOperators() {
        Api.forgetTokens();
    }

    /** A picture without a face: 422 capture-rejected, and still a failed attempt for lockout and detection. */
    private static int failedFaceAttempt(DeviceKey device) {
        return Api.asDevice(device).multiPart("image", "nobody.jpg", DrawnImages.jpeg(), "image/jpeg")
                .multiPart("scope", "patient/*.read").post("/api/v1/auth/face").then().extract().statusCode();
    }

    /** 200 with active=false for a working device, 401 when the device is suspended. */
    private static int deviceCall(DeviceKey device) {
        return Api.asDevice(device).formParam("token", "not-a-token").post("/api/v1/tokens/introspect")
                .then().extract().statusCode();
    }

    @Test
    void burstSuspendsDeviceThenOperatorsHandleTheAlert() throws Exception {
        DeviceKey device = Api.provisionedDevice("bedside", "icu");
        String auditor = Api.operator("AUDITOR");
        String admin = Api.admin();
        for (int i = 0; i < 5; i++) {
            assertEquals(422, failedFaceAttempt(device));
        }
        Checks.idle(monitor);
        assertEquals(0, Api.as(auditor).queryParam("subjectId", device.id.toString()).get("/api/v1/threats/alerts")
                .then().statusCode(200).extract().<Integer>path("total"), "five failures are a clumsy person, not a burst");
        Thread.sleep(3_500); // the device lock after five failures lasts 3 s in tests
        assertEquals(422, failedFaceAttempt(device));
        Checks.idle(monitor);

        JsonPath page = Api.as(auditor).queryParam("detector", "failure-burst").queryParam("subjectType", "DEVICE")
                .queryParam("subjectId", device.id.toString()).queryParam("minSeverity", "HIGH")
                .get("/api/v1/threats/alerts").then().statusCode(200).extract().jsonPath();
        assertEquals(1, page.getInt("total"));
        String alertId = page.getString("items[0].id");
        assertEquals("OPEN", page.getString("items[0].status"));
        assertTrue(page.getString("items[0].evidence").contains("6 failed authentications"), page.getString("items[0].evidence"));

        // the automatic response: the device is suspended and can no longer call CareID
        List<Map<String, Object>> responses = Api.as(auditor).get("/api/v1/threats/alerts/" + alertId + "/responses")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, responses.size());
        assertEquals("SUSPEND_DEVICE", responses.get(0).get("action"));
        assertEquals("APPLIED", responses.get(0).get("outcome"));
        String responseId = responses.get(0).get("id").toString();
        Api.as(admin).get("/api/v1/devices/" + device.id).then().statusCode(200).body("status", equalTo("SUSPENDED"));
        assertEquals(401, deviceCall(device));
        JsonPath suspended = Checks.audit("DEVICE_SUSPENDED", device.id);
        assertEquals(1, suspended.getInt("total"));
        assertEquals("SYSTEM", suspended.getString("items[0].actorType"));
        assertEquals("threat-monitor", suspended.getString("items[0].actorId"));
        assertEquals(1, Checks.audit("ALERT_RAISED", alertId).getInt("total"));
        assertEquals(1, Checks.audit("RESPONSE_APPLIED", device.id).getInt("total"));

        // the SIEM got it: the first delivery was refused, the retry accepted
        WebhookReceiver siem = WebhookReceiver.shared();
        Checks.eventually(() -> siem.deliveriesOf(alertId).stream().anyMatch(d -> d.status() == 204), "webhook retry");
        List<WebhookReceiver.Delivery> deliveries = siem.deliveriesOf(alertId);
        assertEquals(503, deliveries.get(0).status());
        assertTrue(deliveries.get(deliveries.size() - 1).body().contains("\"detector\":\"failure-burst\""));

        // only an ADMIN reverses; then the device works again, and a second reversal conflicts
        Api.as(auditor).post("/api/v1/threats/responses/" + responseId + "/reverse").then().statusCode(403);
        Api.as(admin).post("/api/v1/threats/responses/" + responseId + "/reverse").then().statusCode(200)
                .body("outcome", equalTo("REVERSED"));
        Api.as(admin).get("/api/v1/devices/" + device.id).then().body("status", equalTo("ACTIVE"));
        assertEquals(200, deviceCall(device));
        Api.as(admin).post("/api/v1/threats/responses/" + responseId + "/reverse").then().statusCode(409);
        JsonPath reversed = Checks.audit("RESPONSE_REVERSED", device.id);
        assertEquals(1, reversed.getInt("total"));
        assertEquals("OPERATOR", reversed.getString("items[0].actorType"));
        assertEquals(1, Checks.audit("DEVICE_ACTIVE", device.id).getInt("total"));

        // triage: AUDITOR acknowledges, only ADMIN resolves
        Api.as(auditor).post("/api/v1/threats/alerts/" + alertId + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        Api.as(auditor).post("/api/v1/threats/alerts/" + alertId + "/acknowledge").then().statusCode(409);
        Api.as(auditor).body(Map.of("note", "test")).post("/api/v1/threats/alerts/" + alertId + "/resolve").then().statusCode(403);
        Api.as(admin).body(Map.of("note", "drawn pictures from a test")).post("/api/v1/threats/alerts/" + alertId + "/resolve")
                .then().statusCode(200).body("status", equalTo("RESOLVED")).body("resolutionNote", equalTo("drawn pictures from a test"));
        Api.as(admin).body(Map.of()).post("/api/v1/threats/alerts/" + alertId + "/resolve").then().statusCode(409);
        assertEquals(1, Checks.audit("ALERT_ACKNOWLEDGED", alertId).getInt("total"));
        assertEquals(1, Checks.audit("ALERT_RESOLVED", alertId).getInt("total"));
        Api.as(auditor).queryParam("status", "RESOLVED").queryParam("subjectId", device.id.toString())
                .get("/api/v1/threats/alerts").then().body("total", equalTo(1));
        Api.as(auditor).queryParam("status", "OPEN").queryParam("subjectId", device.id.toString())
                .get("/api/v1/threats/alerts").then().body("total", equalTo(0));
        Api.as(auditor).get("/api/v1/threats/statistics").then().statusCode(200)
                .body("detector", hasItem("failure-burst"));
        int resolved = Api.as(auditor).get("/api/v1/threats/statistics").then().extract().jsonPath()
                .getInt("find { it.detector == 'failure-burst' }.resolved");
        assertTrue(resolved >= 1);

        // least privilege: neither an ENROLLER nor a device reads alerts
        Api.as(Api.operator("ENROLLER")).get("/api/v1/threats/alerts").then().statusCode(403);
        Api.asDevice(device).get("/api/v1/threats/alerts").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/threats/alerts").then().statusCode(401);
        Api.as(auditor).queryParam("since", "yesterday").get("/api/v1/threats/alerts").then().statusCode(400);
    }
}

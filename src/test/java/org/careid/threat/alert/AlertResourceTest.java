package org.careid.threat.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.RecordingResponder;
import org.careid.threat.ThreatMonitor;
import org.careid.threat.ThreatTestProfile;
import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

/**
 * The whole path: events into ThreatMonitor, a burst detected, the alert stored, the configured
 * responses applied through the responder, metrics exported, and the REST API with its roles.
 */
@QuarkusTest
@TestProfile(ThreatTestProfile.class)
class AlertResourceTest {
    @Inject
    ThreatMonitor monitor;
    @Inject
    RecordingResponder responder;

    private String burstAlertId(UUID device) throws InterruptedException {
        Instant t = Instant.now();
        for (int i = 0; i < 15; i++) {
            monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, t.plusSeconds(i * 10L))
                    .claimedStaff(UUID.randomUUID()).device(device, "icu", "bedside").modality("face")
                    .match(0.1, 0.4).outcome("no-match").build());
        }
        assertTrue(monitor.awaitIdle(20_000));
        return given().queryParam("subjectId", device.toString()).when().get("/api/v1/threats/alerts")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].detector", equalTo("failure-burst"))
                .extract().path("items[0].id");
    }

    @Test
    @TestSecurity(user = "admin1", roles = "ADMIN")
    void burstRaisesAnAlertAppliesResponsesAndAnAdminCanReverseAndResolve() throws Exception {
        UUID device = UUID.randomUUID();
        String id = burstAlertId(device);
        assertTrue(responder.calls().contains("suspend " + device), responder.calls().toString());
        assertTrue(responder.calls().contains("revoke-device " + device));

        List<String> actions = given().when().get("/api/v1/threats/alerts/" + id + "/responses")
                .then().statusCode(200).extract().path("action");
        assertEquals(List.of("SUSPEND_DEVICE", "REVOKE_TOKENS"), actions);
        String suspension = given().when().get("/api/v1/threats/alerts/" + id + "/responses")
                .then().extract().path("find { it.action == 'SUSPEND_DEVICE' }.id");
        given().when().post("/api/v1/threats/responses/" + suspension + "/reverse")
                .then().statusCode(200).body("outcome", equalTo("REVERSED")).body("reversedBy", equalTo("admin1"));
        assertTrue(responder.calls().contains("reinstate " + device));
        given().when().post("/api/v1/threats/responses/" + suspension + "/reverse").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE).body("type", equalTo(ProblemType.CONFLICT.uri()));
        given().when().post("/api/v1/threats/responses/" + UUID.randomUUID() + "/reverse").then().statusCode(404)
                .body("type", equalTo(ProblemType.NOT_FOUND.uri()));

        given().contentType("application/json").body("{\"note\":\"confirmed test\"}")
                .when().post("/api/v1/threats/alerts/" + id + "/resolve")
                .then().statusCode(200).body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo("admin1"));
        given().when().get("/api/v1/threats/statistics").then().statusCode(200)
                .body("detector", hasItem("failure-burst"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("careid_threat_alerts_total{detector=\"failure-burst\",severity=\"HIGH\"}"))
                .body(org.hamcrest.Matchers.containsString("careid_threat_alerts_open"));
    }

    @Test
    @TestSecurity(user = "auditor1", roles = "AUDITOR")
    void anAuditorReadsAndAcknowledgesButCannotResolve() throws Exception {
        String id = burstAlertId(UUID.randomUUID());
        given().when().post("/api/v1/threats/alerts/" + id + "/acknowledge")
                .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo("auditor1"));
        given().contentType("application/json").body("{}").when().post("/api/v1/threats/alerts/" + id + "/resolve")
                .then().statusCode(403);
        given().queryParam("status", "ACKNOWLEDGED").when().get("/api/v1/threats/alerts")
                .then().statusCode(200).body("total", greaterThanOrEqualTo(1));
    }

    @Test
    @TestSecurity(user = "nurse", roles = "DEVICE")
    void devicesCannotReadAlerts() {
        given().when().get("/api/v1/threats/alerts").then().statusCode(403);
    }

    @Test
    void anonymousCallersAreRefused() {
        given().when().get("/api/v1/threats/alerts").then().statusCode(401);
    }
}

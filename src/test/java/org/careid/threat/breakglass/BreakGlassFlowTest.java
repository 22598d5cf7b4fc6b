package org.careid.threat.breakglass;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.UUID;
import org.careid.auth.breakglass.BreakGlassReason;
import org.careid.auth.breakglass.BreakGlassReviewService;
import org.careid.auth.breakglass.BreakGlassReviewView;
import org.careid.auth.breakglass.BreakGlassStatus;
import org.careid.threat.Severity;
import org.careid.threat.ThreatMonitor;
import org.careid.threat.ThreatTestProfile;
import org.careid.threat.alert.AlertService;
import org.junit.jupiter.api.Test;

/** A break-glass use creates a pending review and a high-severity alert; an ADMIN closes the review. */
@QuarkusTest
@TestProfile(ThreatTestProfile.class)
class BreakGlassFlowTest {
    @Inject
    BreakGlassReviewService reviews;
    @Inject
    ThreatMonitor monitor;
    @Inject
    AlertService alerts;

    @Test
    @TestSecurity(user = "admin1", roles = "ADMIN")
    void useIsAlertedAndReviewed() throws Exception {
        UUID nurse = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        BreakGlassReviewView review = reviews.open(nurse, device, "icu", "bedside",
                BreakGlassReason.PROTECTIVE_EQUIPMENT, "full PPE, resuscitation in bay 3", "jti-123");
        assertEquals(BreakGlassStatus.PENDING, review.status());
        assertTrue(monitor.awaitIdle(20_000));
        var page = alerts.list(new AlertService.Filter(null, "break-glass", Severity.HIGH, null, nurse.toString(), null), 0, 5);
        assertEquals(1, page.total());
        assertTrue(page.items().get(0).evidence().contains("PROTECTIVE_EQUIPMENT"));

        given().queryParam("status", "PENDING").when().get("/api/v1/threats/break-glass")
                .then().statusCode(200).body("find { it.id == '" + review.id() + "' }.tokenJti", equalTo("jti-123"));
        given().contentType("application/json").body("{\"justified\":true,\"note\":\"cardiac arrest confirmed\"}")
                .when().post("/api/v1/threats/break-glass/" + review.id() + "/close")
                .then().statusCode(200).body("status", equalTo("JUSTIFIED")).body("reviewer", equalTo("admin1"));
        given().contentType("application/json").body("{\"justified\":false}")
                .when().post("/api/v1/threats/break-glass/" + review.id() + "/close").then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "auditor1", roles = "AUDITOR")
    void auditorsCannotCloseReviews() {
        BreakGlassReviewView review = reviews.open(UUID.randomUUID(), UUID.randomUUID(), "icu", "bedside",
                BreakGlassReason.INJURY, null, null);
        given().contentType("application/json").body("{\"justified\":true}")
                .when().post("/api/v1/threats/break-glass/" + review.id() + "/close").then().statusCode(403);
    }
}

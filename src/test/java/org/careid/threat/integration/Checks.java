package org.careid.threat.integration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.function.BooleanSupplier;
import org.careid.support.Api;
import org.careid.threat.ThreatMonitor;

/** Shared steps of the integration tests: waiting for the monitor, reading the audit trail. */
final class Checks {
    private Checks() {}

    /** Waits until the monitor has handled everything reported so far (its worker is asynchronous). */
    static void idle(ThreatMonitor monitor) throws InterruptedException {
        assertTrue(monitor.awaitIdle(10_000), "threat monitor did not drain its queue");
    }

    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** The audit entries with this action about this target, as an AUDITOR reads them. */
    static JsonPath audit(String action, Object targetId) {
        return Api.as(Api.operator("AUDITOR")).queryParam("action", action).queryParam("targetId", targetId.toString())
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }
}

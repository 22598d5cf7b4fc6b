package org.careid.biometric;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.careid.support.Api;
import org.careid.support.Enroll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The consent text promises erasure when a person leaves: deactivation schedules the erasure of
 * all their biometrics after the retention (30 days by default), which the staff record shows;
 * reactivation before then cancels it. The job is run here with a clock 31 days ahead.
 */
@QuarkusTest
class LeaverErasureTest {
    private static final String LEAVER = "fingerprints/fvc2004_db4_b_105/105_";
    private static final String RETURNER = "fingerprints/fvc2004_db4_b_107/107_";

    @Inject
    LeaverErasure erasure;

    private static String enrolledStaff(String finger) {
        String staff = Api.createStaff("patient/*.read");
        Enroll.consent(staff);
        Enroll.finger(staff, 7, 500, finger + "1.tif", finger + "2.tif", finger + "3.tif");
        return staff;
    }

    @Test
    void deactivationSchedulesTheErasureWhichRunsAfterTheRetention() {
        String staff = enrolledStaff(LEAVER);
        Instant before = Instant.now();

        String due = Api.as(Api.admin()).post("/api/v1/staff/" + staff + "/deactivate").then().statusCode(200)
                .body("biometricsErasureDueAt", notNullValue()).extract().path("biometricsErasureDueAt");
        Instant dueAt = Instant.parse(due);
        assertTrue(!dueAt.isBefore(before.plus(Duration.ofDays(30))) && dueAt.isBefore(Instant.now().plus(Duration.ofDays(30)).plusSeconds(5)), due);
        Api.as(Api.admin()).get("/api/v1/staff/" + staff).then().body("biometricsErasureDueAt", notNullValue());

        erasure.eraseDue(Instant.now().plus(Duration.ofDays(29)));
        Api.as(Api.admin()).get("/api/v1/staff/" + staff + "/biometrics").then().statusCode(200).body("fingerprints", hasSize(1));

        assertTrue(erasure.eraseDue(Instant.now().plus(Duration.ofDays(31))) >= 1);
        Api.as(Api.admin()).get("/api/v1/staff/" + staff + "/biometrics").then().statusCode(200).body("fingerprints", empty());
        Api.as(Api.admin()).get("/api/v1/staff/" + staff).then().body("biometricsErasureDueAt", nullValue());
        Api.as(Api.operator("AUDITOR")).queryParam("targetId", staff).queryParam("action", "BIOMETRICS_ERASED")
                .get("/api/v1/audit").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void reactivationCancelsTheErasure() {
        String staff = enrolledStaff(RETURNER);
        Api.as(Api.admin()).post("/api/v1/staff/" + staff + "/deactivate").then().statusCode(200);

        Api.as(Api.admin()).post("/api/v1/staff/" + staff + "/activate").then().statusCode(200)
                .body("biometricsErasureDueAt", nullValue());

        erasure.eraseDue(Instant.now().plus(Duration.ofDays(31)));
        Api.as(Api.admin()).get("/api/v1/staff/" + staff + "/biometrics").then().body("fingerprints", hasSize(1));
    }
}

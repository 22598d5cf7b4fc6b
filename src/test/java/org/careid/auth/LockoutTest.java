package org.careid.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.DeviceKey;
import org.careid.support.Enroll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Five consecutive failures lock the staff member and the device; the lock gives the same answer
 * as any failure, and its start and expiry are audited. (Tests run with a 3 s first lock.)
 */
@QuarkusTest
class LockoutTest {
    private static final String FINGER = "fingerprints/fvc2004_db4_b_103/103_";

    private static ValidatableResponse attempt(DeviceKey device, String staff, String image) {
        return Api.asDevice(device).multiPart("image", "p.tif", Datasets.bytes(image), "image/tiff")
                .multiPart("staffId", staff).multiPart("scope", "patient/*.read")
                .post("/api/v1/auth/fingerprint").then();
    }

    @Test
    void fiveFailuresLockThenTheLockExpires() throws Exception {
        Datasets.bytes(FINGER + "1.tif");
        String staff = Api.createStaff("patient/*.read");
        Enroll.consent(staff);
        Enroll.finger(staff, 6, 500, FINGER + "1.tif", FINGER + "2.tif", FINGER + "3.tif");
        DeviceKey device = Api.provisionedDevice();
        attempt(device, staff, FINGER + "4.tif").statusCode(200);
        String stranger = "fingerprints/fvc2004_db4_b_104/104_";
        for (int i = 1; i <= 5; i++) {
            attempt(device, staff, stranger + i + ".tif").statusCode(401);
        }
        // locked: even the genuine finger gets the same generic answer
        attempt(device, staff, FINGER + "4.tif").statusCode(401).body("title", equalTo("Authentication failed"));
        Api.as(Api.operator("AUDITOR")).queryParam("action", "LOCKOUT_STARTED").queryParam("targetId", staff)
                .get("/api/v1/audit").then().body("total", greaterThanOrEqualTo(1));
        Thread.sleep(4500);
        attempt(device, staff, FINGER + "4.tif").statusCode(200);
        Api.as(Api.operator("AUDITOR")).queryParam("action", "LOCKOUT_EXPIRED").queryParam("targetId", staff)
                .get("/api/v1/audit").then().body("total", greaterThanOrEqualTo(1));
    }
}

package org.careid.session;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.DeviceKey;
import org.careid.support.DrawnImages;
import org.careid.support.Enroll;
import org.careid.token.AccessTokenIssuer;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Bedside sessions against the running app, with the test profile's short times (idle 10 s,
 * absence 3 s, sweep every second): ending a session in any way revokes its token.
 */
@QuarkusTest
class BedsideSessionTest {
    private static final String CLINICIAN_FACE = "faces/deepface_p03/";
    private static final String STRANGER = "faces/fr_rose_leslie/img1.jpg";

    @Inject
    AccessTokenIssuer issuer;

    private record Bedside(String staffId, DeviceKey device, String token, String sessionId) {}

    private Bedside started(String staffId) {
        DeviceKey device = Api.provisionedDevice();
        String token = issuer.issue(new AccessTokenIssuer.Grant(UUID.fromString(staffId), device.id, Set.of("patient/*.read"),
                List.of("face"), "aal2")).access_token();
        String id = Api.asDevice(device).formParam("token", token).post("/api/v1/sessions")
                .then().statusCode(201).body("open", equalTo(true)).body("staffId", equalTo(staffId))
                .body("idleExpiresAt", notNullValue()).extract().path("id");
        return new Bedside(staffId, device, token, id);
    }

    private Bedside started() {
        return started(Api.createStaff("patient/*.read"));
    }

    private static boolean active(Bedside b) {
        return Api.asDevice(b.device()).formParam("token", b.token()).post("/api/v1/tokens/introspect")
                .then().statusCode(200).extract().path("active");
    }

    private static ValidatableResponse tap(DeviceKey device, String sessionId) {
        return Api.asDevice(device).post("/api/v1/sessions/" + sessionId + "/heartbeat").then();
    }

    private static ValidatableResponse frame(Bedside b, byte[] jpeg) {
        return Api.asDevice(b.device()).multiPart("frame", "frame.jpg", jpeg, "image/jpeg")
                .post("/api/v1/sessions/" + b.sessionId() + "/heartbeat").then();
    }

    private static ValidatableResponse session(Bedside b) {
        return Api.asDevice(b.device()).get("/api/v1/sessions/" + b.sessionId()).then().statusCode(200);
    }

    /** Polls until the sweep has ended the session (at most 30 s), then returns its end reason. */
    private static String awaitEnd(Bedside b) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Boolean open = session(b).extract().path("open");
            if (!open) {
                return session(b).extract().path("endReason");
            }
            Thread.sleep(500);
        }
        throw new AssertionError("session still open after 30 s");
    }

    @Test
    void tapsKeepTheSessionAliveThenIdleExpiryRevokesTheToken() throws InterruptedException {
        Bedside b = started();
        long until = System.nanoTime() + 13_000_000_000L; // longer than the 10 s idle time
        while (System.nanoTime() < until) {
            tap(b.device(), b.sessionId()).statusCode(200).body("open", equalTo(true));
            Thread.sleep(1000);
        }
        assertTrue(active(b), "taps kept the token alive");
        assertEquals("idle", awaitEnd(b));
        assertTrue(!active(b), "the idle session's token is revoked");
        tap(b.device(), b.sessionId()).statusCode(409).body("type", equalTo(ProblemType.SESSION_ENDED.uri()))
                .body("reason", equalTo("idle"));
    }

    @Test
    void deviceEndsItsSessionAndTheTokenIsRevoked() {
        Bedside b = started();
        Api.asDevice(b.device()).delete("/api/v1/sessions/" + b.sessionId()).then().statusCode(204);
        assertTrue(!active(b));
        session(b).body("open", equalTo(false)).body("endReason", equalTo("ended_by_device"));
        Api.asDevice(b.device()).formParam("token", b.token()).post("/api/v1/sessions").then().statusCode(422)
                .body("type", equalTo(ProblemType.TOKEN_REVOKED.uri()));
    }

    @Test
    void anotherDeviceCannotHeartbeatOrEndTheSession() {
        Bedside b = started();
        DeviceKey other = Api.provisionedDevice();
        tap(other, b.sessionId()).statusCode(404).body("type", equalTo(ProblemType.SESSION_NOT_FOUND.uri()));
        Api.asDevice(other).delete("/api/v1/sessions/" + b.sessionId()).then().statusCode(404)
                .body("type", equalTo(ProblemType.SESSION_NOT_FOUND.uri()));
        Api.asDevice(other).formParam("token", b.token()).post("/api/v1/sessions").then().statusCode(422)
                .body("type", equalTo(ProblemType.TOKEN_INVALID.uri()));
        session(b).body("open", equalTo(true));
        assertTrue(active(b));
    }

    @Test
    void unknownSessionIsANotFoundProblem() {
        DeviceKey device = Api.provisionedDevice();
        tap(device, UUID.randomUUID().toString()).statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(ProblemType.SESSION_NOT_FOUND.uri())).body("status", equalTo(404));
    }

    @Test
    void sessionsNeedADevice() {
        Api.as(Api.admin()).post("/api/v1/sessions/" + UUID.randomUUID() + "/heartbeat").then().statusCode(403);
    }

    @Test
    void framesWithoutAFaceEndTheSessionForAbsence() throws InterruptedException {
        Bedside b = started();
        frame(b, DrawnImages.jpeg()).statusCode(200).body("seen", equalTo("nobody")).body("absentSince", notNullValue());
        assertEquals("absence", awaitEnd(b));
        assertTrue(!active(b));
    }

    @Test
    void theClinicianKeepsItOpenAndADifferentFaceEndsIt() {
        byte[] own = Datasets.bytes(CLINICIAN_FACE + "img50.jpg");
        byte[] stranger = Datasets.bytes(STRANGER);
        String staff = Api.createStaff("patient/*.read");
        Enroll.consent(staff);
        Enroll.faces(staff, CLINICIAN_FACE + "img47.jpg", CLINICIAN_FACE + "img48.jpg", CLINICIAN_FACE + "img49.jpg");
        Bedside b = started(staff);
        frame(b, own).statusCode(200).body("open", equalTo(true)).body("seen", equalTo("clinician"));
        frame(b, stranger).statusCode(200).body("open", equalTo(false)).body("seen", equalTo("someone_else"))
                .body("endReason", equalTo("different_face"));
        assertTrue(!active(b));
    }
}

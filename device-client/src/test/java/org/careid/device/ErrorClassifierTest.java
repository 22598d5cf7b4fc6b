package org.careid.device;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorClassifierTest {
    private static String problem(int status, String title, String detail, String extra) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + (detail == null ? "" : ",\"detail\":\"" + detail + "\"") + (extra == null ? "" : "," + extra) + "}";
    }

    private static Failure classify(Endpoint endpoint, int status, String body) {
        return ErrorClassifier.classify(endpoint, "Call", status, body, Optional.of(Duration.ofSeconds(1))).failure();
    }

    @Test
    void a401FromAuthenticationIsAuthenticationFailedWhateverTheCause() {
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.AUTHENTICATION, 401, problem(401, "Authentication failed", null, null)));
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.AUTHENTICATION, 401, ""));
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.DEVICE, 401, problem(401, "Unauthorized", "Invalid client assertion", null)));
    }

    @Test
    void aMaskedFaceAsksForASecondFactor() {
        assertEquals(Failure.SECOND_FACTOR_REQUIRED, classify(Endpoint.AUTHENTICATION, 401,
                problem(401, "Authentication failed", null, "\"second_factor_required\":true")));
    }

    @Test
    void lockoutAndRateLimitsAreLockedOut() {
        assertEquals(Failure.LOCKED_OUT, classify(Endpoint.AUTHENTICATION, 429, problem(429, "Too Many Requests", null, null)));
        assertEquals(Failure.LOCKED_OUT, classify(Endpoint.AUTHENTICATION, 423, ""));
        assertEquals(Failure.LOCKED_OUT, classify(Endpoint.DEVICE, 403, problem(403, "Forbidden", "Device locked after repeated failures", null)));
    }

    @Test
    void resourceRefusalsNameTheTokensProblem() {
        assertEquals(Failure.TOKEN_EXPIRED, classify(Endpoint.RESOURCE, 401, problem(401, "Unauthorized", "Token expired", null)));
        assertEquals(Failure.TOKEN_REVOKED, classify(Endpoint.RESOURCE, 401, problem(401, "Unauthorized", "Token is not active", null)));
        assertEquals(Failure.TOKEN_REVOKED, classify(Endpoint.RESOURCE, 401, problem(401, "Unauthorized", "Token revoked", null)));
        assertEquals(Failure.CONFLICT, classify(Endpoint.RESOURCE, 401, problem(401, "Unauthorized", "Token already used (replay)", null)));
        assertEquals(Failure.TOKEN_INVALID, classify(Endpoint.RESOURCE, 401, problem(401, "Unauthorized", "Invalid proof", null)));
        assertEquals(Failure.FORBIDDEN, classify(Endpoint.RESOURCE, 403, problem(403, "Forbidden", "Scope missing", null)));
        assertEquals(Failure.CONFLICT, classify(Endpoint.RESOURCE, 409, problem(409, "Conflict", null, null)));
    }

    @Test
    void otherStatuses() {
        assertEquals(Failure.BAD_INPUT, classify(Endpoint.AUTHENTICATION, 400, problem(400, "Bad Request", "image: unreadable", null)));
        assertEquals(Failure.BAD_INPUT, classify(Endpoint.RESOURCE, 404, ""));
        assertEquals(Failure.BAD_INPUT, classify(Endpoint.AUTHENTICATION, 413, ""));
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.AUTHENTICATION, 410, ""));
        assertEquals(Failure.SERVER_ERROR, classify(Endpoint.DEVICE, 500, "<html>oops</html>"));
        assertEquals(Failure.SERVER_ERROR, classify(Endpoint.DEVICE, 503, ""));
    }

    @Test
    void aRefusalWithALargeClockSkewIsReportedAsClockSkew() {
        CareIdException e = ErrorClassifier.classify(Endpoint.AUTHENTICATION, "Authentication", 401,
                problem(401, "Authentication failed", null, null), Optional.of(Duration.ofSeconds(-95)));
        assertEquals(Failure.CLOCK_SKEW, e.failure());
        assertTrue(e.getMessage().contains("95 s ahead"), e.getMessage());
        // A server error stays a server error even with a wrong clock.
        assertEquals(Failure.SERVER_ERROR, ErrorClassifier.classify(Endpoint.DEVICE, "Call", 500, "",
                Optional.of(Duration.ofSeconds(95))).failure());
    }

    @Test
    void messageCarriesTheProblemTitleAndDetailButNoBody() {
        CareIdException e = ErrorClassifier.classify(Endpoint.DEVICE, "Reporting the software version", 403,
                problem(403, "Forbidden", "Software 1.0 is below the minimum 2.0", null), Optional.empty());
        assertEquals("Reporting the software version failed: Forbidden (Forbidden: Software 1.0 is below the minimum 2.0)", e.getMessage());
        assertEquals(403, e.httpStatus());
        assertEquals("Software 1.0 is below the minimum 2.0", e.problem().orElseThrow().detail());
        assertFalse(ErrorClassifier.classify(Endpoint.DEVICE, "Call", 500, "<secret-ish html>", Optional.empty())
                .getMessage().contains("secret"));
    }
}

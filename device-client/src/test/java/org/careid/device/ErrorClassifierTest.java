package org.careid.device;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorClassifierTest {
    private static String problem(String type, int status, String title, String detail, String extra) {
        return "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + (detail == null ? "" : ",\"detail\":\"" + detail + "\"") + (extra == null ? "" : "," + extra) + "}";
    }

    private static String careId(String name, int status, String title, String detail) {
        return problem(ProblemTypes.uri(name), status, title, detail, null);
    }

    private static Failure classify(Endpoint endpoint, int status, String body) {
        return ErrorClassifier.classify(endpoint, "Call", status, body, Optional.of(Duration.ofSeconds(1))).failure();
    }

    @Test
    void theProblemTypeDecidesNotTheWords() {
        // words that used to steer the old text matching now change nothing
        assertEquals(Failure.TOKEN_INVALID, classify(Endpoint.RESOURCE, 401,
                careId("proof-invalid", 401, "Unauthorized", "proof expired, token revoked, replay, locked")));
        assertEquals(Failure.FORBIDDEN, classify(Endpoint.DEVICE, 403,
                careId("device-suspended", 403, "Token refused", "Device locked after repeated failures")));
        assertEquals(Failure.TOKEN_EXPIRED, classify(Endpoint.RESOURCE, 401, careId("token-expired", 401, "Unauthorized", "x")));
        assertEquals(Failure.TOKEN_REVOKED, classify(Endpoint.RESOURCE, 401, careId("token-revoked", 401, "Unauthorized", "x")));
        assertEquals(Failure.TOKEN_REVOKED, classify(Endpoint.RESOURCE, 401, careId("token-inactive", 401, "Unauthorized", "x")));
        assertEquals(Failure.CONFLICT, classify(Endpoint.RESOURCE, 409, careId("token-replayed", 409, "Token already used", null)));
        assertEquals(Failure.FORBIDDEN, classify(Endpoint.RESOURCE, 403, careId("insufficient-scope", 403, "Insufficient scope", null)));
        // the type wins over the status: a refused provisioning code is a 400 but an authentication failure
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.AUTHENTICATION, 400,
                careId("invalid-provisioning-code", 400, "Provisioning failed", null)));
        assertEquals(Failure.LOCKED_OUT, classify(Endpoint.AUTHENTICATION, 429, careId("rate-limited", 429, "Too many", null)));
        assertEquals(Failure.BAD_INPUT, classify(Endpoint.AUTHENTICATION, 413, careId("image-too-large", 413, "Image too large", null)));
    }

    @Test
    void authenticationFailuresAndTheSecondFactor() {
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.AUTHENTICATION, 401,
                careId("authentication-failed", 401, "Authentication failed", null)));
        assertEquals(Failure.SECOND_FACTOR_REQUIRED, classify(Endpoint.AUTHENTICATION, 401,
                problem(ProblemTypes.uri("second-factor-required"), 401, "Authentication failed", null, "\"second_factor_required\":true")));
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.DEVICE, 401,
                careId("credentials-refused", 401, "Unauthorized", "The credentials were not accepted")));
    }

    @Test
    void aCaptureProblemCarriesItsReasonAndSaysAuthenticationFailedOnce() {
        CareIdException rejected = ErrorClassifier.classify(Endpoint.AUTHENTICATION, "Authentication", 422,
                problem(ProblemTypes.uri("capture-rejected"), 422, "Face capture not usable", "Capture again: no face was found",
                        "\"reason\":\"NO_FACE\",\"reasons\":[\"NO_FACE\"]"), Optional.empty());
        assertEquals(Failure.CAPTURE_REJECTED, rejected.failure());
        assertEquals("NO_FACE", rejected.problem().orElseThrow().reason().orElseThrow());
        assertTrue(rejected.getMessage().endsWith("[reason: NO_FACE]"), rejected.getMessage());
        CareIdException failed = ErrorClassifier.classify(Endpoint.AUTHENTICATION, "Authentication", 401,
                careId("authentication-failed", 401, "Authentication failed", "The person could not be authenticated"),
                Optional.empty());
        assertFalse(failed.getMessage().contains("Authentication failed: Authentication failed"), failed.getMessage());
    }

    @Test
    void withoutACareIdTypeOnlyTheStatusCounts() {
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.AUTHENTICATION, 401, ""));
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.DEVICE, 401, problem("about:blank", 401, "Unauthorized", null, null)));
        assertEquals(Failure.SECOND_FACTOR_REQUIRED, classify(Endpoint.AUTHENTICATION, 401,
                problem("about:blank", 401, "Authentication failed", null, "\"second_factor_required\":true")));
        // another resource server's words are not read: "expired" in the detail is still just a refused token
        assertEquals(Failure.TOKEN_INVALID, classify(Endpoint.RESOURCE, 401, problem("about:blank", 401, "Unauthorized", "Token expired", null)));
        assertEquals(Failure.TOKEN_INVALID, classify(Endpoint.RESOURCE, 401,
                problem("https://ehr.example/problems/token-expired", 401, "Unauthorized", null, null)));
        assertEquals(Failure.FORBIDDEN, classify(Endpoint.DEVICE, 403, problem("about:blank", 403, "Forbidden", "Device locked", null)));
        assertEquals(Failure.LOCKED_OUT, classify(Endpoint.AUTHENTICATION, 423, ""));
        assertEquals(Failure.LOCKED_OUT, classify(Endpoint.AUTHENTICATION, 429, problem("about:blank", 429, "Too Many Requests", null, null)));
        assertEquals(Failure.CONFLICT, classify(Endpoint.RESOURCE, 409, problem("about:blank", 409, "Conflict", null, null)));
        assertEquals(Failure.BAD_INPUT, classify(Endpoint.RESOURCE, 404, ""));
        assertEquals(Failure.BAD_INPUT, classify(Endpoint.AUTHENTICATION, 413, ""));
        assertEquals(Failure.AUTHENTICATION_FAILED, classify(Endpoint.AUTHENTICATION, 410, ""));
        assertEquals(Failure.SERVER_ERROR, classify(Endpoint.DEVICE, 500, "<html>oops</html>"));
        assertEquals(Failure.SERVER_ERROR, classify(Endpoint.DEVICE, 503, ""));
        // a CareID type this client does not know yet falls back to the status
        assertEquals(Failure.FORBIDDEN, classify(Endpoint.DEVICE, 403, careId("something-new", 403, "New", null)));
    }

    @Test
    void aRefusalWithALargeClockSkewIsReportedAsClockSkew() {
        CareIdException e = ErrorClassifier.classify(Endpoint.AUTHENTICATION, "Authentication", 401,
                careId("authentication-failed", 401, "Authentication failed", null), Optional.of(Duration.ofSeconds(-95)));
        assertEquals(Failure.CLOCK_SKEW, e.failure());
        assertTrue(e.getMessage().contains("95 s ahead"), e.getMessage());
        // A server error stays a server error even with a wrong clock.
        assertEquals(Failure.SERVER_ERROR, ErrorClassifier.classify(Endpoint.DEVICE, "Call", 500, "",
                Optional.of(Duration.ofSeconds(95))).failure());
    }

    @Test
    void messageCarriesTheProblemTitleAndDetailButNoBody() {
        CareIdException e = ErrorClassifier.classify(Endpoint.DEVICE, "Reporting the software version", 403,
                careId("device-software-outdated", 403, "Forbidden", "Software 1.0 is below the minimum 2.0"), Optional.empty());
        assertEquals("Reporting the software version failed: Forbidden (Forbidden: Software 1.0 is below the minimum 2.0)", e.getMessage());
        assertEquals(403, e.httpStatus());
        assertEquals("Software 1.0 is below the minimum 2.0", e.problem().orElseThrow().detail());
        assertEquals(Optional.of(Failure.FORBIDDEN), e.problem().orElseThrow().failure());
        assertFalse(ErrorClassifier.classify(Endpoint.DEVICE, "Call", 500, "<secret-ish html>", Optional.empty())
                .getMessage().contains("secret"));
    }
}

package org.careid.device.cli;

import org.careid.device.Failure;
import org.careid.device.ProblemTypes;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exit code of every CareID problem type, as the README's table lists it. */
class ProblemTypeExitCodesTest {
    private static final Map<String, Integer> EXIT_CODES = Map.ofEntries(
            Map.entry("validation", 2), Map.entry("malformed-request", 2), Map.entry("not-found", 2),
            Map.entry("method-not-allowed", 2), Map.entry("not-acceptable", 2), Map.entry("request-too-large", 2),
            Map.entry("unsupported-media-type", 2), Map.entry("image-too-large", 2), Map.entry("image-unsupported", 2),
            Map.entry("image-unusable", 2), Map.entry("template-unsupported", 2), Map.entry("enrollment-refused", 2),
            Map.entry("password-not-changed", 2), Map.entry("request-refused", 2), Map.entry("invalid-key", 2),
            Map.entry("rate-limited", 5),
            Map.entry("authentication-failed", 6), Map.entry("authentication-required", 6),
            Map.entry("credentials-refused", 6), Map.entry("login-failed", 6), Map.entry("invalid-provisioning-code", 6),
            Map.entry("second-factor-required", 7),
            Map.entry("token-expired", 8),
            Map.entry("token-revoked", 9), Map.entry("token-inactive", 9),
            Map.entry("token-required", 10), Map.entry("token-invalid", 10), Map.entry("proof-required", 10),
            Map.entry("proof-invalid", 10),
            Map.entry("forbidden", 11), Map.entry("insufficient-scope", 11), Map.entry("wrong-device", 11),
            Map.entry("device-suspended", 11), Map.entry("device-retired", 11), Map.entry("device-not-provisioned", 11),
            Map.entry("device-software-outdated", 11), Map.entry("access-not-granted", 11),
            Map.entry("emergency-access-disabled", 11),
            Map.entry("conflict", 12), Map.entry("token-replayed", 12), Map.entry("consent-required", 12),
            Map.entry("consent-text-outdated", 12), Map.entry("duplicate-identity", 12),
            Map.entry("internal-error", 13), Map.entry("service-unavailable", 13),
            Map.entry("capture-rejected", 14));

    @Test
    void everyCareIdProblemTypeHasItsExitCode() {
        EXIT_CODES.forEach((name, code) -> assertEquals(code,
                ProblemTypes.failureOf(ProblemTypes.uri(name)).map(ExitCodes::of).orElse(-1), name));
    }

    @Test
    void otherTypesHaveNoExitCodeOfTheirOwn() {
        assertEquals(Optional.empty(), ProblemTypes.failureOf("about:blank"));
        assertEquals(Optional.empty(), ProblemTypes.failureOf(null));
        assertEquals(Optional.empty(), ProblemTypes.failureOf("https://careid.org/problems/not-yet-invented"));
        assertEquals(Optional.empty(), ProblemTypes.failureOf("https://ehr.example/problems/token-expired"));
        assertEquals(Failure.TOKEN_EXPIRED, ProblemTypes.failureOf("https://careid.org/problems/token-expired").orElseThrow());
    }
}

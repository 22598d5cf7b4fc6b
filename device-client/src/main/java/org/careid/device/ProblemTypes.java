package org.careid.device;

import java.util.Map;
import java.util.Optional;

/**
 * CareID's problem {@code type} URIs (docs/PROBLEM-TYPES.md in the server) and the {@link Failure}
 * each stands for. The client decides on the type, never on a title or detail text.
 */
public final class ProblemTypes {
    /** Every CareID problem type URI starts with this. */
    public static final String BASE = "https://careid.org/problems/";

    private static final Map<String, Failure> FAILURES = Map.ofEntries(
            Map.entry("rate-limited", Failure.LOCKED_OUT),
            Map.entry("authentication-failed", Failure.AUTHENTICATION_FAILED),
            Map.entry("authentication-required", Failure.AUTHENTICATION_FAILED),
            Map.entry("credentials-refused", Failure.AUTHENTICATION_FAILED),
            Map.entry("login-failed", Failure.AUTHENTICATION_FAILED),
            Map.entry("invalid-provisioning-code", Failure.AUTHENTICATION_FAILED),
            Map.entry("second-factor-required", Failure.SECOND_FACTOR_REQUIRED),
            Map.entry("challenge-required", Failure.SECOND_FACTOR_REQUIRED),
            Map.entry("capture-rejected", Failure.CAPTURE_REJECTED),
            Map.entry("token-expired", Failure.TOKEN_EXPIRED),
            Map.entry("token-revoked", Failure.TOKEN_REVOKED),
            Map.entry("session-ended", Failure.TOKEN_REVOKED),
            Map.entry("session-not-found", Failure.BAD_INPUT),
            Map.entry("token-inactive", Failure.TOKEN_REVOKED),
            Map.entry("token-required", Failure.TOKEN_INVALID),
            Map.entry("token-invalid", Failure.TOKEN_INVALID),
            Map.entry("proof-required", Failure.TOKEN_INVALID),
            Map.entry("proof-invalid", Failure.TOKEN_INVALID),
            Map.entry("forbidden", Failure.FORBIDDEN),
            Map.entry("insufficient-scope", Failure.FORBIDDEN),
            Map.entry("password-change-required", Failure.FORBIDDEN),
            Map.entry("pin-change-required", Failure.FORBIDDEN),
            Map.entry("wrong-device", Failure.FORBIDDEN),
            Map.entry("device-suspended", Failure.FORBIDDEN),
            Map.entry("device-retired", Failure.FORBIDDEN),
            Map.entry("device-not-provisioned", Failure.FORBIDDEN),
            Map.entry("device-software-outdated", Failure.FORBIDDEN),
            Map.entry("access-not-granted", Failure.FORBIDDEN),
            Map.entry("emergency-access-disabled", Failure.FORBIDDEN),
            Map.entry("conflict", Failure.CONFLICT),
            Map.entry("token-replayed", Failure.CONFLICT),
            Map.entry("consent-required", Failure.CONFLICT),
            Map.entry("live-capture-required", Failure.CONFLICT),
            Map.entry("consent-text-outdated", Failure.CONFLICT),
            Map.entry("duplicate-identity", Failure.CONFLICT),
            Map.entry("validation", Failure.BAD_INPUT),
            Map.entry("malformed-request", Failure.BAD_INPUT),
            Map.entry("invalid-key", Failure.BAD_INPUT),
            Map.entry("password-not-changed", Failure.BAD_INPUT),
            Map.entry("not-found", Failure.BAD_INPUT),
            Map.entry("method-not-allowed", Failure.BAD_INPUT),
            Map.entry("not-acceptable", Failure.BAD_INPUT),
            Map.entry("request-too-large", Failure.BAD_INPUT),
            Map.entry("image-too-large", Failure.BAD_INPUT),
            Map.entry("unsupported-media-type", Failure.BAD_INPUT),
            Map.entry("image-unsupported", Failure.BAD_INPUT),
            Map.entry("image-unusable", Failure.BAD_INPUT),
            Map.entry("template-unsupported", Failure.BAD_INPUT),
            Map.entry("enrollment-refused", Failure.BAD_INPUT),
            Map.entry("presentation-attack-suspected", Failure.BAD_INPUT),
            Map.entry("import-file-refused", Failure.BAD_INPUT),
            Map.entry("request-refused", Failure.BAD_INPUT),
            Map.entry("internal-error", Failure.SERVER_ERROR),
            Map.entry("service-unavailable", Failure.SERVER_ERROR),
            Map.entry("database-unavailable", Failure.SERVER_ERROR));

    private ProblemTypes() {
    }

    /** The type URI for a CareID problem name, e.g. {@code uri("token-expired")}. */
    public static String uri(String name) {
        return BASE + name;
    }

    /** The failure a CareID problem type stands for; empty for other types (about:blank, another server's, a newer one). */
    public static Optional<Failure> failureOf(String type) {
        if (type == null || !type.startsWith(BASE)) {
            return Optional.empty();
        }
        return Optional.ofNullable(FAILURES.get(type.substring(BASE.length())));
    }
}

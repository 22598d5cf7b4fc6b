package org.careid.device;

/**
 * Why a call to CareID or a token check failed. The command-line program turns each kind into its
 * own exit code, so scripts on the device can react (retry later, ask for another factor, re-provision).
 */
public enum Failure {
    /** No answer from the server: connection refused, unknown host, timeout. */
    SERVER_UNREACHABLE("CareID server unreachable"),
    /** The device clock differs from the server's clock too much for assertions and proofs to be accepted. */
    CLOCK_SKEW("Device clock out of sync with the server"),
    /** The server refuses further attempts for now (rate limit or lockout it chose to reveal). */
    LOCKED_OUT("Locked out: too many attempts, try again later"),
    /** No match, wrong PIN, unknown person or refused provisioning code; the server says no more on purpose. */
    AUTHENTICATION_FAILED("Authentication failed"),
    /**
     * The face capture could not be compared with anyone (no face, several faces, too dark...):
     * capture again. {@link Problem#reason()} names the problem; it says nothing about who is enrolled.
     */
    CAPTURE_REJECTED("Capture not usable"),
    /** The presented factor alone is not enough (for example a masked face); add a fingerprint or a PIN. */
    SECOND_FACTOR_REQUIRED("A second factor is required"),
    /** The access token has expired (or there is none left to use). */
    TOKEN_EXPIRED("Token expired"),
    /** The server says the token is no longer active: revoked, or its staff member or device was suspended. */
    TOKEN_REVOKED("Token revoked or no longer active"),
    /** The token is not acceptable: bad signature, algorithm, type, issuer or bound to another key. */
    TOKEN_INVALID("Token invalid"),
    /** Authenticated but not allowed: missing scope, suspended or outdated device, another device's resource. */
    FORBIDDEN("Forbidden"),
    /** The request was refused as a replay or conflicts with the server's state (for example an unlock token used twice). */
    CONFLICT("Refused as a replay or conflict"),
    /** Wrong arguments, unreadable files, a malformed request or an unknown resource. */
    BAD_INPUT("Bad input"),
    /** The server failed or answered something this client does not understand. */
    SERVER_ERROR("Server error");

    private final String summary;

    Failure(String summary) {
        this.summary = summary;
    }

    /** A short human sentence for the failure, safe to show on the device. */
    public String summary() {
        return summary;
    }
}

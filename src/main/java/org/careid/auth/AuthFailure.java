package org.careid.auth;

/** Why an authentication attempt at a device failed, as the audit trail and threat detection see it. */
enum AuthFailure {
    /** The device or the claimed identity is locked out; the attempt was not evaluated. */
    LOCKED_OUT("locked"),
    /** The biometrics matched nobody, someone else, or not strongly enough. */
    NO_MATCH("no-match"),
    /** A presented face was judged a presentation attack (photo, screen) or failed its challenge. */
    PRESENTATION_ATTACK("presentation-attack"),
    /** The biometric matched but the PIN was wrong or the PIN is locked. */
    WRONG_PIN("wrong-pin"),
    /** Verified, but with too few factors for any requested scope at this device. */
    INSUFFICIENT_FACTORS("insufficient-factors"),
    /** Verified by an unchallenged face alone, for a scope that needs the head-turn challenge at this device. */
    CHALLENGE_REQUIRED("challenge-required");

    private final String outcome;

    AuthFailure(String outcome) {
        this.outcome = outcome;
    }

    /** The short outcome code reported to threat detection. */
    String outcome() {
        return outcome;
    }
}

package org.careid.threat;

/** The ways a token can be misused, as seen by the token service. */
public enum TokenMisuseKind {
    /** Introspected or presented by a device/resource other than the one it is bound to (cnf.jkt). */
    BINDING_MISMATCH,
    /** A one-time token (or a DPoP proof jti) was presented a second time. */
    REPLAYED_ONE_TIME_TOKEN,
    /** A revoked token was presented. */
    REVOKED_TOKEN_USE,
    /** The proof of possession (DPoP) did not verify. */
    FAILED_PROOF_OF_POSSESSION;

    /**
     * The misuse an introspection failure reason ({@code Introspection.Verdict.failure()}) stands
     * for, or null when the reason is no misuse (expired, malformed, inactive person or device).
     */
    public static TokenMisuseKind fromIntrospectionFailure(String failure) {
        if (failure == null) {
            return null;
        }
        if (failure.equals("presented by a device it is not bound to")) {
            return BINDING_MISMATCH;
        }
        if (failure.equals("one-time token replayed")) {
            return REPLAYED_ONE_TIME_TOKEN;
        }
        if (failure.equals("token revoked") || failure.startsWith("all tokens of the")) {
            return REVOKED_TOKEN_USE;
        }
        if (failure.startsWith("proof ")) {
            return FAILED_PROOF_OF_POSSESSION;
        }
        return null;
    }
}

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
    FAILED_PROOF_OF_POSSESSION
}

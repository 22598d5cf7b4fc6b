package org.careid.events;

/**
 * The ways a token can be misused, as seen by the token service (which maps its typed failure
 * reasons to these). Not persisted: it travels in {@link AuthEventRecord#misuse()} and is named only
 * in alert evidence text.
 */
public enum TokenMisuseKind {
    /** Introspected or presented by a device/resource other than the one it is bound to (cnf.jkt). */
    BINDING_MISMATCH,
    /** A one-time token was presented a second time. */
    REPLAYED_ONE_TIME_TOKEN,
    /** A revoked token was presented. */
    REVOKED_TOKEN_USE,
    /**
     * The presenter does not hold the key the token is bound to: no proof, no key in it, another key,
     * or the bound public key copied in without a signature made by it. A device that holds its key
     * never produces this (clock skew does not change keys or signatures); a thief with a stolen
     * token does.
     */
    PROOF_WITHOUT_BOUND_KEY,
    /**
     * A fresh proof whose jti was already used: a captured proof sent again. Every genuine request
     * signs a new proof with a new jti.
     */
    PROOF_REPLAYED,
    /**
     * A proof signed with the bound key but refused for a reason clock skew or a client bug explains:
     * not fresh, another method, URL or token, no iat or jti, wrong typ, unreadable. (A captured proof
     * replayed after its freshness window also ends up here: it is indistinguishable from skew.)
     */
    STALE_OR_MALFORMED_PROOF;

    /**
     * True for the kinds with no innocent explanation (alert at once); false for those that happen
     * innocently once (revocation racing a request, clock skew) and alert only when they repeat.
     */
    public boolean immediate() {
        return switch (this) {
            case BINDING_MISMATCH, REPLAYED_ONE_TIME_TOKEN, PROOF_WITHOUT_BOUND_KEY, PROOF_REPLAYED -> true;
            case REVOKED_TOKEN_USE, STALE_OR_MALFORMED_PROOF -> false;
        };
    }
}

package org.careid.token;

import org.careid.events.TokenMisuseKind;
import org.careid.web.ProblemType;

/**
 * Why an access token or its proof of possession was refused ({@link Introspection.Verdict#failure()},
 * {@link ProofOfPossession#check}). Code switches on the constant; {@link #description()} is for
 * the audit trail and logs only. Each reason knows the problem type a resource server answers with
 * and the misuse, if any, it stands for in threat detection.
 */
public enum TokenFailure {
    /** Not a token CareID signed and accepts: format, header, algorithm, type, key, signature or claims. */
    INVALID("token invalid", ProblemType.TOKEN_INVALID, null),
    SIGNING_KEY_RETIRED("signing key retired", ProblemType.TOKEN_INACTIVE, null),
    EXPIRED("expired", ProblemType.TOKEN_EXPIRED, null),
    NOT_YET_VALID("not yet valid", ProblemType.TOKEN_INVALID, null),
    /** Introspected or presented by a device other than the one it is bound to. */
    BOUND_TO_OTHER_DEVICE("presented by a device it is not bound to", ProblemType.TOKEN_INVALID, TokenMisuseKind.BINDING_MISMATCH),
    REVOKED("token revoked", ProblemType.TOKEN_REVOKED, TokenMisuseKind.REVOKED_TOKEN_USE),
    STAFF_TOKENS_REVOKED("all tokens of the staff member revoked", ProblemType.TOKEN_REVOKED, TokenMisuseKind.REVOKED_TOKEN_USE),
    DEVICE_TOKENS_REVOKED("all tokens of the device revoked", ProblemType.TOKEN_REVOKED, TokenMisuseKind.REVOKED_TOKEN_USE),
    STAFF_INACTIVE("staff member inactive", ProblemType.TOKEN_INACTIVE, null),
    DEVICE_INACTIVE("device not active", ProblemType.TOKEN_INACTIVE, null),
    DEVICE_KEY_CHANGED("device key changed since issuance", ProblemType.TOKEN_INACTIVE, null),
    /** A one-time token (unlock action) presented a second time. */
    ONE_TIME_TOKEN_REPLAYED("one-time token replayed", ProblemType.TOKEN_REPLAYED, TokenMisuseKind.REPLAYED_ONE_TIME_TOKEN),

    // Proof of possession. Only a presenter without the bound key produces the first four.
    /** No proof although one is needed: the presenter has none to give. */
    PROOF_MISSING("proof missing", ProblemType.PROOF_REQUIRED, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY),
    /** No public key in the header: the presenter cannot show the bound key. */
    PROOF_WITHOUT_JWK("proof carries no jwk", ProblemType.PROOF_INVALID, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY),
    /** Signed with a key other than the bound one (a thief's own key). */
    PROOF_WRONG_KEY("proof key is not the key the token is bound to", ProblemType.PROOF_INVALID,
            TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY),
    /** The bound public key copied into the header, but not signed with its private key. */
    PROOF_BAD_SIGNATURE("proof signature invalid", ProblemType.PROOF_INVALID, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY),
    /** A fresh proof whose jti was already used: a captured proof sent again. */
    PROOF_REPLAYED("proof replayed", ProblemType.PROOF_INVALID, TokenMisuseKind.PROOF_REPLAYED),
    // Signed with the bound key but refused for a reason clock skew or a client bug explains.
    PROOF_WRONG_TYP("proof has the wrong typ", ProblemType.PROOF_INVALID, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
    PROOF_WRONG_METHOD("proof is for another HTTP method", ProblemType.PROOF_INVALID, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
    PROOF_WRONG_URL("proof is for another URL", ProblemType.PROOF_INVALID, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
    PROOF_WRONG_TOKEN("proof is for another token", ProblemType.PROOF_INVALID, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
    PROOF_WITHOUT_IAT_OR_JTI("proof lacks iat or jti", ProblemType.PROOF_INVALID, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
    /** Too old or from the future: clock skew, or a captured proof replayed after its freshness window. */
    PROOF_NOT_FRESH("proof is not fresh", ProblemType.PROOF_INVALID, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
    PROOF_UNREADABLE("proof unreadable", ProblemType.PROOF_INVALID, TokenMisuseKind.STALE_OR_MALFORMED_PROOF);

    private final String description;
    private final ProblemType problemType;
    private final TokenMisuseKind misuse;

    TokenFailure(String description, ProblemType problemType, TokenMisuseKind misuse) {
        this.description = description;
        this.problemType = problemType;
        this.misuse = misuse;
    }

    /** Words for the audit trail and logs; never compared. */
    public String description() {
        return description;
    }

    /** The problem type a resource server answers this refusal with. */
    public ProblemType problemType() {
        return problemType;
    }

    /** The misuse this refusal stands for, or null when it has an innocent explanation (expiry, deactivation). */
    public TokenMisuseKind misuse() {
        return misuse;
    }
}

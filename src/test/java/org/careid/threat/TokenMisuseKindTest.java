package org.careid.threat;

import org.careid.events.TokenMisuseKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.careid.token.ProofOfPossession;
import org.junit.jupiter.api.Test;

/** The token service's failure reasons, as threat detection reads them. */
class TokenMisuseKindTest {
    private static TokenMisuseKind of(String failure) {
        return TokenMisuseKind.fromIntrospectionFailure(failure);
    }

    @Test
    void everyProofFailureOfTheTokenServiceIsMapped() {
        Map<String, TokenMisuseKind> expected = Map.ofEntries(
                Map.entry(ProofOfPossession.MISSING, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY),
                Map.entry(ProofOfPossession.NO_JWK, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY),
                Map.entry(ProofOfPossession.WRONG_KEY, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY),
                Map.entry(ProofOfPossession.BAD_SIGNATURE, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY),
                Map.entry(ProofOfPossession.REPLAYED, TokenMisuseKind.PROOF_REPLAYED),
                Map.entry(ProofOfPossession.NOT_FRESH, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
                Map.entry(ProofOfPossession.WRONG_METHOD, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
                Map.entry(ProofOfPossession.WRONG_URL, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
                Map.entry(ProofOfPossession.WRONG_TOKEN, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
                Map.entry(ProofOfPossession.NO_IAT_OR_JTI, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
                Map.entry(ProofOfPossession.WRONG_TYP, TokenMisuseKind.STALE_OR_MALFORMED_PROOF),
                Map.entry(ProofOfPossession.UNREADABLE, TokenMisuseKind.STALE_OR_MALFORMED_PROOF));
        expected.forEach((failure, kind) -> assertEquals(kind, of(failure), failure));
        // the literal texts the token service returns (an accidental rewording must not change the kind)
        assertEquals(TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY, of("proof key is not the key the token is bound to"));
        assertEquals(TokenMisuseKind.PROOF_REPLAYED, of("proof replayed"));
        assertEquals(TokenMisuseKind.STALE_OR_MALFORMED_PROOF, of("proof is not fresh"));
    }

    @Test
    void otherMisuseAndNonMisuse() {
        assertEquals(TokenMisuseKind.BINDING_MISMATCH, of("presented by a device it is not bound to"));
        assertEquals(TokenMisuseKind.REPLAYED_ONE_TIME_TOKEN, of("one-time token replayed"));
        assertEquals(TokenMisuseKind.REVOKED_TOKEN_USE, of("token revoked"));
        assertEquals(TokenMisuseKind.REVOKED_TOKEN_USE, of("all tokens of the staff member revoked"));
        for (String benign : new String[] {null, "expired", "not yet valid", "staff member inactive", "device not active",
                "signing key retired"}) {
            assertNull(of(benign), String.valueOf(benign));
        }
    }

    @Test
    void onlyKindsWithAnInnocentExplanationWaitForARepeat() {
        assertTrue(TokenMisuseKind.BINDING_MISMATCH.immediate());
        assertTrue(TokenMisuseKind.REPLAYED_ONE_TIME_TOKEN.immediate());
        assertTrue(TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY.immediate());
        assertTrue(TokenMisuseKind.PROOF_REPLAYED.immediate());
        assertFalse(TokenMisuseKind.REVOKED_TOKEN_USE.immediate());
        assertFalse(TokenMisuseKind.STALE_OR_MALFORMED_PROOF.immediate());
    }
}

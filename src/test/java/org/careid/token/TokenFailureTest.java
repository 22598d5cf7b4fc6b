package org.careid.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.careid.events.TokenMisuseKind;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

/** The token service's typed refusal reasons: the misuse threat detection hears of, the type a resource server answers. */
class TokenFailureTest {
    @Test
    void proofFailuresOnlyAThiefProducesAreMisuseWithoutTheBoundKey() {
        for (TokenFailure f : EnumSet.of(TokenFailure.PROOF_MISSING, TokenFailure.PROOF_WITHOUT_JWK,
                TokenFailure.PROOF_WRONG_KEY, TokenFailure.PROOF_BAD_SIGNATURE)) {
            assertEquals(TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY, f.misuse(), f.name());
        }
        assertEquals(TokenMisuseKind.PROOF_REPLAYED, TokenFailure.PROOF_REPLAYED.misuse());
        for (TokenFailure f : EnumSet.of(TokenFailure.PROOF_NOT_FRESH, TokenFailure.PROOF_WRONG_METHOD,
                TokenFailure.PROOF_WRONG_URL, TokenFailure.PROOF_WRONG_TOKEN, TokenFailure.PROOF_WITHOUT_IAT_OR_JTI,
                TokenFailure.PROOF_WRONG_TYP, TokenFailure.PROOF_UNREADABLE)) {
            assertEquals(TokenMisuseKind.STALE_OR_MALFORMED_PROOF, f.misuse(), f.name());
        }
    }

    @Test
    void otherMisuseAndRefusalsWithAnInnocentExplanation() {
        assertEquals(TokenMisuseKind.BINDING_MISMATCH, TokenFailure.BOUND_TO_OTHER_DEVICE.misuse());
        assertEquals(TokenMisuseKind.REPLAYED_ONE_TIME_TOKEN, TokenFailure.ONE_TIME_TOKEN_REPLAYED.misuse());
        for (TokenFailure f : EnumSet.of(TokenFailure.REVOKED, TokenFailure.STAFF_TOKENS_REVOKED, TokenFailure.DEVICE_TOKENS_REVOKED)) {
            assertEquals(TokenMisuseKind.REVOKED_TOKEN_USE, f.misuse(), f.name());
        }
        for (TokenFailure f : EnumSet.of(TokenFailure.INVALID, TokenFailure.EXPIRED, TokenFailure.NOT_YET_VALID,
                TokenFailure.STAFF_INACTIVE, TokenFailure.DEVICE_INACTIVE, TokenFailure.DEVICE_KEY_CHANGED,
                TokenFailure.SIGNING_KEY_RETIRED)) {
            assertNull(f.misuse(), f.name());
        }
    }

    @Test
    void everyFailureHasTheProblemTypeAResourceServerAnswersWith() {
        Map<TokenFailure, ProblemType> expected = Map.of(
                TokenFailure.EXPIRED, ProblemType.TOKEN_EXPIRED,
                TokenFailure.REVOKED, ProblemType.TOKEN_REVOKED,
                TokenFailure.STAFF_TOKENS_REVOKED, ProblemType.TOKEN_REVOKED,
                TokenFailure.STAFF_INACTIVE, ProblemType.TOKEN_INACTIVE,
                TokenFailure.PROOF_MISSING, ProblemType.PROOF_REQUIRED,
                TokenFailure.PROOF_NOT_FRESH, ProblemType.PROOF_INVALID,
                TokenFailure.ONE_TIME_TOKEN_REPLAYED, ProblemType.TOKEN_REPLAYED,
                TokenFailure.INVALID, ProblemType.TOKEN_INVALID);
        expected.forEach((failure, type) -> assertEquals(type, failure.problemType(), failure.name()));
        Set<ProblemType> tokenTypes = EnumSet.of(ProblemType.TOKEN_INVALID, ProblemType.TOKEN_EXPIRED, ProblemType.TOKEN_REVOKED,
                ProblemType.TOKEN_INACTIVE, ProblemType.TOKEN_REPLAYED, ProblemType.PROOF_REQUIRED, ProblemType.PROOF_INVALID);
        for (TokenFailure f : TokenFailure.values()) {
            assertTrue(tokenTypes.contains(f.problemType()), f.name());
        }
    }

    @Test
    void onlyMisuseWithAnInnocentExplanationWaitsForARepeat() {
        assertTrue(TokenMisuseKind.BINDING_MISMATCH.immediate());
        assertTrue(TokenMisuseKind.REPLAYED_ONE_TIME_TOKEN.immediate());
        assertTrue(TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY.immediate());
        assertTrue(TokenMisuseKind.PROOF_REPLAYED.immediate());
        assertFalse(TokenMisuseKind.REVOKED_TOKEN_USE.immediate());
        assertFalse(TokenMisuseKind.STALE_OR_MALFORMED_PROOF.immediate());
    }
}

package org.careid.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careid.biometric.MatchOutcome;
import org.junit.jupiter.api.Test;

class FactorFusionTest {
    private static final UUID ANNA = UUID.randomUUID();
    private static final UUID BEN = UUID.randomUUID();

    private static MatchOutcome face(UUID who, boolean matched, double strength) {
        return new MatchOutcome("face", who, matched, 0.5, 0.4, strength, matched ? null : "below", false, Map.of());
    }

    private static MatchOutcome finger(UUID who, boolean matched, double strength) {
        return new MatchOutcome("fpt", who, matched, 50, 40, strength, matched ? null : "below", false, Map.of());
    }

    @Test
    void oneStrongBiometricIsOneFactor() {
        FactorFusion.Decision d = FactorFusion.decide(List.of(face(ANNA, true, 5.2)), null, 4);
        assertTrue(d.authenticated());
        assertEquals(1, d.factors());
        assertEquals(List.of("face"), d.amr());
    }

    @Test
    void twoBiometricsOfOnePersonAreTwoFactorsWhenTogetherStrongEnough() {
        FactorFusion.Decision d = FactorFusion.decide(List.of(face(ANNA, true, 4.5), finger(ANNA, false, 2.5)), null, 4);
        assertEquals(2, d.factors());
        assertEquals(List.of("face", "fpt"), d.amr());
        assertEquals(7.0, d.fusedStrength(), 1e-9);
    }

    @Test
    void twoWeakBiometricsStillAuthenticateTogetherButNotAlone() {
        assertFalse(FactorFusion.decide(List.of(face(ANNA, false, 3.1)), null, 4).authenticated());
        FactorFusion.Decision both = FactorFusion.decide(List.of(face(ANNA, false, 3.1), finger(ANNA, false, 3.0)), null, 4);
        assertEquals(2, both.factors());
    }

    @Test
    void aStrongFaceWithANoiseFingerIsOneFactor() {
        FactorFusion.Decision d = FactorFusion.decide(List.of(face(ANNA, true, 6.0), finger(ANNA, false, 0.8)), null, 4);
        assertEquals(1, d.factors());
        assertEquals(List.of("face"), d.amr());
    }

    @Test
    void disagreeingBiometricsOrAWrongClaimAuthenticateNobody() {
        assertNull(FactorFusion.decide(List.of(face(ANNA, true, 6), finger(BEN, true, 6)), null, 4).staffId());
        assertNull(FactorFusion.decide(List.of(face(ANNA, true, 6)), BEN, 4).staffId());
    }

    @Test
    void noEvidenceIsNoDecision() {
        assertFalse(FactorFusion.decide(List.of(MatchOutcome.unusable("face", "masked", true, Map.of())), null, 4).authenticated());
        assertFalse(FactorFusion.decide(List.of(), null, 4).authenticated());
    }
}

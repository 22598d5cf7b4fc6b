package org.careid.threat.detect;

import static org.careid.threat.Events.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatConfigLoader;
import org.careid.events.TokenMisuseKind;
import org.junit.jupiter.api.Test;

class TokenMisuseDetectorTest {
    private final TokenMisuseDetector detector = new TokenMisuseDetector(ThreatConfigLoader.load(Map.of()).token());
    private final UUID staff = UUID.randomUUID();
    private final UUID device = UUID.randomUUID();

    private AuthEventRecord misuse(long s, TokenMisuseKind kind) {
        return AuthEventRecord.builder(AuthEventKind.TOKEN_MISUSE, at(s)).staff(staff)
                .device(device, "icu", "bedside").misuse(kind).build();
    }

    @Test
    void bindingMismatchAlertsAtOnce() {
        var alerts = detector.onEvent(misuse(0, TokenMisuseKind.BINDING_MISMATCH));
        assertEquals(1, alerts.size());
        assertEquals(Severity.HIGH, alerts.get(0).severity());
    }

    @Test
    void replayAlertsAtOnce() {
        assertEquals(1, detector.onEvent(misuse(0, TokenMisuseKind.REPLAYED_ONE_TIME_TOKEN)).size());
    }

    @Test
    void repeatedRevokedTokenUsesAlert() {
        assertTrue(detector.onEvent(misuse(0, TokenMisuseKind.REVOKED_TOKEN_USE)).isEmpty());
        assertEquals(1, detector.onEvent(misuse(20, TokenMisuseKind.REVOKED_TOKEN_USE)).size());
    }

    @Test
    void proofWithoutTheBoundKeyAlertsAtOnce() {
        var alerts = detector.onEvent(misuse(0, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY));
        assertEquals(1, alerts.size());
        assertEquals(Severity.HIGH, alerts.get(0).severity());
        assertEquals(device.toString(), alerts.get(0).subjectId());
    }

    @Test
    void replayedProofAlertsAtOnce() {
        var alerts = detector.onEvent(misuse(0, TokenMisuseKind.PROOF_REPLAYED));
        assertEquals(1, alerts.size());
        assertEquals(Severity.HIGH, alerts.get(0).severity());
    }

    @Test
    void immediateKindsFireOncePerCooldown() {
        assertEquals(1, detector.onEvent(misuse(0, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY)).size());
        assertTrue(detector.onEvent(misuse(5, TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY)).isEmpty(), "one incident, one alert");
    }

    @Test
    void repeatedStaleProofsAlert() {
        assertTrue(detector.onEvent(misuse(0, TokenMisuseKind.STALE_OR_MALFORMED_PROOF)).isEmpty());
        var alerts = detector.onEvent(misuse(30, TokenMisuseKind.STALE_OR_MALFORMED_PROOF));
        assertEquals(1, alerts.size());
        assertEquals(Severity.MEDIUM, alerts.get(0).severity());
    }

    @Test
    void oneStaleProofIsClockSkewAndDoesNotAlert() {
        assertTrue(detector.onEvent(misuse(0, TokenMisuseKind.STALE_OR_MALFORMED_PROOF)).isEmpty());
        assertTrue(detector.onEvent(misuse(3 * 3600, TokenMisuseKind.STALE_OR_MALFORMED_PROOF)).isEmpty());
    }

    @Test
    void singleRevokedTokenUsesHoursApartDoNotAlert() {
        assertTrue(detector.onEvent(misuse(0, TokenMisuseKind.REVOKED_TOKEN_USE)).isEmpty());
        assertTrue(detector.onEvent(misuse(3 * 3600, TokenMisuseKind.REVOKED_TOKEN_USE)).isEmpty());
    }
}

package org.careid.threat.detect;

import static org.careid.threat.Events.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.Events;
import org.careid.threat.Severity;
import org.careid.threat.ThreatConfigLoader;
import org.junit.jupiter.api.Test;

class PresentationAttackRepeatDetectorTest {
    private final PresentationAttackRepeatDetector detector =
            new PresentationAttackRepeatDetector(ThreatConfigLoader.load(Map.of()).presentationAttacks());
    private final UUID staff = UUID.randomUUID();

    private static AuthEventRecord attack(long s, UUID claimed, UUID device) {
        return AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, at(s)).claimedStaff(claimed)
                .device(device, "icu", "bedside").modality("face").outcome("presentation-attack").build();
    }

    @Test
    void oneRefusalIsNoAlertTwoOnOnePersonAre() {
        assertTrue(detector.onEvent(attack(0, staff, UUID.randomUUID())).isEmpty());
        var alerts = detector.onEvent(attack(600, staff, UUID.randomUUID()));
        assertEquals(1, alerts.size());
        assertEquals(Severity.HIGH, alerts.get(0).severity());
        assertEquals(staff.toString(), alerts.get(0).subjectId());
        assertEquals(PresentationAttackRepeatDetector.NAME, alerts.get(0).detector());
    }

    @Test
    void twoAtOneDeviceAgainstUnknownPeopleAlertOnTheDevice() {
        UUID device = UUID.randomUUID();
        assertTrue(detector.onEvent(attack(0, null, device)).isEmpty());
        var alerts = detector.onEvent(attack(30, null, device));
        assertEquals(1, alerts.size());
        assertEquals(device.toString(), alerts.get(0).subjectId());
        // the same incident goes on: one alert per cooldown
        assertTrue(detector.onEvent(attack(60, null, device)).isEmpty());
    }

    @Test
    void refusalsFarApartAndOrdinaryFailuresDoNotCount() {
        assertTrue(detector.onEvent(attack(0, staff, null)).isEmpty());
        assertTrue(detector.onEvent(attack(2 * 3600, staff, null)).isEmpty());
        for (int i = 0; i < 10; i++) {
            assertTrue(detector.onEvent(Events.failure(3 * 3600 + i, staff, UUID.randomUUID(), "icu", 0.1)).isEmpty());
        }
    }
}

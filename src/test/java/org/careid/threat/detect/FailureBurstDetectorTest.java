package org.careid.threat.detect;

import static org.careid.threat.Events.failure;
import static org.careid.threat.Events.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.careid.threat.SubjectType;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfigLoader;
import org.junit.jupiter.api.Test;

class FailureBurstDetectorTest {
    private final FailureBurstDetector detector =
            new FailureBurstDetector(ThreatConfigLoader.load(Map.of()).burst());

    @Test
    void photoCyclingAtOneDeviceAlertsOnTheDevice() {
        UUID device = UUID.randomUUID();
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            alerts.addAll(detector.onEvent(failure(i * 20L, UUID.randomUUID(), device, "icu", 0.1)));
        }
        assertEquals(1, alerts.size(), "one alert per burst, not one per failure");
        assertEquals(SubjectType.DEVICE, alerts.get(0).subjectType());
        assertEquals(device.toString(), alerts.get(0).subjectId());
        assertTrue(alerts.get(0).evidence().contains("failed authentications"));
    }

    @Test
    void bruteForceAgainstOneIdentityAcrossDevicesAlertsOnThePerson() {
        UUID victim = UUID.randomUUID();
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            alerts.addAll(detector.onEvent(failure(i * 30L, victim, UUID.randomUUID(), "icu", 0.1)));
        }
        assertEquals(1, alerts.size());
        assertEquals(SubjectType.STAFF, alerts.get(0).subjectType());
        assertEquals(victim.toString(), alerts.get(0).subjectId());
    }

    @Test
    void aClumsyUserFailingThreeTimesThenSucceedingDoesNotAlert() {
        UUID staff = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            long base = day * 86_400L;
            alerts.addAll(detector.onEvent(failure(base, staff, device, "icu", 0.35)));
            alerts.addAll(detector.onEvent(failure(base + 15, staff, device, "icu", 0.37)));
            alerts.addAll(detector.onEvent(failure(base + 30, staff, device, "icu", 0.38)));
            alerts.addAll(detector.onEvent(success(base + 45, staff, device, "icu")));
        }
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    @Test
    void poissonTailIsSmallOnlyForCountsFarAboveTheMean() {
        assertTrue(PoissonTail.atLeast(2, 0.5) > 0.05);
        assertTrue(PoissonTail.atLeast(12, 0.5) < 1e-9);
        assertEquals(1.0, PoissonTail.atLeast(0, 3.0));
    }
}

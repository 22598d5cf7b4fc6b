package org.careid.threat.detect;

import static org.careid.threat.Events.at;
import static org.careid.threat.Events.failure;
import static org.careid.threat.Events.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfigLoader;
import org.junit.jupiter.api.Test;

class NearThresholdProbingDetectorTest {
    private final NearThresholdProbingDetector detector =
            new NearThresholdProbingDetector(ThreatConfigLoader.load(Map.of()).probing());

    @Test
    void repeatedScoresJustUnderTheThresholdAcrossDevicesAlert() {
        UUID victim = UUID.randomUUID();
        UUID[] devices = {UUID.randomUUID(), UUID.randomUUID()};
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            alerts.addAll(detector.onEvent(failure(i * 300L, victim, devices[i % 2], "icu", 0.38)));
        }
        alerts.addAll(detector.onTick(at(6 * 300L + 600)));
        assertEquals(1, alerts.size());
        assertEquals(victim.toString(), alerts.get(0).subjectId());
        assertTrue(alerts.get(0).evidence().contains("2 device(s)"), alerts.get(0).evidence());
    }

    @Test
    void aGenuinePersonWhoNarrowlyFailsAndRetriesDoesNotAlert() {
        UUID staff = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long t = i * 600L;
            alerts.addAll(detector.onEvent(failure(t, staff, device, "icu", 0.38)));
            alerts.addAll(detector.onEvent(success(t + 20, staff, device, "icu")));
        }
        alerts.addAll(detector.onTick(at(8 * 600L + 600)));
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    @Test
    void lowScoresAreNotProbing() {
        UUID victim = UUID.randomUUID();
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            alerts.addAll(detector.onEvent(failure(i * 300L, victim, UUID.randomUUID(), "icu", 0.2)));
        }
        alerts.addAll(detector.onTick(at(8 * 300L + 600)));
        assertTrue(alerts.isEmpty());
    }
}

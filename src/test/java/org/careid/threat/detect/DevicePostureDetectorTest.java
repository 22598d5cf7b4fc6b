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
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.SubjectType;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfigLoader;
import org.junit.jupiter.api.Test;

class DevicePostureDetectorTest {
    private final DevicePostureDetector detector =
            new DevicePostureDetector(ThreatConfigLoader.load(Map.of("careid.threat.posture.min-version", "2.0.0")).posture());

    private AuthEventRecord version(UUID device, String v) {
        return AuthEventRecord.builder(AuthEventKind.DEVICE_VERSION_REPORTED, at(0)).device(device, "icu", "bedside")
                .softwareVersion(v).build();
    }

    @Test
    void softwareBelowTheMinimumAlertsOncePerVersion() {
        UUID device = UUID.randomUUID();
        assertEquals(1, detector.onEvent(version(device, "1.9.12")).size());
        assertTrue(detector.onEvent(version(device, "1.9.12")).isEmpty());
        assertTrue(detector.onEvent(version(device, "2.10.0")).isEmpty(), "2.10.0 is newer than 2.0.0");
    }

    @Test
    void mostUsedDevicesOfAWardFailingTogetherAlertsOnTheWard() {
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            UUID device = UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                alerts.addAll(detector.onEvent(failure(d * 60L + i * 15, UUID.randomUUID(), device, "icu", 0.05)));
            }
        }
        assertEquals(1, alerts.size());
        assertEquals(SubjectType.WARD, alerts.get(0).subjectType());
        assertEquals("icu", alerts.get(0).subjectId());
    }

    @Test
    void failingDevicesAmongManyWorkingOnesDoNotAlert() {
        List<ThreatAlert> alerts = new ArrayList<>();
        // seven devices work normally, then three see only failures (people with wet fingers)
        for (int d = 9; d >= 0; d--) {
            UUID device = UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                alerts.addAll(detector.onEvent(d < 3
                        ? failure((9 - d) * 60L + i * 15, UUID.randomUUID(), device, "icu", 0.05)
                        : success((9 - d) * 60L + i * 15, UUID.randomUUID(), device, "icu")));
            }
        }
        assertTrue(alerts.isEmpty(), "3 of 10 used devices failing is people, not the ward's devices");
    }
}

package org.careid.threat.detect;

import static org.careid.threat.Events.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.careid.threat.ThreatConfig;
import org.careid.threat.ThreatConfigLoader;
import org.junit.jupiter.api.Test;

class ImpossibleTravelDetectorTest {
    // emergency (0,0,floor 0) and maternity (260,170,floor 3) from application.properties
    private final ThreatConfig config = ThreatConfigLoader.load(Map.of());
    private final WardMap wards = new WardMap(config.wards(), config.travel());
    private final ImpossibleTravelDetector detector = new ImpossibleTravelDetector(wards);

    @Test
    void walkingTimeFollowsTheSitePlan() {
        // 430 m at 1.3 m/s + 3 floors at 40 s
        assertEquals(Duration.ofMillis(Math.round((430 / 1.3 + 120) * 1000)),
                wards.walkingTime("emergency", "maternity").orElseThrow());
    }

    @Test
    void sameStaffAtDistantWardsWithinAMinuteAlerts() {
        UUID staff = UUID.randomUUID();
        assertTrue(detector.onEvent(success(0, staff, UUID.randomUUID(), "emergency")).isEmpty());
        var alerts = detector.onEvent(success(60, staff, UUID.randomUUID(), "maternity"));
        assertEquals(1, alerts.size());
        assertTrue(alerts.get(0).evidence().contains("emergency"));
    }

    @Test
    void aBriskWalkBetweenTheSameWardsDoesNotAlert() {
        UUID staff = UUID.randomUUID();
        detector.onEvent(success(0, staff, UUID.randomUUID(), "emergency"));
        // 5 minutes for 430 m and 3 floors: faster than average, but a person can do it
        assertTrue(detector.onEvent(success(300, staff, UUID.randomUUID(), "maternity")).isEmpty());
    }

    @Test
    void unknownWardsAreIgnored() {
        UUID staff = UUID.randomUUID();
        detector.onEvent(success(0, staff, UUID.randomUUID(), "emergency"));
        assertTrue(detector.onEvent(success(5, staff, UUID.randomUUID(), "garage")).isEmpty());
    }
}

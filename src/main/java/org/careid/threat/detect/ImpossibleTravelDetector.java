package org.careid.threat.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;

/**
 * The same person authenticated at two wards faster than anyone can get from one to the other:
 * one of the two was not them (a stolen photo, a fingerprint cast, a shared identity).
 */
public final class ImpossibleTravelDetector implements Detector {
    public static final String NAME = "impossible-travel";

    private final WardMap wards;
    private final Map<UUID, Sighting> lastSeen = new HashMap<>();

    public ImpossibleTravelDetector(WardMap wards) {
        this.wards = wards;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ThreatAlert> onEvent(AuthEventRecord e) {
        if (e.kind() != AuthEventKind.AUTH_SUCCESS || e.staffId() == null || !wards.knows(e.deviceWard())) {
            return List.of();
        }
        Sighting previous = lastSeen.put(e.staffId(), new Sighting(e.time(), e.deviceWard(), e.deviceId()));
        if (previous == null || previous.ward.equals(e.deviceWard())) {
            return List.of();
        }
        Duration elapsed = Duration.between(previous.time, e.time()).abs();
        Duration minimum = wards.minimumPlausibleTime(previous.ward, e.deviceWard()).orElse(Duration.ZERO);
        if (elapsed.compareTo(minimum) >= 0) {
            return List.of();
        }
        Duration walk = wards.walkingTime(previous.ward, e.deviceWard()).orElse(Duration.ZERO);
        String evidence = String.format(
                "authenticated in ward %s and %d s later in ward %s; walking time %d s, plausible minimum %d s",
                previous.ward, elapsed.toSeconds(), e.deviceWard(), walk.toSeconds(), minimum.toSeconds());
        return List.of(ThreatAlert.aboutStaff(e.time(), NAME, Severity.HIGH, e.staffId(), e.deviceId(), evidence));
    }

    private record Sighting(Instant time, String ward, UUID device) {}
}

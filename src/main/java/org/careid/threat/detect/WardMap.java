package org.careid.threat.detect;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.careid.threat.ThreatConfig;

/**
 * Walking times between wards from their configured positions: Manhattan distance on the site plan
 * (corridors run at right angles) at the configured walking speed, plus a fixed time per floor.
 */
public final class WardMap {
    private final Map<String, ThreatConfig.WardLocation> wards;
    private final ThreatConfig.Travel travel;

    public WardMap(Map<String, ThreatConfig.WardLocation> wards, ThreatConfig.Travel travel) {
        this.wards = Map.copyOf(wards);
        this.travel = travel;
    }

    public boolean knows(String ward) {
        return ward != null && wards.containsKey(ward);
    }

    public java.util.Set<String> wardNames() {
        return wards.keySet();
    }

    /** The ward's floor (0 when unknown). */
    public int floor(String ward) {
        return knows(ward) ? wards.get(ward).floor() : 0;
    }

    /** Corridor distance in metres, if both wards are configured. */
    public Optional<Double> metres(String from, String to) {
        if (!knows(from) || !knows(to)) {
            return Optional.empty();
        }
        ThreatConfig.WardLocation a = wards.get(from);
        ThreatConfig.WardLocation b = wards.get(to);
        return Optional.of(Math.abs(a.x() - b.x()) + Math.abs(a.y() - b.y()));
    }

    /** Normal walking time between two configured wards. */
    public Optional<Duration> walkingTime(String from, String to) {
        return metres(from, to).map(m -> {
            int floors = Math.abs(wards.get(from).floor() - wards.get(to).floor());
            double seconds = m / travel.walkingSpeedMps() + floors * travel.secondsPerFloor();
            return Duration.ofMillis(Math.round(seconds * 1000));
        });
    }

    /** The shortest time in which a person can plausibly get from one ward to the other. */
    public Optional<Duration> minimumPlausibleTime(String from, String to) {
        return walkingTime(from, to).map(w -> {
            long ms = Math.round(w.toMillis() * travel.minFraction()) - travel.clockTolerance().toMillis();
            return Duration.ofMillis(Math.max(0, ms));
        });
    }
}

package org.careid.threat;

import org.careid.events.AuthEventRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.careid.identity.DeviceLocations;

/**
 * Ward and type of a device for events that arrive without them (token and registry events), looked
 * up on the monitor's worker thread so the reporting request never pays for it. Cached for a
 * minute: a device moved to another ward is seen with its new ward a minute later at most.
 */
@ApplicationScoped
public class DeviceDirectory {
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final int MAX_ENTRIES = 50_000;

    record Placement(String ward, String type, long loadedNanos) {}

    private final Map<UUID, Placement> cache = new ConcurrentHashMap<>();
    private final DeviceLocations locations;

    @Inject
    DeviceDirectory(DeviceLocations locations) {
        this.locations = locations;
    }

    /** The event with device ward and type filled in where it named a device but not its place. */
    public AuthEventRecord enrich(AuthEventRecord e) {
        if (e.deviceId() == null || (e.deviceWard() != null && e.deviceType() != null)) {
            return e;
        }
        Placement p = placement(e.deviceId());
        if (p == null) {
            return e;
        }
        return new AuthEventRecord(e.time(), e.kind(), e.staffId(), e.claimedStaffId(), e.deviceId(),
                e.deviceWard() != null ? e.deviceWard() : p.ward(),
                e.deviceType() != null ? e.deviceType() : p.type(), e.modality(), e.scopes(),
                e.matchScore(), e.matchThreshold(), e.outcome(), e.misuse(), e.softwareVersion());
    }

    private Placement placement(UUID deviceId) {
        Placement cached = cache.get(deviceId);
        if (cached != null && System.nanoTime() - cached.loadedNanos() < TTL.toNanos()) {
            return cached;
        }
        Placement loaded = locations.locate(deviceId)
                .map(l -> new Placement(l.ward(), l.deviceType(), System.nanoTime())).orElse(null);
        if (loaded != null) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(deviceId, loaded);
        }
        return loaded;
    }
}

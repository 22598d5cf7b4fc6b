package org.careid.threat.breakglass;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits emergency access per person and per device over a sliding window
 * ({@code careid.threat.break-glass.per-staff}, {@code .per-device}, {@code .window}). The
 * break-glass flow calls {@link #tryAcquire} before issuing an emergency token; a refusal is final
 * for the window. In memory per replica: with several replicas the effective limit is per replica.
 */
@ApplicationScoped
public class BreakGlassRateLimiter {
    private final int perStaff;
    private final int perDevice;
    private final Duration window;
    private final Clock clock;
    private final Map<UUID, Deque<Instant>> staffUses = new HashMap<>();
    private final Map<UUID, Deque<Instant>> deviceUses = new HashMap<>();

    @Inject
    public BreakGlassRateLimiter(@ConfigProperty(name = "careid.threat.break-glass.per-staff", defaultValue = "2") int perStaff,
                                 @ConfigProperty(name = "careid.threat.break-glass.per-device", defaultValue = "4") int perDevice,
                                 @ConfigProperty(name = "careid.threat.break-glass.window", defaultValue = "PT12H") Duration window) {
        this(perStaff, perDevice, window, Clock.systemUTC());
    }

    public BreakGlassRateLimiter(int perStaff, int perDevice, Duration window, Clock clock) {
        this.perStaff = perStaff;
        this.perDevice = perDevice;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one use and returns true when both the person and the device are under their limit. */
    public synchronized boolean tryAcquire(UUID staffId, UUID deviceId) {
        Instant now = clock.instant();
        Deque<Instant> s = recent(staffUses, staffId, now);
        Deque<Instant> d = recent(deviceUses, deviceId, now);
        if (s.size() >= perStaff || d.size() >= perDevice) {
            return false;
        }
        s.addLast(now);
        d.addLast(now);
        return true;
    }

    private Deque<Instant> recent(Map<UUID, Deque<Instant>> uses, UUID key, Instant now) {
        Deque<Instant> q = uses.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant from = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(from)) {
            q.removeFirst();
        }
        return q;
    }
}

package org.careid.auth.breakglass;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.careid.identity.Device;
import org.careid.identity.StaffMember;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits emergency access per person and per device over a sliding window
 * ({@code careid.threat.break-glass.per-staff}, {@code .per-device}, {@code .window}). The
 * break-glass flow calls {@link #tryAcquire} before issuing an emergency token; a refusal is final
 * for the window. The uses are rows in the database ({@link BreakGlassUse}), so the limit holds for
 * the cluster, not per replica; the person's and the device's rows are locked while counting, so
 * two requests on two replicas at the same moment cannot both take the last use.
 */
@ApplicationScoped
public class BreakGlassRateLimiter {
    private final int perStaff;
    private final int perDevice;
    private final Duration window;

    @Inject
    BreakGlassRateLimiter(@ConfigProperty(name = "careid.threat.break-glass.per-staff", defaultValue = "2") int perStaff,
                          @ConfigProperty(name = "careid.threat.break-glass.per-device", defaultValue = "4") int perDevice,
                          @ConfigProperty(name = "careid.threat.break-glass.window", defaultValue = "PT12H") Duration window) {
        this.perStaff = perStaff;
        this.perDevice = perDevice;
        this.window = window;
    }

    /** The configured limits: uses per person and per device within the window. */
    public record Limits(int perStaff, int perDevice, Duration window) {}

    public Limits limits() {
        return new Limits(perStaff, perDevice, window);
    }

    /** Counts one use and returns true when both the person and the device are under their limit. */
    public boolean tryAcquire(UUID staffId, UUID deviceId) {
        return tryAcquire(staffId, deviceId, Instant.now());
    }

    /** {@link #tryAcquire(UUID, UUID)} at a given time (tests step through the window with it). */
    boolean tryAcquire(UUID staffId, UUID deviceId, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // always person first, then device: concurrent requests queue here instead of deadlocking
            StaffMember.findById(staffId, LockModeType.PESSIMISTIC_WRITE);
            Device.findById(deviceId, LockModeType.PESSIMISTIC_WRITE);
            Instant from = now.minus(window);
            BreakGlassUse.delete("usedAt <= ?1 and (staffId = ?2 or deviceId = ?3)", from, staffId, deviceId);
            if (BreakGlassUse.count("staffId = ?1 and usedAt > ?2", staffId, from) >= perStaff
                    || BreakGlassUse.count("deviceId = ?1 and usedAt > ?2", deviceId, from) >= perDevice) {
                return false;
            }
            BreakGlassUse.record(staffId, deviceId, now);
            return true;
        });
    }
}

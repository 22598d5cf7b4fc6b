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

/**
 * Limits emergency access per person and per device over a sliding window (the
 * {@link EmergencySettings} in force: an ADMIN's, or {@code careid.threat.break-glass.per-staff},
 * {@code .per-device}, {@code .window}). The
 * break-glass flow calls {@link #tryAcquire} before issuing an emergency token; a refusal is final
 * for the window. The uses are rows in the database ({@link BreakGlassUse}), so the limit holds for
 * the cluster, not per replica; the person's and the device's rows are locked while counting, so
 * two requests on two replicas at the same moment cannot both take the last use.
 */
@ApplicationScoped
public class BreakGlassRateLimiter {
    private final EmergencySettings settings;

    @Inject
    BreakGlassRateLimiter(EmergencySettings settings) {
        this.settings = settings;
    }

    /** Counts one use and returns true when both the person and the device are under their limit. */
    public boolean tryAcquire(UUID staffId, UUID deviceId) {
        return tryAcquire(staffId, deviceId, Instant.now());
    }

    /** {@link #tryAcquire(UUID, UUID)} at a given time (tests step through the window with it). */
    boolean tryAcquire(UUID staffId, UUID deviceId, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EmergencySettings.Values limits = settings.current();
            Duration window = limits.window();
            int perStaff = limits.perStaff();
            int perDevice = limits.perDevice();
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

package org.careid.biometric;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.careid.cluster.ClusterLease;
import org.careid.identity.StaffMember;
import org.careid.identity.StaffService;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Erases every biometric of a leaver once the retention after deactivation
 * ({@code careid.staff.leaver-erasure-after}) has passed, as the consent text promises; with a
 * retention of 0 the deactivating transaction erases them. Reactivation before then cancels it
 * (identity.StaffService clears the due time). The job runs on one replica at a time (a cluster
 * lease) and re-reads each person under a row lock, so a reactivation racing it either wins or
 * waits, and a second run finds nothing left to do.
 */
@ApplicationScoped
public class LeaverErasure {
    static final String REASON = "left: retention after deactivation ended";

    private final ClusterLease lease;
    private final Event<BiometricsErased> erased;
    private final AuditTrail audit;

    @Inject
    LeaverErasure(ClusterLease lease, Event<BiometricsErased> erased, AuditTrail audit) {
        this.lease = lease;
        this.erased = erased;
        this.audit = audit;
    }

    /** Retention 0: the erasure is due at deactivation, so it happens in that transaction. */
    void onStaffStatus(@Observes StaffService.StaffStatusChanged event) {
        if (!event.active()) {
            StaffMember s = StaffMember.findById(event.staffId());
            if (s != null && s.biometricsErasureDueAt != null && !s.biometricsErasureDueAt.isAfter(Instant.now())) {
                erase(s);
            }
        }
    }

    @Scheduled(every = "${careid.staff.leaver-erasure-check:10m}", delayed = "1m", identity = "careid-leaver-erasure",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (lease.tryAcquire("leaver-erasure", Duration.ofMinutes(5))) {
            eraseDue(Instant.now());
        }
    }

    /** Erases the biometrics of every inactive person whose erasure was due at {@code now}; returns how many. */
    public int eraseDue(Instant now) {
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> StaffMember.<StaffMember>list(
                "active = false and biometricsErasureDueAt <= ?1", now).stream().map(s -> s.id).toList());
        int done = 0;
        for (UUID id : due) {
            boolean erasedNow = QuarkusTransaction.requiringNew().call(() -> {
                StaffMember s = StaffMember.findById(id, LockModeType.PESSIMISTIC_WRITE);
                if (s == null || s.active || s.biometricsErasureDueAt == null || s.biometricsErasureDueAt.isAfter(now)) {
                    return false; // reactivated or erased meanwhile
                }
                erase(s);
                return true;
            });
            done += erasedNow ? 1 : 0;
        }
        return done;
    }

    private void erase(StaffMember s) {
        Instant due = s.biometricsErasureDueAt;
        erased.fire(new BiometricsErased(s.id, REASON));
        s.biometricsErasureDueAt = null;
        audit.record(AuditEvent.of("BIOMETRICS_ERASED", AuditEvent.Outcome.SUCCESS).actor("SYSTEM", "leaver-erasure")
                .target("STAFF", s.id).detail("reason", REASON).detail("due", due.toString()));
    }
}

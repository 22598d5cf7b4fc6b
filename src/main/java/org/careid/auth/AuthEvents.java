package org.careid.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.biometric.MatchOutcome;
import org.careid.identity.Caller;
import org.careid.threat.AuthEventKind;
import org.careid.threat.AuthEventRecord;
import org.careid.threat.ThreatMonitor;
import org.jboss.logging.Logger;

/** Records each authentication attempt at a device in the audit trail (and for threat detection). */
@ApplicationScoped
public class AuthEvents {
    private static final Logger LOG = Logger.getLogger(AuthEvents.class);

    @Inject
    Caller caller;
    @Inject
    ThreatMonitor threats;

    void record(AuthAttempt attempt, UUID staffId, List<MatchOutcome> outcomes, String failure, long startedNanos, boolean success) {
        AuditEvent event = AuditEvent.of(success ? "AUTH_SUCCEEDED" : "AUTH_FAILED",
                        success ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE)
                .target("STAFF", staffId)
                .detail("claimedStaffId", attempt.claimedStaffId() == null ? null : attempt.claimedStaffId().toString())
                .detail("modalities", outcomes.stream().map(MatchOutcome::modality).toList())
                .detail("pinPresented", attempt.pin() != null)
                .detail("scopes", String.join(" ", attempt.requestedScopes()))
                .detail("reason", failure)
                .detail("totalMs", (System.nanoTime() - startedNanos) / 1_000_000.0)
                .detail("result", AuthenticationService.describe(outcomes));
        caller.auditSoon(event);
        report(attempt, staffId, outcomes, failure, success);
    }

    /** Hands the attempt to threat detection (a queue offer); a problem there never fails the attempt. */
    private void report(AuthAttempt attempt, UUID staffId, List<MatchOutcome> outcomes, String failure, boolean success) {
        try {
            boolean locked = "locked out".equals(failure);
            AuthEventRecord.Builder e = AuthEventRecord.builder(success ? AuthEventKind.AUTH_SUCCESS
                            : locked ? AuthEventKind.LOCKOUT : AuthEventKind.AUTH_FAILURE, Instant.now())
                    .device(attempt.deviceId(), null, null) // ward and type are filled in by the monitor
                    .modality(modality(outcomes, attempt.pin() != null))
                    .scopes(attempt.requestedScopes())
                    .outcome(success ? "ok" : outcomeCode(failure));
            if (success) {
                e.staff(staffId);
            }
            e.claimedStaff(attempt.claimedStaffId() != null ? attempt.claimedStaffId() : staffId != null ? staffId
                    : outcomes.stream().map(MatchOutcome::staffId).filter(java.util.Objects::nonNull).findFirst().orElse(null));
            // the factor closest to (or furthest above) its threshold, relative so face and finger compare
            outcomes.stream().filter(o -> Double.isFinite(o.threshold()) && o.threshold() > 0)
                    .max(java.util.Comparator.comparingDouble(o -> o.score() / o.threshold()))
                    .ifPresent(o -> e.match(o.score(), o.threshold()));
            threats.onEvent(e.build());
        } catch (RuntimeException ex) {
            LOG.warnf("authentication attempt not reported to threat detection: %s", ex.toString());
        }
    }

    private static String modality(List<MatchOutcome> outcomes, boolean pin) {
        List<String> parts = new java.util.ArrayList<>(outcomes.stream()
                .map(o -> "fpt".equals(o.modality()) ? "fingerprint" : o.modality()).toList());
        if (pin) {
            parts.add("pin");
        }
        return parts.isEmpty() ? null : String.join("+", parts);
    }

    private static String outcomeCode(String failure) {
        if (failure == null) return "failed";
        if (failure.equals("locked out")) return "locked";
        if (failure.startsWith("wrong or locked PIN")) return "wrong-pin";
        if (failure.startsWith("no requested scope satisfied")) return "insufficient-factors";
        return "no-match";
    }
}

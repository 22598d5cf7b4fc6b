package org.careid.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.biometric.MatchOutcome;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.events.SecurityEvents;
import org.careid.identity.Caller;

/** Records each authentication attempt at a device in the audit trail and publishes it as a security event. */
@ApplicationScoped
public class AuthEvents {
    private final Caller caller;
    private final SecurityEvents events;

    @Inject
    AuthEvents(Caller caller, SecurityEvents events) {
        this.caller = caller;
        this.events = events;
    }

    /**
     * One attempt: {@code failure} null for a success; {@code reason} the audit's words for a
     * failure (the fusion's verdict, or a fixed text).
     */
    void record(AuthAttempt attempt, UUID staffId, List<MatchOutcome> outcomes, AuthFailure failure, String reason,
                long startedNanos) {
        boolean success = failure == null;
        AuditEvent event = AuditEvent.of(success ? "AUTH_SUCCEEDED" : "AUTH_FAILED",
                        success ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE)
                .target("STAFF", staffId)
                .detail("claimedStaffId", attempt.claimedStaffId() == null ? null : attempt.claimedStaffId().toString())
                .detail("modalities", outcomes.stream().map(MatchOutcome::modality).toList())
                .detail("pinPresented", attempt.pin() != null)
                .detail("scopes", String.join(" ", attempt.requestedScopes()))
                .detail("reason", reason)
                .detail("totalMs", (System.nanoTime() - startedNanos) / 1_000_000.0)
                .detail("result", AuthenticationService.describe(outcomes));
        caller.auditSoon(event);
        events.publish(securityEvent(attempt, staffId, outcomes, failure));
    }

    private static AuthEventRecord.Builder securityEvent(AuthAttempt attempt, UUID staffId, List<MatchOutcome> outcomes,
                                                         AuthFailure failure) {
        AuthEventKind kind = failure == null ? AuthEventKind.AUTH_SUCCESS
                : failure == AuthFailure.LOCKED_OUT ? AuthEventKind.LOCKOUT : AuthEventKind.AUTH_FAILURE;
        AuthEventRecord.Builder e = AuthEventRecord.builder(kind, Instant.now())
                .device(attempt.deviceId(), null, null) // ward and type are filled in by the observer
                .modality(modality(outcomes, attempt.pin() != null))
                .scopes(attempt.requestedScopes())
                .outcome(failure == null ? "ok" : failure.outcome());
        if (failure == null) {
            e.staff(staffId);
        }
        e.claimedStaff(attempt.claimedStaffId() != null ? attempt.claimedStaffId() : staffId != null ? staffId
                : outcomes.stream().map(MatchOutcome::staffId).filter(Objects::nonNull).findFirst().orElse(null));
        // the factor closest to (or furthest above) its threshold, relative so face and finger compare
        outcomes.stream().filter(o -> Double.isFinite(o.threshold()) && o.threshold() > 0)
                .max(Comparator.comparingDouble(o -> o.score() / o.threshold()))
                .ifPresent(o -> e.match(o.score(), o.threshold()));
        return e;
    }

    private static String modality(List<MatchOutcome> outcomes, boolean pin) {
        List<String> parts = new ArrayList<>(outcomes.stream()
                .map(o -> "fpt".equals(o.modality()) ? "fingerprint" : o.modality()).toList());
        if (pin) {
            parts.add("pin");
        }
        return parts.isEmpty() ? null : String.join("+", parts);
    }
}

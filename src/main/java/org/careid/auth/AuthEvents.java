package org.careid.auth;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.biometric.MatchOutcome;
import org.careid.identity.Caller;

/** Records each authentication attempt at a device in the audit trail (and for threat detection). */
@ApplicationScoped
public class AuthEvents {
    @Inject
    Caller caller;

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
        caller.audit(event);
    }
}

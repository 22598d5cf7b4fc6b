package org.careid.threat.integration;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.careid.identity.Caller;
import org.careid.threat.alert.AlertRaised;
import org.careid.threat.alert.AlertResponseView;
import org.careid.threat.alert.AlertStatus;
import org.careid.threat.alert.AlertStatusChanged;
import org.careid.threat.alert.AlertView;
import org.careid.threat.response.ResponseReversed;

/**
 * Writes the threat package's events into the audit chain: newly opened alerts and the automatic
 * responses applied for them (by SYSTEM, from the monitor's thread), and the operators' decisions
 * (acknowledge, resolve, reverse) as the operator who made them. The
 * entries carry ids, detector, severity and outcome; the evidence text stays in the alert store.
 */
@ApplicationScoped
public class ThreatAuditRecorder {
    private final AuditTrail trail;
    private final Caller caller;

    @Inject
    ThreatAuditRecorder(AuditTrail trail, Caller caller) {
        this.trail = trail;
        this.caller = caller;
    }

    void onRaised(@Observes AlertRaised raised) {
        AlertView a = raised.alert();
        if (!raised.newlyOpened()) {
            return; // a repeat folded into the open alert: the alert store counts it
        }
        trail.record(AuditEvent.of("ALERT_RAISED", AuditEvent.Outcome.SUCCESS).actor("SYSTEM", SystemActor.NAME)
                .target("ALERT", a.id()).detail("detector", a.detector()).detail("severity", a.severity().name())
                .detail("subjectType", a.subjectType().name()).detail("subjectId", a.subjectId()));
        for (AlertResponseView r : raised.responses()) {
            trail.record(AuditEvent.of("RESPONSE_APPLIED", "APPLIED".equals(r.outcome())
                            ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE).actor("SYSTEM", SystemActor.NAME)
                    .target(r.targetType().name(), r.targetId()).detail("responseId", r.id().toString())
                    .detail("alertId", a.id().toString()).detail("action", r.action().name())
                    .detail("outcome", r.outcome()).detail("until", r.until() == null ? null : r.until().toString()));
        }
    }

    void onStatusChanged(@Observes AlertStatusChanged changed) {
        AlertView a = changed.alert();
        String action = a.status() == AlertStatus.RESOLVED ? "ALERT_RESOLVED" : "ALERT_ACKNOWLEDGED";
        asOperator(AuditEvent.of(action, AuditEvent.Outcome.SUCCESS).target("ALERT", a.id())
                .detail("detector", a.detector()).detail("status", a.status().name()), changed.actor());
    }

    void onReversed(@Observes ResponseReversed reversed) {
        AlertResponseView r = reversed.response();
        asOperator(AuditEvent.of("RESPONSE_REVERSED", AuditEvent.Outcome.SUCCESS).target(r.targetType().name(), r.targetId())
                .detail("responseId", r.id().toString()).detail("alertId", r.alertId().toString())
                .detail("action", r.action().name()), reversed.actor());
    }

    /** As the calling operator (with source address) inside a request, else naming the given actor. */
    private void asOperator(AuditEvent event, String actor) {
        if (Arc.container().requestContext().isActive() && !caller.anonymous()) {
            caller.audit(event);
        } else {
            trail.record(event.actor("OPERATOR", actor));
        }
    }
}

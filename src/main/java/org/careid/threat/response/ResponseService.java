package org.careid.threat.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.careid.threat.SubjectType;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfig;
import org.careid.threat.alert.Alert;
import org.careid.threat.alert.AlertResponse;
import org.jboss.logging.Logger;
import org.careid.web.ApiException;

/**
 * Applies the automatic responses configured for a detector when a new alert opens, records each on
 * the alert, and reverses them on an ADMIN's request.
 */
@ApplicationScoped
public class ResponseService {
    private static final Logger LOG = Logger.getLogger(ResponseService.class);

    private final ThreatConfig config;
    private final Instance<ThreatResponder> responders;
    private final jakarta.enterprise.event.Event<ResponseReversed> reversals;

    @Inject
    ResponseService(ThreatConfig config, Instance<ThreatResponder> responders,
                    jakarta.enterprise.event.Event<ResponseReversed> reversals) {
        this.config = config;
        this.responders = responders;
        this.reversals = reversals;
    }

    public Set<ResponseAction> configuredFor(String detector) {
        return ResponseAction.parse(config.response().get(detector));
    }

    /** Applies the detector's responses for a newly opened alert; returns what was recorded. */
    @Transactional
    public List<AlertResponse> apply(Alert alert, ThreatAlert candidate) {
        List<AlertResponse> out = new ArrayList<>();
        for (ResponseAction action : configuredFor(alert.detector)) {
            switch (action) {
                case SUSPEND_DEVICE -> {
                    if (candidate.deviceId() != null) {
                        out.add(run(alert, action, SubjectType.DEVICE, candidate.deviceId(), null,
                                r -> r.suspendDevice(candidate.deviceId())));
                    }
                }
                case STEP_UP -> {
                    if (candidate.staffId() != null) {
                        Instant until = Instant.now().plus(config.stepUpDuration());
                        out.add(run(alert, action, SubjectType.STAFF, candidate.staffId(), until,
                                r -> r.requireStepUp(candidate.staffId(), config.stepUpDuration())));
                    }
                }
                case REVOKE_TOKENS -> {
                    if (candidate.staffId() != null) {
                        out.add(run(alert, action, SubjectType.STAFF, candidate.staffId(), null,
                                r -> r.revokeTokensOfStaff(candidate.staffId())));
                    }
                    if (candidate.deviceId() != null) {
                        out.add(run(alert, action, SubjectType.DEVICE, candidate.deviceId(), null,
                                r -> r.revokeTokensOfDevice(candidate.deviceId())));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Reverses one applied response (reinstates the device, clears the step-up). Revoked tokens
     * cannot be revived: reversing a revocation only records the decision; the person simply
     * authenticates again.
     */
    @Transactional
    public AlertResponse reverse(UUID responseId, String admin) {
        AlertResponse r = AlertResponse.findById(responseId);
        if (r == null) {
            throw ApiException.notFound("Response " + responseId);
        }
        if (!AlertResponse.APPLIED.equals(r.outcome)) {
            throw ApiException.conflict("The response is " + r.outcome + ", nothing to reverse");
        }
        if (responders.isResolvable()) {
            ThreatResponder responder = responders.get();
            switch (r.action) {
                case SUSPEND_DEVICE -> responder.reinstateDevice(r.targetId);
                case STEP_UP -> responder.clearStepUp(r.targetId);
                case REVOKE_TOKENS -> { }
            }
        }
        r.outcome = AlertResponse.REVERSED;
        r.reversedBy = admin;
        r.reversedAt = Instant.now();
        reversals.fire(new ResponseReversed(org.careid.threat.alert.AlertResponseView.of(r), admin));
        return r;
    }

    public List<AlertResponse> responsesOf(UUID alertId) {
        return AlertResponse.list("alertId", alertId);
    }

    private AlertResponse run(Alert alert, ResponseAction action, SubjectType targetType, UUID target,
                              Instant until, java.util.function.Consumer<ThreatResponder> call) {
        AlertResponse r = new AlertResponse();
        r.id = UUID.randomUUID();
        r.alertId = alert.id;
        r.action = action;
        r.targetType = targetType;
        r.targetId = target;
        r.appliedAt = Instant.now();
        r.until = until;
        if (!responders.isResolvable()) {
            r.outcome = AlertResponse.NO_RESPONDER;
        } else {
            try {
                call.accept(responders.get());
                r.outcome = AlertResponse.APPLIED;
            } catch (RuntimeException e) {
                LOG.warnf("automatic response %s for alert %s failed: %s", action, alert.id, e.toString());
                r.outcome = AlertResponse.FAILED;
            }
        }
        r.persist();
        return r;
    }
}

package org.careid.threat.integration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.careid.audit.AuditEvent;
import org.careid.identity.Caller;
import org.careid.identity.DeviceSuspension;
import org.careid.threat.response.ThreatResponder;
import org.careid.token.TokenRevoker;

/**
 * The automatic responses against the real services, through the narrow ports they publish:
 * {@link DeviceSuspension} and {@link TokenRevoker} audit them (DEVICE_SUSPENDED,
 * TOKENS_REVOKED_ALL) with the monitor, or the reversing ADMIN, as actor. The step-up itself is the
 * recorded response ({@link StepUpRequirements} reads it); here it is only audited.
 */
@ApplicationScoped
public class ServiceThreatResponder implements ThreatResponder {
    static final String REASON = "automatic threat response";

    private final DeviceSuspension devices;
    private final TokenRevoker tokens;
    private final Caller caller;
    private final SystemActor system;

    @Inject
    ServiceThreatResponder(DeviceSuspension devices, TokenRevoker tokens, Caller caller, SystemActor system) {
        this.devices = devices;
        this.tokens = tokens;
        this.caller = caller;
        this.system = system;
    }

    @Override
    public void suspendDevice(UUID deviceId) {
        // A retired device stays retired; suspending twice changes nothing.
        system.run(() -> devices.suspendIfActive(deviceId));
    }

    @Override
    public void reinstateDevice(UUID deviceId) {
        system.run(() -> devices.reinstateIfSuspended(deviceId));
    }

    @Override
    public void requireStepUp(UUID staffId, Duration period) {
        system.run(() -> caller.audit(AuditEvent.of("STEP_UP_REQUIRED", AuditEvent.Outcome.SUCCESS)
                .target("STAFF", staffId).detail("period", period.toString())));
    }

    @Override
    public void clearStepUp(UUID staffId) {
        system.run(() -> caller.audit(AuditEvent.of("STEP_UP_CLEARED", AuditEvent.Outcome.SUCCESS)
                .target("STAFF", staffId)));
    }

    @Override
    public void revokeTokensOfStaff(UUID staffId) {
        system.run(() -> tokens.revokeAllOfStaff(staffId, REASON));
    }

    @Override
    public void revokeTokensOfDevice(UUID deviceId) {
        system.run(() -> tokens.revokeAllOfDevice(deviceId, REASON));
    }
}

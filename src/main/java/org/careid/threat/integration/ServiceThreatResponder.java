package org.careid.threat.integration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.careid.audit.AuditEvent;
import org.careid.identity.Caller;
import org.careid.identity.Device;
import org.careid.identity.DeviceService;
import org.careid.threat.response.ThreatResponder;
import org.careid.token.Revocations;

/**
 * The automatic responses against the real services. Device suspension and token revocation go
 * through {@link DeviceService} and {@link Revocations}, which audit them (DEVICE_SUSPENDED,
 * TOKENS_REVOKED_ALL) with the monitor, or the reversing ADMIN, as actor. The step-up itself is the
 * recorded response ({@link StepUpRequirements} reads it); here it is only audited.
 */
@ApplicationScoped
public class ServiceThreatResponder implements ThreatResponder {
    static final String REASON = "automatic threat response";

    @Inject
    DeviceService devices;
    @Inject
    Revocations revocations;
    @Inject
    Caller caller;
    @Inject
    SystemActor system;

    @Override
    public void suspendDevice(UUID deviceId) {
        // A retired device stays retired; suspending twice changes nothing (setStatus is idempotent).
        system.run(() -> {
            if (devices.get(deviceId).status() == Device.Status.ACTIVE) {
                devices.setStatus(deviceId, Device.Status.SUSPENDED);
            }
        });
    }

    @Override
    public void reinstateDevice(UUID deviceId) {
        system.run(() -> {
            if (devices.get(deviceId).status() == Device.Status.SUSPENDED) {
                devices.setStatus(deviceId, Device.Status.ACTIVE);
            }
        });
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
        system.run(() -> revocations.revokeAllOfStaff(staffId, REASON));
    }

    @Override
    public void revokeTokensOfDevice(UUID deviceId) {
        system.run(() -> revocations.revokeAllOfDevice(deviceId, REASON));
    }
}

package org.careid.threat.response;

import java.time.Duration;
import java.util.UUID;

/**
 * What the threat monitor asks the identity and token services to do. Implemented by those
 * services (one @ApplicationScoped bean); without an implementation, configured responses are
 * recorded as not applied. Every call must be audited by the implementation and be idempotent.
 */
public interface ThreatResponder {

    /** Suspends the device: its client assertions and tokens stop being accepted. */
    void suspendDevice(UUID deviceId);

    void reinstateDevice(UUID deviceId);

    /** Requires two factors from this staff member for the given period. */
    void requireStepUp(UUID staffId, Duration period);

    void clearStepUp(UUID staffId);

    /** Revokes every live token issued to this staff member. */
    void revokeTokensOfStaff(UUID staffId);

    /** Revokes every live token bound to this device. */
    void revokeTokensOfDevice(UUID deviceId);
}

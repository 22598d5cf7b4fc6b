package org.careid.identity;

import java.util.UUID;

/**
 * Suspends and reinstates devices on behalf of automatic responses (threat detection). Both are
 * audited as the current caller and take effect on the device's next request; a retired device
 * stays retired.
 */
public interface DeviceSuspension {
    /** Suspends the device when it is ACTIVE; otherwise changes nothing. */
    void suspendIfActive(UUID deviceId);

    /** Reactivates the device when it is SUSPENDED; otherwise changes nothing. */
    void reinstateIfSuspended(UUID deviceId);
}

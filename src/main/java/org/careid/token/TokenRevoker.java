package org.careid.token;

import java.util.UUID;

/**
 * Revokes every token of a staff member or a device issued up to now, on behalf of automatic
 * responses (threat detection). Audited as the current caller with the given reason.
 */
public interface TokenRevoker {
    void revokeAllOfStaff(UUID staffId, String reason);

    void revokeAllOfDevice(UUID deviceId, String reason);
}

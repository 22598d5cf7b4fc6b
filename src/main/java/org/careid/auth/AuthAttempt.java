package org.careid.auth;

import java.util.Set;
import java.util.UUID;

/**
 * What a device presents to authenticate a clinician: any combination of a face image, a
 * fingerprint image and a PIN, optionally the identity being claimed, and the scopes it wants.
 */
public record AuthAttempt(UUID deviceId, UUID claimedStaffId, byte[] face, byte[] fingerprint, int finger, int dpi,
                          String pin, Set<String> requestedScopes) {

    public boolean hasBiometric() {
        return face != null || fingerprint != null;
    }
}

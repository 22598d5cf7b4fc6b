package org.careid.auth;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.crypto.PasswordHasher;
import org.careid.identity.StaffMember;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Checks a staff PIN, which only ever counts as a second factor. It has its own lockout counter
 * ("pin:&lt;staff&gt;"), so guessing PINs locks the PIN without locking the person's biometrics.
 */
@ApplicationScoped
public class PinVerifier {
    @Inject
    PasswordHasher hasher;
    @Inject
    Lockout lockout;

    public static String pinKey(UUID staffId) {
        return "pin:" + staffId;
    }

    /** True when the PIN is right and the person's PIN is not locked. */
    public boolean verify(UUID staffId, String pin) {
        if (staffId == null || pin == null || pin.isEmpty()) {
            return false;
        }
        List<String> key = List.of(pinKey(staffId));
        if (lockout.isLocked(key)) {
            return false;
        }
        String hash = QuarkusTransaction.requiringNew().call(() -> {
            StaffMember s = StaffMember.findById(staffId);
            return s == null ? null : s.pinHash;
        });
        boolean ok = hash != null && hasher.verify(pin, hash);
        if (ok) {
            lockout.recordSuccess(key);
        } else {
            lockout.recordFailure(key);
        }
        return ok;
    }
}

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
 * Every check costs one Argon2id verification, against a decoy hash when the person is unknown,
 * has no PIN or the PIN is locked, so the answer's timing tells none of these apart.
 */
@ApplicationScoped
public class PinVerifier {
    /** What a PIN check found. */
    public enum Result { VERIFIED, WRONG, LOCKED }

    private final PasswordHasher hasher;
    private final Lockout lockout;
    private volatile String decoyHash;

    @Inject
    PinVerifier(PasswordHasher hasher, Lockout lockout) {
        this.hasher = hasher;
        this.lockout = lockout;
    }

    public static String pinKey(UUID staffId) {
        return "pin:" + staffId;
    }

    /** True when the PIN is right and the person's PIN is not locked. */
    public boolean verify(UUID staffId, String pin) {
        return check(staffId, pin) == Result.VERIFIED;
    }

    public Result check(UUID staffId, String pin) {
        if (staffId == null || pin == null || pin.isEmpty()) {
            return Result.WRONG;
        }
        List<String> key = List.of(pinKey(staffId));
        boolean admitted = lockout.admit(key);
        String hash = admitted ? QuarkusTransaction.requiringNew().call(() -> {
            StaffMember s = StaffMember.findById(staffId);
            return s == null ? null : s.pinHash;
        }) : null;
        boolean ok = hasher.verify(pin, hash == null ? decoy() : hash) && hash != null;
        if (!admitted) {
            return Result.LOCKED;
        }
        if (ok) {
            lockout.recordSuccess(key);
        } else {
            lockout.recordFailure(key);
        }
        return ok ? Result.VERIFIED : Result.WRONG;
    }

    private String decoy() {
        if (decoyHash == null) {
            decoyHash = hasher.hash("decoy-pin-never-valid");
        }
        return decoyHash;
    }
}

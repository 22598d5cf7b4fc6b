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
    /** What a PIN check found: right, wrong, locked, or right but a one-time PIN an ADMIN reset. */
    public enum Check { RIGHT, WRONG, LOCKED, ONE_TIME }

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

    /** True when the PIN is right, not one-time, and the person's PIN is not locked. */
    public boolean verify(UUID staffId, String pin) {
        return check(staffId, pin) == Check.RIGHT;
    }

    /**
     * Checks the PIN. A one-time PIN (reset by an ADMIN) that is right counts as no factor: its
     * owner must first replace it at a device ({@link StaffPins#changeAtDevice}).
     */
    public Check check(UUID staffId, String pin) {
        if (staffId == null || pin == null || pin.isEmpty()) {
            return Check.WRONG;
        }
        List<String> key = List.of(pinKey(staffId));
        boolean admitted = lockout.admit(key);
        StoredPin stored = admitted ? QuarkusTransaction.requiringNew().call(() -> {
            StaffMember s = StaffMember.findById(staffId);
            return s == null || s.pinHash == null ? null : new StoredPin(s.pinHash, s.pinOneTime);
        }) : null;
        boolean ok = hasher.verify(pin, stored == null ? decoy() : stored.hash()) && stored != null;
        if (!admitted) {
            return Check.LOCKED;
        }
        if (ok) {
            lockout.recordSuccess(key);
            return stored.oneTime() ? Check.ONE_TIME : Check.RIGHT;
        }
        lockout.recordFailure(key);
        return Check.WRONG;
    }

    private String decoy() {
        if (decoyHash == null) {
            decoyHash = hasher.hash("decoy-pin-never-valid");
        }
        return decoyHash;
    }

    private record StoredPin(String hash, boolean oneTime) {}
}

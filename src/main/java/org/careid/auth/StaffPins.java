package org.careid.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.biometric.MatchOutcome;
import org.careid.crypto.PasswordHasher;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.events.SecurityEvents;
import org.careid.face.FaceAuthenticator;
import org.careid.fingerprint.FingerprintAuthenticator;
import org.careid.identity.Caller;
import org.careid.identity.Device;
import org.careid.identity.StaffMember;
import org.careid.web.ApiException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Who may set a staff PIN, which together with the staff id opens emergency access: only its owner.
 * At the kiosk the clinician types it and confirms it with their own face or fingerprint, matched
 * 1:1 against their enrolled templates (an operator cannot set a PIN for someone who is not there);
 * an ADMIN may reset it to a generated one-time PIN, which counts as no factor until its owner
 * replaces it at a device. Every change is audited and published as a {@code PIN_CHANGED} event.
 */
@ApplicationScoped
public class StaffPins {
    static final String PIN_PATTERN = "\\d{6,12}";
    static final int ONE_TIME_DIGITS = 8;

    /** The clinician's own confirmation at the kiosk: a face, or a fingerprint with its finger and dpi. */
    public record Confirmation(byte[] face, byte[] fingerprint, int finger, int dpi) {}

    private final PasswordHasher hasher;
    private final PinVerifier verifier;
    private final FaceAuthenticator faces;
    private final FingerprintAuthenticator fingerprints;
    private final Caller caller;
    private final SecurityEvents events;
    private final SecureRandom random = new SecureRandom();

    @Inject
    StaffPins(PasswordHasher hasher, PinVerifier verifier, FaceAuthenticator faces, FingerprintAuthenticator fingerprints,
              Caller caller, SecurityEvents events) {
        this.hasher = hasher;
        this.verifier = verifier;
        this.faces = faces;
        this.fingerprints = fingerprints;
        this.caller = caller;
        this.events = events;
    }

    /** The clinician chose this PIN at the kiosk and confirmed it with their own biometric. */
    public void chooseAtKiosk(UUID staffId, String pin, String repeated, Confirmation confirmation) {
        requireWellFormed(pin, "pin");
        if (!pin.equals(repeated)) {
            throw ApiException.invalid("pinRepeated", "must equal pin");
        }
        requireStaff(staffId);
        MatchOutcome match = confirmation.face() != null ? faces.match(confirmation.face(), staffId)
                : confirmation.fingerprint() != null
                        ? fingerprints.match(confirmation.fingerprint(), confirmation.dpi(), confirmation.finger(), staffId)
                        : null;
        if (match == null) {
            throw ApiException.badRequest("The clinician confirms their PIN with their own face or fingerprint");
        }
        if (!match.matched() || !staffId.equals(match.staffId())) {
            caller.audit(AuditEvent.of("STAFF_PIN_CHOSEN", AuditEvent.Outcome.DENIED).target("STAFF", staffId)
                    .detail("confirmedBy", match.modality()).detail("failure", "biometric confirmation did not match"));
            throw ApiException.forbidden("The face or fingerprint did not confirm that this is the clinician's own PIN");
        }
        store(staffId, pin, false, "chosen", AuditEvent.of("STAFF_PIN_CHOSEN", AuditEvent.Outcome.SUCCESS)
                .detail("confirmedBy", match.modality()), null);
    }

    /** An ADMIN resets a forgotten PIN: a generated one-time PIN, shown once, to be replaced at a device. */
    public String resetByAdmin(UUID staffId) {
        requireStaff(staffId);
        StringBuilder pin = new StringBuilder();
        for (int i = 0; i < ONE_TIME_DIGITS; i++) {
            pin.append(random.nextInt(10));
        }
        store(staffId, pin.toString(), true, "reset", AuditEvent.of("STAFF_PIN_RESET", AuditEvent.Outcome.SUCCESS), null);
        return pin.toString();
    }

    /** At a device, the clinician replaces their current (usually one-time) PIN with one they choose. */
    public void changeAtDevice(UUID staffId, String currentPin, String newPin) {
        requireWellFormed(newPin, "newPin");
        if (newPin.equals(currentPin)) {
            throw ApiException.invalid("newPin", "must differ from the current PIN");
        }
        PinVerifier.Check current = verifier.check(staffId, currentPin);
        if (current == PinVerifier.Check.WRONG || current == PinVerifier.Check.LOCKED) {
            caller.audit(AuditEvent.of("STAFF_PIN_CHANGED", AuditEvent.Outcome.FAILURE).target("STAFF", staffId)
                    .detail("failure", "wrong or locked PIN"));
            throw AuthenticationFailed.generic();
        }
        store(staffId, newPin, false, "changed", AuditEvent.of("STAFF_PIN_CHANGED", AuditEvent.Outcome.SUCCESS), caller.uuid());
    }

    private void store(UUID staffId, String pin, boolean oneTime, String how, AuditEvent event, UUID deviceId) {
        String hash = hasher.hash(pin);
        Instant now = Instant.now();
        String[] place = QuarkusTransaction.requiringNew().call(() -> {
            StaffMember s = StaffMember.findById(staffId);
            s.pinHash = hash;
            s.pinOneTime = oneTime;
            s.pinChangedAt = now;
            s.updatedAt = now;
            Device d = deviceId == null ? null : Device.findById(deviceId);
            return d == null ? new String[] {null, null} : new String[] {d.ward, d.deviceType};
        });
        caller.audit(event.target("STAFF", staffId));
        events.publish(AuthEventRecord.builder(AuthEventKind.PIN_CHANGED, now).staff(staffId)
                .device(deviceId, place[0], place[1]).outcome(how));
    }

    private static void requireWellFormed(String pin, String field) {
        if (pin == null || !pin.matches(PIN_PATTERN)) {
            throw ApiException.invalid(field, "must be 6 to 12 digits");
        }
        if (guessable(pin)) {
            throw ApiException.invalid(field, "is too easy to guess: not one digit repeated, a run such as 123456 or 654321, "
                    + "or a repeated pair such as 121212");
        }
    }

    /** The PINs tried first: one digit repeated, a straight run up or down, two digits alternating. */
    static boolean guessable(String pin) {
        boolean up = true;
        boolean down = true;
        boolean pair = true;
        for (int i = 1; i < pin.length(); i++) {
            int step = pin.charAt(i) - pin.charAt(i - 1);
            up &= step == 1;
            down &= step == -1;
            pair &= i < 2 || pin.charAt(i) == pin.charAt(i - 2);
        }
        return up || down || pair;
    }

    private static void requireStaff(UUID staffId) {
        boolean exists = QuarkusTransaction.requiringNew().call(() -> StaffMember.findById(staffId) != null);
        if (!exists) {
            throw ApiException.notFound("Staff member " + staffId);
        }
    }
}

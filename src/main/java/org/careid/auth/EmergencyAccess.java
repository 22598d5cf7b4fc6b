package org.careid.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.identity.Caller;
import org.careid.identity.Device;
import org.careid.auth.breakglass.BreakGlassRateLimiter;
import org.careid.auth.breakglass.EmergencySettings;
import org.careid.auth.breakglass.BreakGlassReason;
import org.careid.auth.breakglass.BreakGlassReviewService;
import org.careid.auth.breakglass.BreakGlassReviewView;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.events.SecurityEvents;
import org.careid.token.AccessTokenIssuer;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Emergency (break-glass) access at a device for a clinician who cannot authenticate
 * biometrically: staff id + PIN + a reason from the fixed list. The token carries only the
 * emergency scope, lives briefly, and says what happened ({@code amr} pin + emergency, its own
 * {@code acr}). Every use opens a review item an ADMIN must close and raises a HIGH alert. Refused
 * at device types where policy disables it and beyond the per-person and per-device rate limits.
 * A wrong PIN counts towards the PIN lockout like any other PIN attempt.
 */
@ApplicationScoped
public class EmergencyAccess {
    public static final String ACR_EMERGENCY = "urn:careid:acr:emergency";
    static final List<String> AMR = List.of("pin", "emergency");
    public static final int MAX_TEXT = 500;

    /** What the device sends. */
    public record Request(String staffId, String pin, String reason, String text) {}

    private final EmergencySettings settings;
    private final PinVerifier pins;
    private final BreakGlassRateLimiter limiter;
    private final BreakGlassReviewService reviews;
    private final AccessTokenIssuer issuer;
    private final SecurityEvents events;
    private final Caller caller;

    @Inject
    EmergencyAccess(EmergencySettings settings, PinVerifier pins, BreakGlassRateLimiter limiter, BreakGlassReviewService reviews,
                    AccessTokenIssuer issuer, SecurityEvents events, Caller caller) {
        this.settings = settings;
        this.pins = pins;
        this.limiter = limiter;
        this.reviews = reviews;
        this.issuer = issuer;
        this.events = events;
        this.caller = caller;
    }

    private record Place(String ward, String type) {}

    public AccessTokenIssuer.Issued request(UUID deviceId, Request request) {
        if (request == null) {
            throw ApiException.badRequest("staffId, pin and reason are required");
        }
        UUID staffId = parseStaff(request.staffId());
        BreakGlassReason reason = parseReason(request.reason());
        if (request.pin() == null || request.pin().isBlank()) {
            throw ApiException.badRequest("pin is required");
        }
        String text = request.text() == null || request.text().isBlank() ? null : request.text().strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw ApiException.badRequest("text must be at most " + MAX_TEXT + " characters");
        }
        if (reason == BreakGlassReason.OTHER && text == null) {
            throw ApiException.badRequest("reason OTHER needs a text");
        }
        Place place = QuarkusTransaction.requiringNew().call(() -> {
            Device d = Device.findById(deviceId);
            return d == null ? new Place(null, null) : new Place(d.ward, d.deviceType);
        });
        EmergencySettings.Values current = settings.current();
        Set<String> emergencyScope = current.scope();
        if (place.type() != null && current.disabledDeviceTypes().contains(place.type())) {
            refuse(staffId, reason, "disabled for device type " + place.type());
            throw new ApiException(ProblemType.EMERGENCY_ACCESS_DISABLED, "Emergency access is disabled at this type of device");
        }
        PinVerifier.Check pin = pins.check(staffId, request.pin());
        boolean pinLocked = pin == PinVerifier.Check.LOCKED;
        if (pin == PinVerifier.Check.ONE_TIME) {
            refuse(staffId, reason, "one-time PIN not yet changed");
            throw new ApiException(ProblemType.PIN_CHANGE_REQUIRED,
                    "This PIN was reset and must be changed at a device before it opens emergency access");
        }
        if (pin != PinVerifier.Check.RIGHT) {
            caller.audit(AuditEvent.of("BREAK_GLASS_FAILED", AuditEvent.Outcome.FAILURE).target("STAFF", staffId)
                    .detail("reason", reason.name()).detail("failure", pinLocked ? "PIN locked" : "wrong PIN"));
            // a refusal while locked is no new guess: reported as such, like locked biometric attempts
            events.publish(AuthEventRecord.builder(pinLocked ? AuthEventKind.LOCKOUT : AuthEventKind.AUTH_FAILURE, Instant.now())
                    .claimedStaff(staffId).device(deviceId, place.ward(), place.type()).modality("pin+emergency")
                    .scopes(emergencyScope).outcome(pinLocked ? "locked" : "emergency-wrong-pin"));
            throw AuthenticationFailed.generic();
        }
        if (!limiter.tryAcquire(staffId, deviceId)) {
            refuse(staffId, reason, "rate limit reached");
            throw new ApiException(ProblemType.RATE_LIMITED, "Too many emergency accesses",
                    "Emergency access was used too often by this person or at this device; contact the security desk");
        }
        AccessTokenIssuer.Issued issued = issuer.issue(new AccessTokenIssuer.Grant(staffId, deviceId, emergencyScope,
                AMR, ACR_EMERGENCY, emergencyScope, current.lifetime()));
        BreakGlassReviewView review = reviews.open(staffId, deviceId, place.ward(), place.type(), reason, text, issued.jti());
        caller.audit(AuditEvent.of("BREAK_GLASS_GRANTED", AuditEvent.Outcome.SUCCESS).target("STAFF", staffId)
                .detail("reason", reason.name()).detail("reviewId", review.id().toString())
                .detail("jti", issued.jti()).detail("scope", issued.scope()));
        return issued;
    }

    private void refuse(UUID staffId, BreakGlassReason reason, String why) {
        caller.audit(AuditEvent.of("BREAK_GLASS_REFUSED", AuditEvent.Outcome.DENIED).target("STAFF", staffId)
                .detail("reason", reason.name()).detail("refusal", why));
    }

    private static UUID parseStaff(String staffId) {
        if (staffId == null || staffId.isBlank()) {
            throw ApiException.badRequest("staffId is required");
        }
        try {
            return UUID.fromString(staffId.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("staffId must be a staff UUID");
        }
    }

    private static BreakGlassReason parseReason(String reason) {
        try {
            return BreakGlassReason.valueOf(reason == null ? "" : reason.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("reason must be one of " + List.of(BreakGlassReason.values()));
        }
    }
}

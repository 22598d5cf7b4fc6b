package org.careid.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.careid.crypto.P256;
import org.careid.identity.Device;
import org.careid.identity.DeviceIneligibility;
import org.careid.identity.DeviceService;
import org.careid.identity.StaffMember;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs the access token a device receives after a clinician is authenticated: ES256,
 * {@code typ=at+jwt} (RFC 9068), bound to the device's key through {@code cnf.jkt} (RFC 9449), with
 * the scopes both the person is permitted and the device asked for.
 */
@ApplicationScoped
public class AccessTokenIssuer {
    /** What the authentication flow established. */
    public record Grant(UUID staffId, UUID deviceId, Set<String> requestedScopes, List<String> amr, String acr,
                       Set<String> scopesOnlyWithin, Duration shorterLifetime) {
        public Grant(UUID staffId, UUID deviceId, Set<String> requestedScopes, List<String> amr, String acr,
                     Set<String> scopesOnlyWithin) {
            this(staffId, deviceId, requestedScopes, amr, acr, scopesOnlyWithin, null);
        }

        public Grant(UUID staffId, UUID deviceId, Set<String> requestedScopes, List<String> amr, String acr) {
            this(staffId, deviceId, requestedScopes, amr, acr, null, null);
        }

        /** The configured lifetime, or the grant's own when shorter (emergency tokens); never longer. */
        Duration lifetime(Duration configured) {
            return shorterLifetime != null && shorterLifetime.compareTo(configured) < 0 ? shorterLifetime : configured;
        }
    }

    /** The OAuth-style token response. */
    /**
     * The token response. {@code clinician} names the person so the device can greet them;
     * {@code refused_scopes} lists each requested scope left out of the token, and why (filled in by
     * the authentication flow, which knows the policy's verdict).
     */
    public record Issued(String access_token, String token_type, long expires_in, String scope, List<String> amr,
                         String acr, String jti, Clinician clinician, List<RefusedScope> refused_scopes) {
        public Issued withRefusedScopes(List<RefusedScope> refused) {
            return new Issued(access_token, token_type, expires_in, scope, amr, acr, jti, clinician, List.copyOf(refused));
        }
    }

    /** Who was authenticated, as a bedside screen greets them: display name and clinical role, nothing else. */
    public record Clinician(String display_name, String role) {}

    /** A requested scope the token does not carry: {@link #NOT_PERMITTED} or {@link #SECOND_FACTOR_REQUIRED}. */
    public record RefusedScope(String scope, String reason) {
        /** The person does not hold this scope. */
        public static final String NOT_PERMITTED = "NOT_PERMITTED";
        /** The scope needs more factors than were verified at this device. */
        public static final String SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";
    }

    private final KeyRing keyRing;
    private final TokenSettings settings;
    private final DeviceService devices;
    private final AuditTrail audit;
    private final MeterRegistry registry;
    private final String issuer;

    @Inject
    AccessTokenIssuer(KeyRing keyRing, TokenSettings settings, DeviceService devices, AuditTrail audit,
                      MeterRegistry registry, @ConfigProperty(name = "careid.issuer") String issuer) {
        this.keyRing = keyRing;
        this.settings = settings;
        this.devices = devices;
        this.audit = audit;
        this.registry = registry;
        this.issuer = issuer;
    }

    @Transactional
    public Issued issue(Grant grant) {
        Device device = Device.findById(grant.deviceId());
        DeviceIneligibility ineligible = devices.whyNotEligible(device);
        if (ineligible != null) {
            refuse(grant, ineligible.description());
            throw new ApiException(ineligible.problemType(), capitalise(ineligible.description()));
        }
        StaffMember staff = StaffMember.findById(grant.staffId());
        String refusal = staff == null || !staff.active ? "staff member inactive" : null;
        Set<String> granted = new LinkedHashSet<>(grant.requestedScopes());
        if (staff != null) {
            granted.retainAll(staff.scopeSet());
        }
        if (grant.scopesOnlyWithin() != null) {
            granted.retainAll(grant.scopesOnlyWithin());
        }
        if (refusal == null && granted.isEmpty()) {
            refusal = "none of the requested scopes is permitted";
        }
        if (refusal != null) {
            refuse(grant, refusal);
            throw new ApiException(ProblemType.ACCESS_NOT_GRANTED, "The authenticated person cannot receive the requested access");
        }
        return sign(staff, device, granted, grant);
    }

    private void refuse(Grant grant, String reason) {
        audit.record(AuditEvent.of("TOKEN_REFUSED", AuditEvent.Outcome.DENIED).actor("DEVICE", grant.deviceId())
                .target("STAFF", grant.staffId()).detail("reason", reason));
    }

    private Issued sign(StaffMember staff, Device device, Set<String> scopes, Grant grant) {
        KeyRing.LoadedKey key = keyRing.active();
        Instant now = Instant.now();
        Duration lifetime = grant.lifetime(settings.effectiveLifetime());
        Instant expires = now.plus(lifetime);
        String jti = UUID.randomUUID().toString();
        String scope = String.join(" ", scopes);
        List<String> audience = new ArrayList<>();
        audience.add(device.id.toString());
        audience.addAll(settings.resourceAudiences());
        // low-S: the only form verification accepts (see JwtVerifier)
        String token = P256.withLowS(Jwt.issuer(issuer)
                .subject(staff.id.toString())
                .audience(new LinkedHashSet<>(audience))
                .issuedAt(now)
                .claim("nbf", now.getEpochSecond())
                .expiresAt(expires)
                .claim("jti", jti)
                .claim("scope", scope)
                .claim("amr", grant.amr())
                .claim("acr", grant.acr())
                .claim("device_id", device.id.toString())
                .claim("client_id", device.id.toString())
                .claim("cnf", Map.of("jkt", device.jwkThumbprint))
                .jws().keyId(key.kid()).header("typ", "at+jwt").algorithm(SignatureAlgorithm.ES256)
                .sign(key.privateKey()));
        audit.recordSoon(AuditEvent.of("TOKEN_ISSUED", AuditEvent.Outcome.SUCCESS).actor("DEVICE", device.id)
                .target("STAFF", staff.id).detail("jti", jti).detail("scope", scope).detail("amr", grant.amr())
                .detail("acr", grant.acr()).detail("kid", key.kid()).detail("expiresAt", expires.toString()));
        registry.counter("careid.tokens.issued").increment();
        return new Issued(token, "DPoP", lifetime.toSeconds(), scope, grant.amr(), grant.acr(), jti,
                new Clinician(staff.displayName, staff.clinicalRole), List.of());
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

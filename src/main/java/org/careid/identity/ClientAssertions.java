package org.careid.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.token.TokenSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Verifies the client assertion a device or resource server sends on every call (RFC 7523
 * private_key_jwt style): ES256 signed by the caller's registered key, {@code iss = sub} = its id,
 * {@code aud} = our issuer, a lifetime of at most 60 s, and a {@code jti} never seen before (kept in
 * the database until the assertion expires, so a replay fails on every replica).
 */
@ApplicationScoped
public class ClientAssertions {
    static final Duration MAX_LIFETIME = Duration.ofSeconds(60);

    @ConfigProperty(name = "careid.issuer")
    String issuer;
    @Inject
    TokenSettings settings;
    @Inject
    DeviceService devices;

    public enum CallerKind { DEVICE, RESOURCE_SERVER }

    public record VerifiedCaller(CallerKind kind, UUID id, String name, String jwkThumbprint) {}

    public static class RejectedAssertion extends Exception {
        public final String callerId;

        RejectedAssertion(String reason, String callerId) {
            super(reason, null, false, false);
            this.callerId = callerId;
        }
    }

    public VerifiedCaller verify(String assertion) throws RejectedAssertion {
        JwtContext unverified;
        try {
            unverified = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                    .setSkipSignatureVerification().build().process(assertion);
        } catch (InvalidJwtException e) {
            throw new RejectedAssertion("malformed assertion", null);
        }
        String callerId;
        UUID id;
        try {
            callerId = unverified.getJwtClaims().getIssuer();
            id = UUID.fromString(callerId);
        } catch (MalformedClaimException | IllegalArgumentException | NullPointerException e) {
            throw new RejectedAssertion("issuer is not a registered caller id", null);
        }
        Checked checked;
        try {
            checked = QuarkusTransaction.requiringNew().call(() -> checkAndRecordUse(assertion, id, callerId));
        } catch (RuntimeException e) {
            if (OneTimeIds.isRepeat(e)) {
                throw new RejectedAssertion("assertion replayed", callerId);
            }
            throw e;
        }
        if (checked.rejection() != null) {
            throw checked.rejection();
        }
        return checked.caller();
    }

    /** A verified caller, or why the assertion was refused. */
    private record Checked(VerifiedCaller caller, RejectedAssertion rejection) {}

    /**
     * Every call's database work in one transaction (one commit per request): the caller's key and
     * status, its jti recorded as used (a replay records nothing and is refused),
     * a device's last-seen time.
     */
    private Checked checkAndRecordUse(String assertion, UUID id, String callerId) {
        Registered registered = lookUp(id);
        if (registered == null) {
            return new Checked(null, new RejectedAssertion("unknown, unprovisioned or inactive caller", callerId));
        }
        JwtClaims claims;
        String jti;
        try {
            claims = verifySignatureAndClaims(assertion, registered, callerId);
            jti = callerId + ":" + claims.getJwtId();
        } catch (RejectedAssertion e) {
            return new Checked(null, e);
        } catch (MalformedClaimException e) {
            return new Checked(null, new RejectedAssertion("jti unreadable", callerId));
        }
        if (jti.length() > 200) {
            return new Checked(null, new RejectedAssertion("assertion replayed", callerId));
        }
        if (!OneTimeIds.claimInCurrentTransaction("used_assertion", jti, expiresAt(claims))) {
            return new Checked(null, new RejectedAssertion("assertion replayed", callerId));
        }
        if (registered.kind == CallerKind.DEVICE) {
            devices.touchLastSeen(id, registered.lastSeenAt);
        }
        return new Checked(new VerifiedCaller(registered.kind, id, registered.name, registered.thumbprint), null);
    }

    /** The jti is remembered until the assertion could no longer be accepted (expiry plus skew). */
    private Instant expiresAt(JwtClaims claims) {
        try {
            return Instant.ofEpochSecond(claims.getExpirationTime().getValue()).plus(settings.clockSkew());
        } catch (MalformedClaimException e) {
            throw new IllegalStateException("exp was required and checked", e);
        }
    }

    private JwtClaims verifySignatureAndClaims(String assertion, Registered registered, String callerId) throws RejectedAssertion {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKey(ClientKeys.publicKey(registered.jwk))
                .setExpectedIssuer(callerId)
                .setExpectedSubject(callerId)
                .setExpectedAudience(issuer)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds((int) settings.clockSkew().toSeconds())
                .setIssuedAtRestrictions((int) settings.clockSkew().toSeconds(), (int) MAX_LIFETIME.toSeconds() + (int) settings.clockSkew().toSeconds())
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(assertion);
            if (claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() > MAX_LIFETIME.toSeconds()) {
                throw new RejectedAssertion("assertion lifetime exceeds 60 s", callerId);
            }
            return claims;
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new RejectedAssertion("signature or claims rejected", callerId);
        }
    }

    private record Registered(CallerKind kind, String jwk, String thumbprint, String name, Instant lastSeenAt) {}

    private static Registered lookUp(UUID id) {
        Device device = Device.findById(id);
        if (device != null) {
            return device.status == Device.Status.ACTIVE && device.publicJwk != null
                    ? new Registered(CallerKind.DEVICE, device.publicJwk, device.jwkThumbprint, device.name, device.lastSeenAt) : null;
        }
        ResourceServer server = ResourceServer.findById(id);
        return server != null && server.active
                ? new Registered(CallerKind.RESOURCE_SERVER, server.publicJwk, server.jwkThumbprint, server.name, null) : null;
    }
}

package org.careid.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Client assertions that prove the device's identity on every call
 * ({@code Authorization: Device <assertion>}): ES256, iss = sub = device id, aud = the server's
 * issuer, iat, exp at most 60 s later and a fresh jti (the server refuses replays).
 */
public final class ClientAssertions {
    /** The longest lifetime the server accepts. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final ECDSASigner signer;
    private final String deviceId;
    private final Clock clock;

    public ClientAssertions(ECKey deviceKey, String deviceId, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.signer = new ECDSASigner(deviceKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Not a usable P-256 private key", e);
        }
    }

    /** A new signed assertion for the server whose issuer is {@code audience}; never reuse it. */
    public String create(String audience) {
        // Whole seconds: JWT dates have no fractions, so exp - iat stays exactly LIFETIME.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(deviceId)
                .subject(deviceId)
                .audience(Objects.requireNonNull(audience, "audience"))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing the client assertion failed", e);
        }
        return jwt.serialize();
    }

    public String deviceId() {
        return deviceId;
    }
}

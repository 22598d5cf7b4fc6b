package org.careid.device;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAssertionsTest {
    private static final String DEVICE = "0b7d6c3e-1d2a-4c55-8e8f-5a6b7c8d9e0f";
    private static final String ISSUER = "https://careid.hospital.example";

    private final ECKey key = DeviceKeyStore.generate(DEVICE);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00.750Z"));
    private final ClientAssertions assertions = new ClientAssertions(key, DEVICE, clock);

    @Test
    void assertionIsSignedES256WithTheDeviceKeyAndCarriesTheContractClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(assertions.create(ISSUER));

        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new ECDSAVerifier(key.toPublicJWK())));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(DEVICE, claims.getIssuer());
        assertEquals(DEVICE, claims.getSubject());
        assertEquals(List.of(ISSUER), claims.getAudience());
        assertEquals(Instant.parse("2026-11-29T08:00:00Z"), claims.getIssueTime().toInstant());
        Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        assertTrue(!lifetime.isNegative() && lifetime.compareTo(Duration.ofSeconds(60)) <= 0, "lifetime " + lifetime);
        assertNotNull(claims.getJWTID());
    }

    @Test
    void anotherKeyDoesNotVerifyIt() throws Exception {
        SignedJWT jwt = SignedJWT.parse(assertions.create(ISSUER));
        assertFalse(jwt.verify(new ECDSAVerifier(DeviceKeyStore.generate(DEVICE).toPublicJWK())));
    }

    @Test
    void everyAssertionHasItsOwnJtiEvenWithinTheSameSecond() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ids.add(SignedJWT.parse(assertions.create(ISSUER)).getJWTClaimsSet().getJWTID());
        }
        assertEquals(200, ids.size());
    }

    @Test
    void followsTheClock() throws Exception {
        clock.advance(Duration.ofMinutes(5));
        JWTClaimsSet claims = SignedJWT.parse(assertions.create(ISSUER)).getJWTClaimsSet();
        assertEquals(Instant.parse("2026-11-29T08:05:00Z"), claims.getIssueTime().toInstant());
        assertEquals(Instant.parse("2026-11-29T08:06:00Z"), claims.getExpirationTime().toInstant());
    }
}

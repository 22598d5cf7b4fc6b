package org.careid.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Signs access tokens shaped like the server's (docs/ARCHITECTURE.md, Tokens) with a key the test owns. */
public final class TestTokens {
    public static final String ISSUER = "https://careid.test";

    private TestTokens() {
    }

    public static JWTClaimsSet.Builder claims(Instant now, Duration lifetime, String jkt) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(UUID.randomUUID().toString())
                .audience("careid-resources")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", "patient/*.read device:unlock")
                .claim("amr", java.util.List.of("face"))
                .claim("acr", "1")
                .claim("device_id", UUID.randomUUID().toString())
                .claim("cnf", Map.of("jkt", jkt));
    }

    public static String sign(ECKey signingKey, String type, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(type == null ? null : new JOSEObjectType(type))
                .keyID(signingKey.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public static String accessToken(ECKey signingKey, Instant now, Duration lifetime, String jkt) {
        return sign(signingKey, "at+jwt", claims(now, lifetime, jkt).build());
    }
}

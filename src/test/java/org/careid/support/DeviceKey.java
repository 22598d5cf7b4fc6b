package org.careid.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A device's P-256 key in a test, and the JWTs a real device signs with it. */
public final class DeviceKey {
    public final KeyPair pair;
    public UUID id;

    public DeviceKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            pair = g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> publicJwk() {
        try {
            String json = new EllipticCurveJsonWebKey((ECPublicKey) pair.getPublic()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            return new ObjectMapper().readValue(json, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String thumbprint() {
        return new EllipticCurveJsonWebKey((ECPublicKey) pair.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    /** A fresh client assertion, as the device client sends on every call. */
    public String assertion(String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(id.toString());
        claims.setSubject(id.toString());
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(0.5f);
        claims.setJwtId(UUID.randomUUID().toString());
        return sign(claims, "JWT", false);
    }

    public String sign(JwtClaims claims, String typ, boolean embedJwk) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(pair.getPrivate());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setHeader("typ", typ);
            if (embedJwk) {
                jws.setJwkHeader(new EllipticCurveJsonWebKey((ECPublicKey) pair.getPublic()));
            }
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static NumericDate in(long seconds) {
        NumericDate d = NumericDate.now();
        d.addSeconds(seconds);
        return d;
    }
}

package org.careid.identity;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import org.careid.web.ApiException;

/** Registration-time checks and RFC 7638 thumbprints of device and resource-server public keys. */
public final class ClientKeys {
    private ClientKeys() {}

    /** A validated public P-256 JWK: its canonical public JSON and its SHA-256 thumbprint. */
    public record RegisteredKey(String publicJwkJson, String thumbprint) {}

    public static RegisteredKey register(String jwkJson) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(jwkJson);
            if (!(jwk instanceof EllipticCurveJsonWebKey ec) || !EllipticCurves.P_256.equals(ec.getCurveName())
                    || jwk.getPrivateKey() != null) {
                throw ApiException.badRequest("jwk must be a public EC P-256 key (kty EC, crv P-256) without private parts");
            }
            return new RegisteredKey(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), thumbprint(jwk));
        } catch (JoseException | IllegalArgumentException e) {
            throw ApiException.badRequest("jwk is not a valid JSON Web Key");
        }
    }

    public static PublicKey publicKey(String jwkJson) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(jwkJson).getPublicKey();
        } catch (JoseException e) {
            throw new IllegalStateException("Stored JWK is unreadable", e);
        }
    }

    public static String thumbprint(JsonWebKey jwk) {
        return jwk.calculateBase64urlEncodedThumbprint("SHA-256");
    }

    public static String thumbprint(ECPublicKey key) {
        return thumbprint(new EllipticCurveJsonWebKey(key));
    }
}

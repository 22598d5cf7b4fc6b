package org.careid.identity;

import java.security.PublicKey;
import java.util.Base64;
import java.security.interfaces.ECPublicKey;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import org.careid.crypto.P256;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;

/** Registration-time checks and RFC 7638 thumbprints of device and resource-server public keys. */
public final class ClientKeys {
    private ClientKeys() {}

    /** A validated public P-256 JWK: its canonical public JSON and its SHA-256 thumbprint. */
    public record RegisteredKey(String publicJwkJson, String thumbprint) {}

    /**
     * Accepts only a public P-256 key whose point is on the curve and is not the point at infinity,
     * with both coordinates exactly 32 bytes (RFC 7518 6.2.1.2): a point off the curve invites
     * invalid-curve attacks, and a short or padded coordinate is a second spelling of one key.
     */
    public static RegisteredKey register(String jwkJson) {
        PublicJsonWebKey jwk;
        try {
            jwk = PublicJsonWebKey.Factory.newPublicJwk(jwkJson);
        } catch (JoseException | IllegalArgumentException e) {
            throw invalid("jwk is not a valid JSON Web Key");
        }
        if (!(jwk instanceof EllipticCurveJsonWebKey ec) || !EllipticCurves.P_256.equals(ec.getCurveName())) {
            throw invalid("jwk must be an EC key on P-256 (kty EC, crv P-256)");
        }
        if (jwk.getPrivateKey() != null) {
            throw invalid("jwk must hold the public key only, without private parts");
        }
        byte[] x = coordinate(jwkJson, "x");
        byte[] y = coordinate(jwkJson, "y");
        if (x == null || y == null || x.length != P256.FIELD_BYTES || y.length != P256.FIELD_BYTES) {
            throw invalid("jwk coordinates x and y must be exactly 32 bytes each (256-bit key)");
        }
        if (!P256.isValidPublicPoint(x, y)) {
            throw invalid("jwk is not a point on the P-256 curve");
        }
        return new RegisteredKey(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), thumbprint(jwk));
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ProblemType.INVALID_KEY, detail);
    }

    /** A coordinate exactly as sent (base64url), decoded; null when absent or not base64url. */
    private static byte[] coordinate(String jwkJson, String name) {
        try {
            Object value = org.jose4j.json.JsonUtil.parseJson(jwkJson).get(name);
            return value instanceof String text ? Base64.getUrlDecoder().decode(text) : null;
        } catch (JoseException | IllegalArgumentException e) {
            return null;
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

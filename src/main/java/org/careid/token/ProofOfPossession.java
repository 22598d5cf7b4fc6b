package org.careid.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.identity.OneTimeIds;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * Verifies a DPoP-style proof (RFC 9449) that the presenter of an access token holds the key the
 * token is bound to: {@code typ=dpop+jwt}, ES256, the public key in the {@code jwk} header with the
 * token's {@code cnf.jkt} as thumbprint, the HTTP method and URL of this request, a fresh
 * {@code iat}, {@code ath} = hash of the token, and a {@code jti} used once.
 */
@ApplicationScoped
public class ProofOfPossession {
    private final TokenSettings settings;

    @Inject
    ProofOfPossession(TokenSettings settings) {
        this.settings = settings;
    }

    /** @return null when the proof is valid, else why not (one of the {@code PROOF_} reasons) */
    public TokenFailure check(String proof, String accessToken, String expectedJkt, String method, String url) {
        if (proof == null || proof.isBlank()) {
            return TokenFailure.PROOF_MISSING;
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
            jws.setCompactSerialization(proof);
            if (!JwtVerifier.typMatches(jws.getHeader("typ"), "dpop+jwt")) {
                return TokenFailure.PROOF_WRONG_TYP;
            }
            Object jwkHeader = jws.getHeaders().getObjectHeaderValue("jwk");
            if (!(jwkHeader instanceof java.util.Map<?, ?> jwkMap)) {
                return TokenFailure.PROOF_WITHOUT_JWK;
            }
            @SuppressWarnings("unchecked")
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk((java.util.Map<String, Object>) jwkMap);
            if (jwk.getPrivateKey() != null || !expectedJkt.equals(jwk.calculateBase64urlEncodedThumbprint("SHA-256"))) {
                return TokenFailure.PROOF_WRONG_KEY;
            }
            jws.setKey(jwk.getPublicKey());
            if (!jws.verifySignature()) {
                return TokenFailure.PROOF_BAD_SIGNATURE;
            }
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            if (!method.equalsIgnoreCase(claims.getStringClaimValue("htm"))) {
                return TokenFailure.PROOF_WRONG_METHOD;
            }
            if (!sameUrl(url, claims.getStringClaimValue("htu"))) {
                return TokenFailure.PROOF_WRONG_URL;
            }
            if (!sha256(accessToken).equals(claims.getStringClaimValue("ath"))) {
                return TokenFailure.PROOF_WRONG_TOKEN;
            }
            if (claims.getIssuedAt() == null || claims.getJwtId() == null) {
                return TokenFailure.PROOF_WITHOUT_IAT_OR_JTI;
            }
            long skew = settings.clockSkew().toSeconds();
            long age = Instant.now().getEpochSecond() - claims.getIssuedAt().getValue();
            if (age > 60 + skew || age < -skew) {
                return TokenFailure.PROOF_NOT_FRESH;
            }
            Instant keepUntil = Instant.ofEpochSecond(claims.getIssuedAt().getValue()).plusSeconds(60 + 2 * skew);
            if (!OneTimeIds.consume("consumed_jti", "dpop:" + expectedJkt + ":" + claims.getJwtId(), keepUntil)) {
                return TokenFailure.PROOF_REPLAYED;
            }
            return null;
        } catch (Exception e) {
            return TokenFailure.PROOF_UNREADABLE;
        }
    }

    public static String sha256(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 9449: compare without query and fragment. */
    private static boolean sameUrl(String expected, String actual) {
        return actual != null && strip(expected).equals(strip(actual));
    }

    private static String strip(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        int f = url.indexOf('#');
        if (q >= 0) cut = Math.min(cut, q);
        if (f >= 0) cut = Math.min(cut, f);
        return url.substring(0, cut);
    }

}

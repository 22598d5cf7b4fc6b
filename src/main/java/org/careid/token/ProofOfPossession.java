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
    // Why a proof was refused (Introspection.Verdict.failure(); TokenMisuseKind maps them for threat detection).
    /** No proof although one is needed: the presenter has none to give. */
    public static final String MISSING = "proof missing";
    public static final String WRONG_TYP = "proof has the wrong typ";
    /** No public key in the header: the presenter cannot show the bound key. */
    public static final String NO_JWK = "proof carries no jwk";
    /** Signed with a key other than the bound one (a thief's own key). */
    public static final String WRONG_KEY = "proof key is not the key the token is bound to";
    /** The bound public key copied into the header, but not signed with its private key. */
    public static final String BAD_SIGNATURE = "proof signature invalid";
    public static final String WRONG_METHOD = "proof is for another HTTP method";
    public static final String WRONG_URL = "proof is for another URL";
    public static final String WRONG_TOKEN = "proof is for another token";
    public static final String NO_IAT_OR_JTI = "proof lacks iat or jti";
    /** Too old or from the future: clock skew, or a captured proof replayed after its freshness window. */
    public static final String NOT_FRESH = "proof is not fresh";
    /** A fresh proof whose jti was already used: a captured proof sent again. */
    public static final String REPLAYED = "proof replayed";
    public static final String UNREADABLE = "proof unreadable";

    @Inject
    TokenSettings settings;

    /** @return null when the proof is valid, else why not */
    public String check(String proof, String accessToken, String expectedJkt, String method, String url) {
        if (proof == null || proof.isBlank()) {
            return MISSING;
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
            jws.setCompactSerialization(proof);
            if (!JwtVerifier.typMatches(jws.getHeader("typ"), "dpop+jwt")) {
                return WRONG_TYP;
            }
            Object jwkHeader = jws.getHeaders().getObjectHeaderValue("jwk");
            if (!(jwkHeader instanceof java.util.Map<?, ?> jwkMap)) {
                return NO_JWK;
            }
            @SuppressWarnings("unchecked")
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk((java.util.Map<String, Object>) jwkMap);
            if (jwk.getPrivateKey() != null || !expectedJkt.equals(jwk.calculateBase64urlEncodedThumbprint("SHA-256"))) {
                return WRONG_KEY;
            }
            jws.setKey(jwk.getPublicKey());
            if (!jws.verifySignature()) {
                return BAD_SIGNATURE;
            }
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            if (!method.equalsIgnoreCase(claims.getStringClaimValue("htm"))) {
                return WRONG_METHOD;
            }
            if (!sameUrl(url, claims.getStringClaimValue("htu"))) {
                return WRONG_URL;
            }
            if (!sha256(accessToken).equals(claims.getStringClaimValue("ath"))) {
                return WRONG_TOKEN;
            }
            if (claims.getIssuedAt() == null || claims.getJwtId() == null) {
                return NO_IAT_OR_JTI;
            }
            long skew = settings.clockSkew().toSeconds();
            long age = Instant.now().getEpochSecond() - claims.getIssuedAt().getValue();
            if (age > 60 + skew || age < -skew) {
                return NOT_FRESH;
            }
            Instant keepUntil = Instant.ofEpochSecond(claims.getIssuedAt().getValue()).plusSeconds(60 + 2 * skew);
            if (!OneTimeIds.consume("consumed_jti", "dpop:" + expectedJkt + ":" + claims.getJwtId(), keepUntil)) {
                return REPLAYED;
            }
            return null;
        } catch (Exception e) {
            return UNREADABLE;
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

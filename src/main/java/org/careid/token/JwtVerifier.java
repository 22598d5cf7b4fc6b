package org.careid.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.crypto.P256;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies JWTs that CareID signed (access and operator tokens) with SmallRye JWT, after header
 * checks SmallRye does not make: ES256 only, the expected {@code typ}, a {@code kid} from our own
 * key ring, and no header that points at another key ({@code jku}, {@code x5u}, {@code jwk},
 * {@code x5c}) or demands unknown processing ({@code crit}).
 */
@ApplicationScoped
public class JwtVerifier {
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("jku", "x5u", "jwk", "x5c", "crit");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KeyRing keyRing;
    @Inject
    TokenSettings settings;
    @ConfigProperty(name = "careid.issuer")
    String issuer;

    private static final int MAX_CACHED = 100_000;

    private record Verified(JsonWebToken token, long expiresAtSeconds, String kid) {}

    private final DefaultJWTParser parser = new DefaultJWTParser();
    /** Verifying an ES256 signature is the costly part; a given token is verified once while valid. */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Map<String, JWTAuthContextInfo> contexts = new ConcurrentHashMap<>();

    public static class InvalidTokenException extends Exception {
        public InvalidTokenException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The header of a compact JWS, decoded without trusting it. */
    public static JsonNode header(String jwt) throws InvalidTokenException {
        int dot = jwt == null ? -1 : jwt.indexOf('.');
        if (dot <= 0 || jwt.chars().filter(c -> c == '.').count() != 2) {
            throw new InvalidTokenException("not a compact JWS");
        }
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.substring(0, dot)), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new InvalidTokenException("unreadable header");
        }
    }

    public JsonWebToken verify(String jwt, String expectedTyp, String expectedAudience) throws InvalidTokenException {
        String cacheKey = expectedTyp + '|' + expectedAudience + '|' + jwt;
        Verified hit = verified.get(cacheKey);
        if (hit != null) {
            // a token verifies the same way until it expires, unless its key was retired meanwhile
            if (hit.expiresAtSeconds + settings.clockSkew().toSeconds() > java.time.Instant.now().getEpochSecond()
                    && keyRing.verificationKey(hit.kid) != null) {
                return hit.token;
            }
            verified.remove(cacheKey);
        }
        JsonWebToken token = verifyUncached(jwt, expectedTyp, expectedAudience);
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(cacheKey, new Verified(token, token.getExpirationTime(), header(jwt).path("kid").asText()));
        return token;
    }

    private JsonWebToken verifyUncached(String jwt, String expectedTyp, String expectedAudience) throws InvalidTokenException {
        JsonNode header = header(jwt);
        // One token, one string: ECDSA's (r, n - s) and base64url's spare bits would otherwise give
        // a signed token other spellings that caches keyed on the string treat as new tokens.
        if (!canonicalEncoding(jwt)) {
            throw new InvalidTokenException("not in canonical base64url encoding");
        }
        if (!P256.hasLowS(jwt)) {
            throw new InvalidTokenException("signature not in canonical low-S form");
        }
        if (!"ES256".equals(header.path("alg").asText())) {
            throw new InvalidTokenException("algorithm not allowed");
        }
        if (!typMatches(header.path("typ").asText(null), expectedTyp)) {
            throw new InvalidTokenException("wrong token type");
        }
        for (String forbidden : FORBIDDEN_HEADERS) {
            if (header.has(forbidden)) {
                throw new InvalidTokenException("header '" + forbidden + "' is not accepted");
            }
        }
        String kid = header.path("kid").asText(null);
        KeyRing.LoadedKey key = kid == null ? null : keyRing.verificationKey(kid);
        if (key == null) {
            throw new InvalidTokenException("unknown or retired key");
        }
        try {
            return parser.parse(jwt, contexts.computeIfAbsent(kid + "|" + expectedAudience, k -> context(key, expectedAudience)));
        } catch (ParseException e) {
            throw new InvalidTokenException("signature or claims rejected");
        }
    }

    private JWTAuthContextInfo context(KeyRing.LoadedKey key, String audience) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(key.publicKey(), issuer);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        info.setExpectedAudience(Set.of(audience));
        info.setClockSkew((int) settings.clockSkew().toSeconds());
        info.setRequiredClaims(Set.of("exp", "iat", "jti", "sub"));
        return info;
    }

    /** True when each of the three parts re-encodes to itself (no padding, no stray low bits). */
    static boolean canonicalEncoding(String jwt) {
        for (String part : jwt.split("\\.", -1)) {
            try {
                if (!Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getUrlDecoder().decode(part)).equals(part)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9068: "at+jwt" and "application/at+jwt" are the same type; comparison ignores case. */
    static boolean typMatches(String actual, String expected) {
        if (actual == null) {
            return false;
        }
        String normalised = actual.toLowerCase(java.util.Locale.ROOT);
        if (normalised.startsWith("application/")) {
            normalised = normalised.substring("application/".length());
        }
        return normalised.equals(expected.toLowerCase(java.util.Locale.ROOT));
    }
}

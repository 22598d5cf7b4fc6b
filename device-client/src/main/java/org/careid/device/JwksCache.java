package org.careid.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies CareID access tokens offline against a cached copy of the server's JWKS, as a resource
 * server or the device itself would. An unknown key id triggers a refresh (the server rotated its
 * keys), but at most once per {@code minRefreshInterval}, so a stream of forged tokens with random
 * key ids cannot turn the device into a load generator against the server.
 * <p>
 * Accepted tokens: alg ES256 only, typ at+jwt, a known kid, a valid signature, the expected issuer,
 * exp and nbf within a small skew, and cnf.jkt equal to the expected key thumbprint.
 */
public final class JwksCache {
    public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ALLOWED_SKEW = Duration.ofSeconds(10);
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private final URI jwksUri;
    private final Transport transport;
    private final Clock clock;
    private final Duration minRefreshInterval;
    private final Duration allowedSkew;
    private final Path cacheFile;
    private JWKSet keys;
    private Instant lastFetch;
    private int fetches;

    /**
     * @param cacheFile where the JWKS is kept between runs (public keys only), or null for memory only;
     *                  its modification time counts as the last fetch, so the rate bound holds across runs
     */
    public JwksCache(URI jwksUri, HttpClient http, Clock clock, Duration minRefreshInterval, Duration allowedSkew, Path cacheFile) {
        this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transport = new Transport(http, clock);
        this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
        this.allowedSkew = Objects.requireNonNull(allowedSkew, "allowedSkew");
        this.cacheFile = cacheFile;
        loadCacheFile();
    }

    public JwksCache(URI jwksUri, HttpClient http, Clock clock) {
        this(jwksUri, http, clock, DEFAULT_MIN_REFRESH_INTERVAL, DEFAULT_ALLOWED_SKEW, null);
    }

    /**
     * Verifies the token and returns its claims, or throws a {@link CareIdException} with
     * {@link Failure#TOKEN_INVALID} or {@link Failure#TOKEN_EXPIRED} and the reason.
     *
     * @param expectedIssuer the server's issuer; null skips the check (not recommended)
     * @param expectedJkt    the thumbprint of the key the token must be bound to; null skips the check
     */
    public JWTClaimsSet verify(String token, String expectedIssuer, String expectedJkt) {
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw invalid("algorithm " + header.getAlgorithm() + " is not accepted, only ES256");
        }
        if (!isAccessTokenType(header.getType())) {
            throw invalid("type " + header.getType() + " is not at+jwt");
        }
        if (header.getKeyID() == null) {
            throw invalid("no key id (kid) in the header");
        }
        ECKey key = signingKey(header.getKeyID());
        try {
            if (!jwt.verify(new ECDSAVerifier(key))) {
                throw invalid("signature does not verify");
            }
        } catch (JOSEException e) {
            throw invalid("signature cannot be verified: " + e.getMessage());
        }
        JWTClaimsSet claims = claims(jwt);
        checkTimes(claims);
        if (expectedIssuer != null && !expectedIssuer.equals(claims.getIssuer())) {
            throw invalid("issuer " + claims.getIssuer() + " is not " + expectedIssuer);
        }
        if (expectedJkt != null && !expectedJkt.equals(boundThumbprint(claims).orElse(null))) {
            throw invalid("bound to another key (cnf.jkt does not match this device's key)");
        }
        return claims;
    }

    /** The keys in the cache, fetching them first when there are none. */
    public synchronized JWKSet keys() {
        if (keys == null) {
            refresh();
        }
        return keys;
    }

    /** How many times this instance fetched the JWKS from the server. */
    public synchronized int fetchCount() {
        return fetches;
    }

    private synchronized ECKey signingKey(String kid) {
        JWK jwk = keys == null ? null : keys.getKeyByKeyId(kid);
        if (jwk == null && refreshAllowed()) {
            refresh();
            jwk = keys.getKeyByKeyId(kid);
        }
        if (jwk == null) {
            throw invalid("signed with unknown key " + kid);
        }
        if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            throw invalid("key " + kid + " is not a P-256 key");
        }
        return ec;
    }

    private boolean refreshAllowed() {
        return lastFetch == null || !clock.instant().isBefore(lastFetch.plus(minRefreshInterval));
    }

    private void refresh() {
        // Counted before the call: a failing server must not be hammered either.
        lastFetch = clock.instant();
        fetches++;
        HttpRequest request = Transport.request(jwksUri).header("Accept", "application/json").GET().build();
        String body = transport.send(request, Endpoint.DEVICE, "Fetching the JWKS");
        try {
            keys = JWKSet.parse(body).toPublicJWKSet();
        } catch (ParseException e) {
            throw new CareIdException(Failure.SERVER_ERROR, "The server's JWKS is not a JWK set", e);
        }
        saveCacheFile();
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw invalid("no expiry (exp)");
        }
        if (!now.isBefore(exp.toInstant().plus(allowedSkew))) {
            throw new CareIdException(Failure.TOKEN_EXPIRED, "Token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(allowedSkew))) {
            throw invalid("not valid before " + nbf.toInstant());
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.isBefore(iat.toInstant().minus(allowedSkew))) {
            throw invalid("issued in the future (" + iat.toInstant() + ")");
        }
    }

    private static boolean isAccessTokenType(JOSEObjectType type) {
        if (type == null) {
            return false;
        }
        String value = type.getType().toLowerCase(Locale.ROOT);
        return value.equals(ACCESS_TOKEN_TYPE.getType()) || value.equals("application/at+jwt");
    }

    private static Optional<String> boundThumbprint(JWTClaimsSet claims) {
        Object cnf = claims.getClaim("cnf");
        if (cnf instanceof Map<?, ?> map && map.get("jkt") != null) {
            return Optional.of(map.get("jkt").toString());
        }
        return Optional.empty();
    }

    private static SignedJWT parse(String token) {
        if (token == null || token.isBlank()) {
            throw invalid("empty");
        }
        try {
            return SignedJWT.parse(token.trim());
        } catch (ParseException e) {
            throw invalid("not a signed JWT (" + e.getMessage() + ")");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("claims are not a JSON object");
        }
    }

    private static CareIdException invalid(String reason) {
        return new CareIdException(Failure.TOKEN_INVALID, "Token invalid: " + reason);
    }

    private void loadCacheFile() {
        if (cacheFile == null || !Files.isRegularFile(cacheFile)) {
            return;
        }
        try {
            // The cached keys decide which tokens verify: a file others could write is no trust anchor.
            if (!OwnerOnlyFiles.isOwnerOnly(cacheFile)) {
                throw new CareIdException(Failure.BAD_INPUT, "JWKS cache " + cacheFile
                        + " can be read or written by other users; delete it or restrict it with: chmod 600 " + cacheFile);
            }
            keys = JWKSet.parse(Files.readString(cacheFile, StandardCharsets.UTF_8)).toPublicJWKSet();
            lastFetch = Files.getLastModifiedTime(cacheFile).toInstant();
        } catch (IOException | ParseException e) {
            // A damaged cache is no worse than none: the next verification fetches a fresh copy.
            keys = null;
            lastFetch = null;
        }
    }

    private void saveCacheFile() {
        if (cacheFile == null) {
            return;
        }
        try {
            Path dir = cacheFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".jwks-", ".tmp");
            Files.writeString(temp, keys.toString(true), StandardCharsets.UTF_8);
            Files.move(temp, cacheFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Public keys only: failing to cache costs a fetch next time, nothing else.
        }
    }
}

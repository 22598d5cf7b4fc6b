package org.careid.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

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
import java.security.Key;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies CareID access tokens offline against a cached copy of the server's JWKS, as a resource
 * server or the device itself would. An unknown key id triggers a refresh (the server rotated its
 * keys), but at most once per {@code minRefreshInterval}, so a stream of forged tokens with random
 * key ids cannot turn the device into a load generator against the server.
 * <p>
 * Accepted tokens (checked by Nimbus's {@link DefaultJWTProcessor}): alg ES256 only, typ at+jwt, a
 * known kid, a valid signature, the expected issuer and audience, exp and nbf within a small skew,
 * and cnf.jkt equal to the expected key thumbprint.
 */
public final class JwksCache {
    public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ALLOWED_SKEW = Duration.ofSeconds(10);
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    /** RFC 9068's media-type spelling of the same type. */
    private static final JOSEObjectType ACCESS_TOKEN_MEDIA_TYPE = new JOSEObjectType("application/at+jwt");

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
     * {@link Failure#TOKEN_INVALID} or {@link Failure#TOKEN_EXPIRED} and the reason. Accepts any
     * audience: a device should use {@link #verify(String, String, String, String)} with its own id.
     *
     * @param expectedIssuer the server's issuer; null skips the check (not recommended)
     * @param expectedJkt    the thumbprint of the key the token must be bound to; null skips the check
     */
    public JWTClaimsSet verify(String token, String expectedIssuer, String expectedJkt) {
        return verify(token, expectedIssuer, null, expectedJkt);
    }

    /**
     * Verifies the token with Nimbus's {@link DefaultJWTProcessor}: typ at+jwt, ES256 with a key of
     * the cached JWKS (an unknown kid refreshes it, rate-limited), then the claims: issuer,
     * audience, exp (required), nbf and iat within the allowed skew, and the key binding.
     *
     * @param expectedAudience a value the token's aud must contain (a device: its own id); null accepts any
     */
    public JWTClaimsSet verify(String token, String expectedIssuer, String expectedAudience, String expectedJkt) {
        SignedJWT jwt = parse(token);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN_TYPE, ACCESS_TOKEN_MEDIA_TYPE));
        processor.setJWSKeySelector(new KeyIdRequired(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new CachedKeys())));
        processor.setJWTClaimsSetVerifier(new ClaimsVerifier(expectedIssuer, expectedAudience, expectedJkt));
        try {
            return processor.process(jwt, null);
        } catch (ExpiredToken e) {
            throw new CareIdException(Failure.TOKEN_EXPIRED, e.getMessage());
        } catch (BadJOSEException e) {
            throw invalid(e.getMessage());
        } catch (JOSEException e) {
            throw invalid("signature cannot be verified: " + e.getMessage());
        }
    }

    /** A token without kid would be tried against every cached key: refused. */
    private static final class KeyIdRequired implements JWSKeySelector<SecurityContext> {
        private final JWSKeySelector<SecurityContext> delegate;

        KeyIdRequired(JWSKeySelector<SecurityContext> delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            if (header.getKeyID() == null) {
                return List.of();
            }
            return delegate.selectJWSKeys(header, context);
        }
    }

    /** The cached keys as a Nimbus key source: an unknown key id refreshes them, at most once per interval. */
    private final class CachedKeys implements JWKSource<SecurityContext> {
        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) {
            synchronized (JwksCache.this) {
                List<JWK> found = keys == null ? List.of() : selector.select(keys);
                if (found.isEmpty() && refreshAllowed()) {
                    refresh();
                    found = selector.select(keys);
                }
                return found.stream().filter(k -> k instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())).toList();
            }
        }
    }

    /** Nimbus's claims checks on this cache's clock, plus the expiry as its own failure and the key binding. */
    private final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final String expectedJkt;

        ClaimsVerifier(String expectedIssuer, String expectedAudience, String expectedJkt) {
            super(expectedAudience == null ? null : Set.of(expectedAudience),
                    expectedIssuer == null ? new JWTClaimsSet.Builder().build() : new JWTClaimsSet.Builder().issuer(expectedIssuer).build(),
                    Set.of("exp"), null);
            setMaxClockSkew((int) allowedSkew.toSeconds());
            this.expectedJkt = expectedJkt;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            Date exp = claims.getExpirationTime();
            if (exp != null && !clock.instant().isBefore(exp.toInstant().plus(allowedSkew))) {
                throw new ExpiredToken("Token expired at " + exp.toInstant());
            }
            // The binding first: a token copied from another device is best explained by that.
            if (expectedJkt != null && !expectedJkt.equals(boundThumbprint(claims).orElse(null))) {
                throw new BadJWTException("bound to another key (cnf.jkt does not match this device's key)");
            }
            super.verify(claims, context);
            Date iat = claims.getIssueTime();
            if (iat != null && clock.instant().isBefore(iat.toInstant().minus(allowedSkew))) {
                throw new BadJWTException("issued in the future (" + iat.toInstant() + ")");
            }
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }

    /** Told apart from other refusals: the device asks the clinician to authenticate again. */
    private static final class ExpiredToken extends BadJWTException {
        ExpiredToken(String message) {
            super(message);
        }
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

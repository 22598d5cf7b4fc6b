package org.careid.device;

import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the current access token in memory for as long as it is valid and no longer: once its
 * expiry has passed the token is dropped and {@link #token()} is empty. Nothing here ever prints
 * the token: {@link #toString()} says only whether one is held and until when.
 */
public final class TokenHolder {
    private final Clock clock;
    private String token;
    private Instant expiresAt;

    public TokenHolder(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Holds a fresh token; it expires at the earlier of now + expires_in and the token's own exp. */
    public synchronized void hold(TokenResponse response) {
        Instant byLifetime = clock.instant().plusSeconds(response.expiresIn());
        Instant expiry = expiryClaim(response.accessToken())
                .map(exp -> response.expiresIn() > 0 && byLifetime.isBefore(exp) ? byLifetime : exp)
                .orElse(byLifetime);
        hold(response.accessToken(), expiry);
    }

    public synchronized void hold(String accessToken, Instant expiry) {
        this.token = Objects.requireNonNull(accessToken, "accessToken");
        this.expiresAt = Objects.requireNonNull(expiry, "expiry");
    }

    /** The token while it is valid; after expiry it is discarded and the result is empty. */
    public synchronized Optional<String> token() {
        discardIfExpired();
        return Optional.ofNullable(token);
    }

    public synchronized Optional<Instant> expiresAt() {
        discardIfExpired();
        return Optional.ofNullable(expiresAt);
    }

    public synchronized boolean isValid() {
        return token().isPresent();
    }

    /** Drops the token now (after revocation, logout or when the clinician leaves). */
    public synchronized void clear() {
        token = null;
        expiresAt = null;
    }

    private void discardIfExpired() {
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            clear();
        }
    }

    /** The exp claim read without verification: only to never keep a token beyond what it says. */
    static Optional<Instant> expiryClaim(String accessToken) {
        try {
            Date exp = SignedJWT.parse(accessToken).getJWTClaimsSet().getExpirationTime();
            return Optional.ofNullable(exp).map(Date::toInstant);
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized String toString() {
        discardIfExpired();
        return token == null ? "TokenHolder[no token]" : "TokenHolder[token held, expires " + expiresAt + "]";
    }
}

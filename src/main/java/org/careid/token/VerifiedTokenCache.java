package org.careid.token;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * Avoids repeating work per request (the target is thousands of introspections a second on two
 * cores): a token's signature and claims are verified once and remembered until it expires; its
 * liveness (not revoked, staff and device active) is remembered only for
 * {@code careid.token.active-cache-ttl}, the bound on a stale "active" answer on this replica.
 */
@ApplicationScoped
public class VerifiedTokenCache {
    private static final int MAX_ENTRIES = 200_000;

    static final class Entry {
        final AccessTokenClaims claims;
        volatile long liveUntilNanos;

        Entry(AccessTokenClaims claims) {
            this.claims = claims;
        }
    }

    private final ConcurrentHashMap<String, Entry> byToken = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> tokenByJti = new ConcurrentHashMap<>();

    Entry get(String token) {
        return byToken.get(token);
    }

    Entry put(String token, AccessTokenClaims claims) {
        if (byToken.size() >= MAX_ENTRIES) {
            purgeExpired();
            if (byToken.size() >= MAX_ENTRIES) {
                clear();
            }
        }
        Entry entry = new Entry(claims);
        byToken.put(token, entry);
        tokenByJti.put(claims.jti(), token);
        return entry;
    }

    /** Forces the next introspection of this token to re-check revocation and status. */
    public void forget(String jti) {
        String token = tokenByJti.remove(jti);
        if (token != null) {
            byToken.remove(token);
        }
    }

    /** After a staff member or device changes status: re-check every token. */
    public void clear() {
        byToken.clear();
        tokenByJti.clear();
    }

    @Scheduled(every = "30s")
    void purgeExpired() {
        Instant now = Instant.now();
        byToken.entrySet().removeIf(e -> {
            boolean expired = e.getValue().claims.expiresAt().isBefore(now);
            if (expired) {
                tokenByJti.remove(e.getValue().claims.jti());
            }
            return expired;
        });
    }
}

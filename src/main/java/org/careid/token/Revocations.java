package org.careid.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.identity.Caller;
import org.careid.identity.OneTimeIds;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Revocation state lives in the database, so it holds on every replica: single tokens by jti,
 * and "everything issued before now" cut-offs for a staff member or a device.
 */
@ApplicationScoped
public class Revocations {
    @Inject
    TokenSettings settings;
    @Inject
    Caller caller;
    @Inject
    VerifiedTokenCache cache;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    @Inject
    org.careid.cluster.ClusterLease lease;

    /** Why the token is revoked, or null. Primary-key lookups only. */
    @Transactional
    public String revokedBecause(AccessTokenClaims claims) {
        if (RevokedToken.findById(claims.jti()) != null) {
            return "token revoked";
        }
        if (cutBefore(RevocationCutoff.staffKey(claims.staffId()), claims.issuedAt())) {
            return "all tokens of the staff member revoked";
        }
        if (cutBefore(RevocationCutoff.deviceKey(claims.deviceId()), claims.issuedAt())) {
            return "all tokens of the device revoked";
        }
        return null;
    }

    private static boolean cutBefore(String subjectKey, Instant issuedAt) {
        RevocationCutoff cutoff = RevocationCutoff.findById(subjectKey);
        return cutoff != null && !issuedAt.isAfter(cutoff.revokedBefore);
    }

    @Transactional
    public void revoke(AccessTokenClaims claims, String reason) {
        if (RevokedToken.findById(claims.jti()) == null) {
            RevokedToken row = new RevokedToken();
            row.jti = claims.jti();
            row.expiresAt = claims.expiresAt().plus(settings.clockSkew());
            row.revokedAt = Instant.now();
            row.persist();
        }
        cache.forget(claims.jti());
        registry.counter("careid.tokens.revoked", "kind", "token").increment();
        caller.audit(AuditEvent.of("TOKEN_REVOKED", AuditEvent.Outcome.SUCCESS).target("TOKEN", claims.jti())
                .detail("staffId", claims.staffId().toString()).detail("deviceId", claims.deviceId().toString())
                .detail("reason", reason));
    }

    @Transactional
    public void revokeAllOfStaff(UUID staffId, String reason) {
        cutOff(RevocationCutoff.staffKey(staffId), "STAFF", staffId, reason);
    }

    @Transactional
    public void revokeAllOfDevice(UUID deviceId, String reason) {
        cutOff(RevocationCutoff.deviceKey(deviceId), "DEVICE", deviceId, reason);
    }

    private void cutOff(String key, String targetType, UUID id, String reason) {
        // Truncated to the second: token iat is in whole seconds, and a token issued in this very
        // second must count as "before" (<=) the cut-off.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        RevocationCutoff cutoff = RevocationCutoff.findById(key);
        if (cutoff == null) {
            cutoff = new RevocationCutoff();
            cutoff.subjectKey = key;
            cutoff.revokedBefore = now;
            cutoff.expiresAt = now.plus(settings.longestTokenLife());
            cutoff.persist();
        } else {
            cutoff.revokedBefore = now;
            cutoff.expiresAt = now.plus(settings.longestTokenLife());
        }
        cache.clear();
        registry.counter("careid.tokens.revoked", "kind", targetType.toLowerCase(java.util.Locale.ROOT)).increment();
        caller.audit(AuditEvent.of("TOKENS_REVOKED_ALL", AuditEvent.Outcome.SUCCESS).target(targetType, id)
                .detail("reason", reason));
    }

    /** Drops rows that no longer matter: the tokens they concern have expired. Once per cluster. */
    @Scheduled(every = "${careid.token.cleanup-interval:10m}", delayed = "1m", identity = "careid-revocation-cleanup",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        if (!lease.tryAcquire("revocation-cleanup", java.time.Duration.ofMinutes(5))) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            RevokedToken.delete("expiresAt < ?1", now);
            RevocationCutoff.delete("expiresAt < ?1", now);
            OneTimeIds.purgeExpired("consumed_jti");
            OneTimeIds.purgeExpired("used_assertion");
        });
    }
}

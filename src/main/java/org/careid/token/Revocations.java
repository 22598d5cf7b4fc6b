package org.careid.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.cluster.ClusterLease;
import org.careid.identity.Caller;
import org.careid.identity.OneTimeIds;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Revocation state lives in the database, so it holds on every replica: single tokens by jti,
 * and "everything issued before now" cut-offs for a staff member or a device.
 */
@ApplicationScoped
public class Revocations implements TokenRevoker {
    private final TokenSettings settings;
    private final Caller caller;
    private final VerifiedTokenCache cache;
    private final MeterRegistry registry;
    private final ClusterLease lease;

    @Inject
    Revocations(TokenSettings settings, Caller caller, VerifiedTokenCache cache, MeterRegistry registry, ClusterLease lease) {
        this.settings = settings;
        this.caller = caller;
        this.cache = cache;
        this.registry = registry;
        this.lease = lease;
    }

    /** Why the token is revoked, or null. Primary-key lookups only. */
    @Transactional
    public TokenFailure revokedBecause(AccessTokenClaims claims) {
        if (RevokedToken.findById(claims.jti()) != null) {
            return TokenFailure.REVOKED;
        }
        if (cutBefore(RevocationCutoff.staffKey(claims.staffId()), claims.issuedAt())) {
            return TokenFailure.STAFF_TOKENS_REVOKED;
        }
        if (cutBefore(RevocationCutoff.deviceKey(claims.deviceId()), claims.issuedAt())) {
            return TokenFailure.DEVICE_TOKENS_REVOKED;
        }
        return null;
    }

    private static boolean cutBefore(String subjectKey, Instant issuedAt) {
        RevocationCutoff cutoff = RevocationCutoff.findById(subjectKey);
        return cutoff != null && !issuedAt.isAfter(cutoff.revokedBefore);
    }

    @Transactional
    public void revoke(AccessTokenClaims claims, String reason) {
        revoke(claims.jti(), claims.staffId(), claims.deviceId(), claims.expiresAt(), reason, caller::audit);
    }

    /**
     * Revokes one token known by its jti and subjects (a bedside session's token), recording the
     * audit event through {@code audit} (the caller's, or the system's for a scheduled job).
     */
    @Transactional
    public void revoke(String jti, UUID staffId, UUID deviceId, Instant expiresAt, String reason,
                       java.util.function.Consumer<AuditEvent> audit) {
        if (RevokedToken.findById(jti) == null) {
            RevokedToken row = new RevokedToken();
            row.jti = jti;
            row.expiresAt = expiresAt.plus(settings.clockSkew());
            row.revokedAt = Instant.now();
            row.persist();
        }
        cache.forget(jti);
        registry.counter("careid.tokens.revoked", "kind", "token").increment();
        audit.accept(AuditEvent.of("TOKEN_REVOKED", AuditEvent.Outcome.SUCCESS).target("TOKEN", jti)
                .detail("staffId", staffId.toString()).detail("deviceId", deviceId.toString())
                .detail("reason", reason));
    }

    @Override
    @Transactional
    public void revokeAllOfStaff(UUID staffId, String reason) {
        cutOff(RevocationCutoff.staffKey(staffId), "STAFF", staffId, reason);
    }

    @Override
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

package org.careid.token;

import java.security.KeyPair;
import java.time.Duration;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.careid.crypto.SealedEcKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The server's ES256 signing keys: the active one signs, retired ones keep verifying until every
 * token they signed has expired. Keys live in the database (private halves sealed with the master
 * key) so every replica signs and verifies with the same set; each replica re-reads the set every
 * few seconds and after its own rotations.
 */
@ApplicationScoped
public class KeyRing {
    private static final Logger LOG = Logger.getLogger(KeyRing.class);

    /** An unsealed key in memory. */
    public record LoadedKey(String kid, PublicKey publicKey, PrivateKey privateKey, String publicJwkJson,
                            Instant createdAt, Instant retiredAt, Instant publishUntil) {
        boolean signs() {
            return retiredAt == null;
        }
    }

    private final SealedEcKeys sealedKeys;
    private final TokenSettings settings;
    private final AuditTrail audit;
    private final org.careid.cluster.ClusterLease lease;
    /**
     * An unknown kid reloads the ring (another replica may have just rotated), but only so often:
     * tokens with made-up kids must not turn every request into a database read under a lock.
     */
    private final RateLimiter unknownKidReloads;
    private final Counter unknownKidReloadCount;

    @Inject
    KeyRing(SealedEcKeys sealedKeys, TokenSettings settings, AuditTrail audit, org.careid.cluster.ClusterLease lease,
            @ConfigProperty(name = "careid.token.unknown-kid-reloads-per-second", defaultValue = "1") int unknownKidReloadsPerSecond,
            MeterRegistry registry) {
        this.sealedKeys = sealedKeys;
        this.settings = settings;
        this.audit = audit;
        this.lease = lease;
        this.unknownKidReloads = RateLimiter.of("key-ring-reload", RateLimiterConfig.custom()
                .limitForPeriod(unknownKidReloadsPerSecond).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build());
        this.unknownKidReloadCount = registry.counter("careid.keyring.reloads", "cause", "unknown-kid");
    }

    private volatile Map<String, LoadedKey> keys = Map.of();
    private volatile LoadedKey active;

    /** The key that signs new tokens; created on first use when the database has none. */
    public LoadedKey active() {
        LoadedKey current = active;
        if (current == null) {
            synchronized (this) {
                if (active == null) {
                    QuarkusTransaction.requiringNew().run(this::createFirstKeyIfNone);
                    reload();
                }
                current = active;
            }
        }
        return current;
    }

    /** A key that may still verify tokens, or null (unknown or retired past its publication). */
    public LoadedKey verificationKey(String kid) {
        if (active == null) {
            active();
        }
        LoadedKey key = keys.get(kid);
        if (key == null && kid != null && unknownKidReloads.acquirePermission()) {
            unknownKidReloadCount.increment();
            reload(); // another replica may have rotated a moment ago
            key = keys.get(kid);
        }
        if (key != null && key.publishUntil() != null && Instant.now().isAfter(key.publishUntil())) {
            return null;
        }
        return key;
    }

    /** Keys for the JWKS: the active one and retired ones still inside their publication window. */
    public List<LoadedKey> published() {
        active();
        Instant now = Instant.now();
        return keys.values().stream()
                .filter(k -> k.publishUntil() == null || now.isBefore(k.publishUntil()))
                .sorted(Comparator.comparing(LoadedKey::createdAt).reversed())
                .toList();
    }

    /** Replaces the active key now (ADMIN on demand, or the schedule). Returns the new kid. */
    public String rotate(String reason) {
        String kid = QuarkusTransaction.requiringNew().call(() -> rotateLocked(reason, null));
        reload();
        return kid;
    }

    @Scheduled(every = "${careid.token.key-check-interval:1h}", delayed = "1m", identity = "careid-key-rotation")
    void rotateWhenDue() {
        if (!lease.tryAcquire("key-rotation", java.time.Duration.ofMinutes(30))) {
            return;
        }
        String kid = QuarkusTransaction.requiringNew().call(() -> rotateLocked("scheduled", settings.keyRotationPeriod()));
        if (kid != null) {
            reload();
        }
    }

    @Scheduled(every = "${careid.token.key-refresh-interval:5s}", identity = "careid-key-refresh")
    void refresh() {
        if (active != null) {
            reload();
        }
    }

    /**
     * Rotates under a row lock on the signing key, so two replicas doing this at once produce one
     * new key: the second waits, then sees a fresh key and does nothing.
     */
    private String rotateLocked(String reason, java.time.Duration onlyIfOlderThan) {
        SigningKey current = SigningKey.find("retiredAt is null order by createdAt desc").firstResult();
        if (current != null) {
            current = SigningKey.findById(current.kid, LockModeType.PESSIMISTIC_WRITE);
            if (current.retiredAt != null) {
                return null; // someone else rotated while we waited
            }
            if (onlyIfOlderThan != null && current.createdAt.plus(onlyIfOlderThan).isAfter(Instant.now())) {
                return null;
            }
            current.retiredAt = Instant.now();
            current.publishUntil = current.retiredAt.plus(settings.longestTokenLife());
        } else if (onlyIfOlderThan != null) {
            return null;
        }
        String kid = insertNewKey();
        audit.record(AuditEvent.of("SIGNING_KEY_ROTATED", AuditEvent.Outcome.SUCCESS)
                .target("SIGNING_KEY", kid)
                .detail("reason", reason)
                .detail("previousKid", current == null ? null : current.kid));
        LOG.infof("Signing key rotated (%s): new kid %s", reason, kid);
        return kid;
    }

    private void createFirstKeyIfNone() {
        if (SigningKey.count("retiredAt is null") == 0) {
            String kid = insertNewKey();
            audit.record(AuditEvent.of("SIGNING_KEY_CREATED", AuditEvent.Outcome.SUCCESS).target("SIGNING_KEY", kid));
            LOG.infof("Generated the first signing key, kid %s", kid);
        }
    }

    private String insertNewKey() {
        SigningKey row = new SigningKey();
        row.kid = UUID.randomUUID().toString();
        row.createdAt = Instant.now();
        SealedEcKeys.Stored key = sealedKeys.generate(row.kid, associatedData(row.kid));
        row.sealedPrivateKey = key.sealedPrivateKey();
        row.publicJwk = key.publicJwk();
        row.persist();
        return row.kid;
    }

    private static String associatedData(String kid) {
        return "signing-key:" + kid;
    }

    private synchronized void reload() {
        List<SigningKey> rows = QuarkusTransaction.requiringNew().call(() ->
                SigningKey.<SigningKey>list("publishUntil is null or publishUntil > ?1", Instant.now()));
        Map<String, LoadedKey> loaded = new LinkedHashMap<>();
        List<LoadedKey> signing = new ArrayList<>();
        for (SigningKey row : rows) {
            LoadedKey existing = keys.get(row.kid);
            LoadedKey key = existing != null && java.util.Objects.equals(existing.retiredAt(), row.retiredAt)
                    ? existing : unseal(row);
            loaded.put(key.kid(), key);
            if (key.signs()) {
                signing.add(key);
            }
        }
        keys = Map.copyOf(loaded);
        active = signing.stream().max(Comparator.comparing(LoadedKey::createdAt)).orElse(null);
    }

    private LoadedKey unseal(SigningKey row) {
        try {
            KeyPair pair = sealedKeys.open(row.sealedPrivateKey, row.publicJwk, associatedData(row.kid));
            return new LoadedKey(row.kid, pair.getPublic(), pair.getPrivate(), row.publicJwk, row.createdAt, row.retiredAt,
                    row.publishUntil);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + row.kid + " cannot be loaded", e);
        }
    }
}

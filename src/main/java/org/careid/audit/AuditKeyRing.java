package org.careid.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.careid.cluster.ClusterLease;
import org.careid.crypto.Envelope;
import org.careid.crypto.SealedEcKeys;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The ES256 keys that sign audit checkpoints, kept apart from the token keys: the newest one
 * signs, and every key stays published for good, since a checkpoint must verify for as long as the
 * audit trail is kept. Private halves are sealed with the master key. A key row only counts as
 * trusted when its sealed half opens under this server's master key and matches its public half,
 * so someone who can write to the database cannot slip in a key of their own and sign forged
 * checkpoints with it.
 */
@ApplicationScoped
public class AuditKeyRing {
    private static final Logger LOG = Logger.getLogger(AuditKeyRing.class);

    /** An unsealed key: trusted because it opened under the master key. */
    public record LoadedKey(String kid, PublicKey publicKey, PrivateKey privateKey, String publicJwkJson,
                            Instant createdAt, Instant retiredAt) {}

    private final SealedEcKeys sealedKeys;
    private final AuditSettings settings;
    private final AuditTrail audit;
    private final ClusterLease lease;
    private volatile Map<String, LoadedKey> keys = Map.of();

    AuditKeyRing(SealedEcKeys sealedKeys, AuditSettings settings, AuditTrail audit, ClusterLease lease) {
        this.sealedKeys = sealedKeys;
        this.settings = settings;
        this.audit = audit;
        this.lease = lease;
    }

    /** The key that signs new checkpoints, created on first use. */
    public synchronized LoadedKey active() {
        LoadedKey current = newestSigning();
        if (current == null) {
            reload();
            current = newestSigning();
        }
        if (current == null) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (AuditSigningKey.count("retiredAt is null") == 0) {
                    String kid = insertNewKey();
                    audit.record(AuditEvent.of("AUDIT_SIGNING_KEY_CREATED", AuditEvent.Outcome.SUCCESS)
                            .target("AUDIT_SIGNING_KEY", kid));
                }
            });
            reload();
            current = newestSigning();
        }
        return current;
    }

    /** A trusted public key by kid (re-reading the table once for a kid not seen yet), or null. */
    public PublicKey trusted(String kid) {
        LoadedKey key = keys.get(kid);
        if (key == null && kid != null) {
            reload();
            key = keys.get(kid);
        }
        return key == null ? null : key.publicKey();
    }

    /** Every trusted key, newest first, for the JWKS. */
    public List<LoadedKey> published() {
        if (keys.isEmpty()) {
            active();
        }
        return keys.values().stream().sorted(Comparator.comparing(LoadedKey::createdAt).reversed()).toList();
    }

    /** Replaces the signing key now; returns the new kid. */
    public String rotate(String reason) {
        String kid = QuarkusTransaction.requiringNew().call(() -> rotateLocked(reason, null));
        reload();
        return kid;
    }

    @Scheduled(every = "${careid.audit.checkpoint.key-check-interval:1h}", delayed = "1m", identity = "careid-audit-key-rotation")
    void rotateWhenDue() {
        if (!lease.tryAcquire("audit-key-rotation", Duration.ofMinutes(30))) {
            return;
        }
        String kid = QuarkusTransaction.requiringNew().call(() ->
                rotateLocked("scheduled", settings.checkpoint().keyRotationPeriod()));
        if (kid != null) {
            reload();
        }
    }

    /** Under a row lock on the current key, so two replicas rotating at once make one new key. */
    private String rotateLocked(String reason, Duration onlyIfOlderThan) {
        AuditSigningKey current = AuditSigningKey.find("retiredAt is null order by createdAt desc").firstResult();
        if (current != null) {
            current = AuditSigningKey.findById(current.kid, LockModeType.PESSIMISTIC_WRITE);
            if (current.retiredAt != null) {
                return null;
            }
            if (onlyIfOlderThan != null && current.createdAt.plus(onlyIfOlderThan).isAfter(Instant.now())) {
                return null;
            }
            current.retiredAt = Instant.now();
        } else if (onlyIfOlderThan != null) {
            return null;
        }
        String kid = insertNewKey();
        audit.record(AuditEvent.of("AUDIT_SIGNING_KEY_ROTATED", AuditEvent.Outcome.SUCCESS)
                .target("AUDIT_SIGNING_KEY", kid)
                .detail("reason", reason)
                .detail("previousKid", current == null ? null : current.kid));
        LOG.infof("Audit checkpoint key rotated (%s): new kid %s", reason, kid);
        return kid;
    }

    private String insertNewKey() {
        AuditSigningKey row = new AuditSigningKey();
        row.kid = "audit-" + UUID.randomUUID();
        row.createdAt = Instant.now();
        SealedEcKeys.Stored key = sealedKeys.generate(row.kid, associatedData(row.kid));
        row.sealedPrivateKey = key.sealedPrivateKey();
        row.publicJwk = key.publicJwk();
        row.persist();
        return row.kid;
    }

    private synchronized void reload() {
        List<AuditSigningKey> rows = QuarkusTransaction.requiringNew().call(() -> AuditSigningKey.<AuditSigningKey>listAll());
        Map<String, LoadedKey> loaded = new LinkedHashMap<>();
        for (AuditSigningKey row : rows) {
            LoadedKey existing = keys.get(row.kid);
            LoadedKey key = existing != null && java.util.Objects.equals(existing.retiredAt(), row.retiredAt)
                    ? existing : unseal(row);
            if (key != null) {
                loaded.put(key.kid(), key);
            }
        }
        keys = Map.copyOf(loaded);
    }

    private LoadedKey newestSigning() {
        return keys.values().stream().filter(k -> k.retiredAt() == null)
                .max(Comparator.comparing(LoadedKey::createdAt)).orElse(null);
    }

    /** The key, or null (logged) when its private half does not open or does not match its public half. */
    private LoadedKey unseal(AuditSigningKey row) {
        try {
            KeyPair pair = sealedKeys.open(row.sealedPrivateKey, row.publicJwk, associatedData(row.kid));
            PrivateKey privateKey = pair.getPrivate();
            PublicKey publicKey = pair.getPublic();
            if (!pairMatches(privateKey, publicKey)) {
                LOG.errorf("Audit key %s: its public half does not match its private half; not trusted", row.kid);
                return null;
            }
            return new LoadedKey(row.kid, publicKey, privateKey, row.publicJwk, row.createdAt, row.retiredAt);
        } catch (Envelope.TamperedDataException e) {
            LOG.errorf("Audit key %s is not sealed under this server's master key; not trusted", row.kid);
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.errorf("Audit key %s cannot be loaded (%s); not trusted", row.kid, e.getClass().getSimpleName());
            return null;
        }
    }

    private static boolean pairMatches(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "careid audit key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(privateKey);
        s.update(probe);
        byte[] sig = s.sign();
        s.initVerify(publicKey);
        s.update(probe);
        return s.verify(sig);
    }

    private static String associatedData(String kid) {
        return "audit-signing-key:" + kid;
    }
}

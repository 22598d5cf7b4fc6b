package org.careid.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Makes a signed checkpoint every {@code every-entries} entries or every {@code every} (whichever
 * comes first, when there is something new), stores it and pushes a copy to the SIEM webhook as a
 * witness outside the database. The entry count is watched after every commit (on a worker thread,
 * so appending never waits for a signature); the time on a schedule. Any replica may make one:
 * {@link Checkpointer} lets only one of them store a checkpoint for a given head.
 *
 * <p>On the first start over a chain written before it was keyed, it records
 * {@code AUDIT_CHAIN_KEYED} (the first keyed entry) and makes the re-key checkpoint at once.
 */
@ApplicationScoped
public class AuditCheckpoints {
    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

    private final AgroalDataSource dataSource;
    private final AuditChainKey chainKey;
    private final AuditKeyRing keyRing;
    private final AuditSettings settings;
    private final CheckpointWitness witness;
    private final AuditTrail audit;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "careid-audit-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile long lastCheckpointSeq = -1;
    private volatile String lastReportedBreak;

    AuditCheckpoints(AgroalDataSource dataSource, AuditChainKey chainKey, AuditKeyRing keyRing, AuditSettings settings,
                     CheckpointWitness witness, AuditTrail audit) {
        this.dataSource = dataSource;
        this.chainKey = chainKey;
        this.keyRing = keyRing;
        this.settings = settings;
        this.witness = witness;
        this.audit = audit;
    }

    void onStart(@Observes StartupEvent start) {
        worker.execute(this::keyLegacyChain);
    }

    /** Called after each committed batch; queues a checkpoint when enough entries accumulated. */
    void appended(long headSeq) {
        long last = lastCheckpointSeq;
        if (last >= 0 && headSeq - last >= settings.checkpoint().everyEntries() && queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                try {
                    makeIfDue();
                } finally {
                    queued.set(false);
                }
            });
        }
    }

    @Scheduled(every = "${careid.audit.checkpoint.check-interval:10s}", delayed = "5s", identity = "careid-audit-checkpoint")
    void onSchedule() {
        makeIfDue();
    }

    /** A checkpoint of the current head now, if anything was appended since the last one. */
    public synchronized Checkpoint checkpointNow() {
        try {
            Checkpoint cp = new Checkpointer(dataSource::getConnection, chainKey.bytes(), keyRing::trusted)
                    .make(signer(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
            if (cp != null) {
                lastCheckpointSeq = cp.seq();
                lastReportedBreak = null;
                witness.witness(cp);
            }
            return cp;
        } catch (Checkpointer.ChainBrokenException e) {
            reportBreak(e.verification());
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot make an audit checkpoint", e);
        }
    }

    /** Stored checkpoints after {@code afterSeq}, oldest first. */
    public List<Checkpoint> list(long afterSeq, int limit) {
        try (Connection c = dataSource.getConnection()) {
            List<Checkpoint> out = new ArrayList<>();
            for (AuditRows.StoredCheckpoint s : AuditRows.checkpoints(c, afterSeq, Long.MAX_VALUE, limit)) {
                out.add(Checkpoint.parse(s.jws()));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read audit checkpoints", e);
        }
    }

    synchronized void makeIfDue() {
        try {
            AuditRows.Head head;
            AuditRows.StoredCheckpoint latest;
            try (Connection c = dataSource.getConnection()) {
                head = AuditRows.head(c, false);
                latest = AuditRows.latestCheckpoint(c, Long.MAX_VALUE);
            }
            long since = head.lastSeq() - (latest == null ? 0 : latest.seq());
            lastCheckpointSeq = latest == null ? 0 : latest.seq();
            boolean due = since >= settings.checkpoint().everyEntries()
                    || (since > 0 && (latest == null || !Checkpoint.parse(latest.jws()).time()
                            .plus(settings.checkpoint().every()).isAfter(Instant.now())));
            if (due && head.keyedFrom() != null) {
                checkpointNow();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Audit checkpoint not made this time (%s)", e.getClass().getSimpleName());
        }
    }

    private void keyLegacyChain() {
        try {
            AuditRows.Head head;
            try (Connection c = dataSource.getConnection()) {
                head = AuditRows.head(c, false);
            }
            if (head.keyedFrom() == null && head.lastSeq() > 0) {
                audit.record(AuditEvent.of("AUDIT_CHAIN_KEYED", AuditEvent.Outcome.SUCCESS)
                        .detail("unkeyedEntries", head.lastSeq()));
                Checkpoint cp = checkpointNow();
                LOG.infof("Audit chain keyed after %d earlier entries; re-key checkpoint at entry %s",
                        head.lastSeq(), cp == null ? "(none)" : cp.seq());
            } else {
                makeIfDue();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Audit chain start-up check failed (%s); the schedule retries", e.getClass().getSimpleName());
        }
    }

    private Checkpointer.Signer signer() {
        AuditKeyRing.LoadedKey key = keyRing.active();
        return new Checkpointer.Signer(key.kid(), key.privateKey());
    }

    /** Logs a break once and records it in the trail itself, where it is kept with the evidence. */
    private void reportBreak(ChainVerification.Verification v) {
        String id = v.breakKind() + "@" + v.firstBrokenSeq();
        if (id.equals(lastReportedBreak)) {
            return;
        }
        lastReportedBreak = id;
        LOG.errorf("The audit chain does not verify (%s at entry %d): no checkpoint signed until it is resolved",
                v.breakKind(), v.firstBrokenSeq());
        audit.recordSoon(AuditEvent.of("AUDIT_CHAIN_BROKEN", AuditEvent.Outcome.FAILURE)
                .detail("kind", v.breakKind().name()).detail("firstBrokenSeq", v.firstBrokenSeq()));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}

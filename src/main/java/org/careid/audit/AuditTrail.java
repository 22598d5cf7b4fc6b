package org.careid.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.agroal.api.AgroalDataSource;

/**
 * Appends events to the keyed chain. Callers block until their entry is committed, but entries are
 * written by one writer thread in small batches ("group commit"): one short JDBC transaction locks
 * the chain head, links every waiting event (hash and MAC, see {@link AuditAppender}) and moves
 * the head. That keeps the chain a single line under any concurrency (the head row lock also
 * serialises several replicas) without making every request pay a lock round trip of its own.
 * Checkpoints are signed elsewhere, after the commit, so an append never waits for a signature.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final int MAX_BATCH = 256;
    private static final long WAIT_SECONDS = 30;

    private final ObjectMapper canonicalJson = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .findAndRegisterModules();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;

    private final AgroalDataSource dataSource;
    private final AuditAppendListeners listeners;
    private final AuditCheckpoints checkpoints;
    private final AuditAppender appender;

    AuditTrail(AgroalDataSource dataSource, AuditAppendListeners listeners, AuditCheckpoints checkpoints,
               AuditChainKey chainKey) {
        this.dataSource = dataSource;
        this.listeners = listeners;
        this.checkpoints = checkpoints;
        this.appender = new AuditAppender(chainKey.bytes());
    }

    /**
     * Appends the event without waiting for the commit: for the high-volume events of the
     * authentication path (issued tokens, attempts), where the caller's answer must not wait for
     * the chain. The writer commits within milliseconds; shutdown drains the queue first.
     */
    public void recordSoon(AuditEvent event) {
        ensureWriter();
        queue.add(new Pending(event, new CompletableFuture<>()));
    }

    /** Appends the event and returns once it is durable. */
    public void record(AuditEvent event) {
        Pending pending = new Pending(event, new CompletableFuture<>());
        ensureWriter();
        queue.add(pending);
        try {
            pending.done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing the audit trail", e);
        } catch (Exception e) {
            throw new IllegalStateException("The audit trail could not record " + event.action(), e);
        }
    }

    private void ensureWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread t = new Thread(this::writeLoop, "careid-audit-writer");
                    t.setDaemon(true);
                    t.start();
                    writer = t;
                }
            }
        }
    }

    private void writeLoop() {
        while (!stopping || !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                List<ChainRow> written = append(batch);
                batch.forEach(p -> p.done.complete(null));
                listeners.notifyAll(written.stream().map(ChainRow::toEntity).toList());
                checkpoints.appended(written.get(written.size() - 1).seq());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.error("Audit batch failed; callers are told", e);
                batch.forEach(p -> p.done.completeExceptionally(e));
            }
        }
    }

    private List<ChainRow> append(List<Pending> batch) throws SQLException {
        List<ChainRow> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            events.add(toRow(p.event));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<ChainRow> written = appender.append(c, events);
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private ChainRow toRow(AuditEvent event) {
        String detail;
        try {
            detail = canonicalJson.writeValueAsString(event.detail());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("Audit detail is not serialisable", ex);
        }
        if (detail.length() > 4000) {
            detail = detail.substring(0, 3990) + "…\"}";
        }
        return new ChainRow(0, Instant.now().truncatedTo(ChronoUnit.MILLIS), event.actorType(), event.actorId(),
                event.action(), event.targetType(), event.targetId(), event.outcome().name(), event.sourceAddress(),
                detail, null, null, null);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        Thread running = writer;
        if (running != null) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Pending(AuditEvent event, CompletableFuture<Void> done) {}
}

package org.careid.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Appends events to the keyed chain, never losing one that describes an acknowledged change.
 *
 * <p>Inside a transaction an event is first written to the outbox ({@link AuditOutbox}) on the
 * transaction's own connection, so the entry and the change it describes commit together: a
 * crash can lose both or neither, never one. After the commit the entry is handed to the writer.
 * When the transaction rolls back, its entries of a refusal or a failure (outcome other than
 * SUCCESS: the refusal is what made it roll back) are recorded on their own; its SUCCESS entries
 * go, because the change did not happen. Outside a transaction, {@link #record} waits for the chain
 * and {@link #recordSoon} commits the event to the outbox on its own.
 *
 * <p>One writer thread links entries in small batches ("group commit"): one short JDBC transaction
 * locks the chain head, deletes the batch's outbox rows, links every event (hash and MAC, see
 * {@link AuditAppender}) and moves the head. That keeps the chain a single line under any
 * concurrency (the head row lock also serialises several replicas). Outbox rows left behind by a
 * crash, an outage or another replica are swept onto the chain at start and every few seconds.
 * Checkpoints are signed elsewhere, after the commit, so an append never waits for a signature.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final int MAX_BATCH = 256;
    private static final long WAIT_SECONDS = 30;
    /** How often the outbox is swept, and how old a row must be to be swept (the live queue links younger ones). */
    private static final long SWEEP_MILLIS = 5_000;
    private static final Object STAGED_KEY = new Object();

    private final ObjectMapper canonicalJson = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .findAndRegisterModules();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;
    /** Sweep everything at the first sweep: at start nothing of this process is in flight. */
    private volatile long sweepAge = 0;
    private long nextSweep = 0;

    private final AgroalDataSource dataSource;
    private final AuditAppendListeners listeners;
    private final AuditCheckpoints checkpoints;
    private final AuditAppender appender;
    private final TransactionSynchronizationRegistry transactions;

    AuditTrail(AgroalDataSource dataSource, AuditAppendListeners listeners, AuditCheckpoints checkpoints,
               AuditChainKey chainKey, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.listeners = listeners;
        this.checkpoints = checkpoints;
        this.appender = new AuditAppender(chainKey.bytes());
        this.transactions = transactions;
    }

    /** Links what a crash or an outage left in the outbox. */
    void onStart(@Observes StartupEvent start) {
        ensureWriter();
    }

    /**
     * Records the event without waiting for the chain: for the high-volume events of the
     * authentication path (issued tokens, attempts). It is durable when this returns (outside a
     * transaction) or when the caller's transaction commits; the writer links it moments later.
     */
    public void recordSoon(AuditEvent event) {
        write(event, false);
    }

    /**
     * Records the event and returns once it is durable: on the chain (outside a transaction), or in
     * the caller's transaction, then on the chain before the transaction's commit returns.
     */
    public void record(AuditEvent event) {
        write(event, true);
    }

    private void write(AuditEvent event, boolean waitForChain) {
        ChainRow row = toRow(event);
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            stage(row, waitForChain);
        } else if (waitForChain) {
            linkAndWait(row);
        } else {
            String id = UUID.randomUUID().toString();
            try (Connection c = dataSource.getConnection()) {
                AuditOutbox.insert(c, id, row);
            } catch (SQLException e) {
                throw new IllegalStateException("The audit trail could not record " + event.action(), e);
            }
            enqueue(new Pending(row, id, new CompletableFuture<>()));
        }
    }

    /** Writes the event to the outbox in the caller's transaction and links it after the commit. */
    private void stage(ChainRow row, boolean waitForChain) {
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) { // the transaction's connection (enlisted)
            AuditOutbox.insert(c, id, row);
        } catch (SQLException e) {
            throw new IllegalStateException("The audit trail could not record " + row.action(), e);
        }
        StagedEvents staged = (StagedEvents) transactions.getResource(STAGED_KEY);
        if (staged == null) {
            staged = new StagedEvents();
            transactions.putResource(STAGED_KEY, staged);
            transactions.registerInterposedSynchronization(staged);
        }
        staged.events.add(new StagedEvent(id, row, waitForChain));
    }

    private void linkAndWait(ChainRow row) {
        Pending pending = new Pending(row, null, new CompletableFuture<>());
        enqueue(pending);
        try {
            pending.done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing the audit trail", e);
        } catch (Exception e) {
            throw new IllegalStateException("The audit trail could not record " + row.action(), e);
        }
    }

    private void enqueue(Pending pending) {
        ensureWriter();
        queue.add(pending);
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
                sweepWhenDue();
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                link(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                // outbox-backed entries stay in the outbox and are swept once the database answers
                LOG.errorf("Audit batch failed (%s); callers are told", e.toString());
                batch.forEach(p -> p.done.completeExceptionally(e));
            }
        }
    }

    /** Links outbox rows nobody is linking (left by a crash, an outage or a replica that went away). */
    private void sweepWhenDue() throws SQLException {
        long now = System.currentTimeMillis();
        if (now < nextSweep || stopping) {
            return;
        }
        nextSweep = now + SWEEP_MILLIS;
        List<AuditOutbox.Staged> stale;
        try (Connection c = dataSource.getConnection()) {
            stale = AuditOutbox.olderThan(c, Instant.ofEpochMilli(now - sweepAge), MAX_BATCH);
        }
        sweepAge = SWEEP_MILLIS;
        if (!stale.isEmpty()) {
            LOG.infof("Linking %d audit entries left in the outbox", stale.size());
            link(stale.stream().map(s -> new Pending(s.event(), s.id(), new CompletableFuture<>())).toList());
            if (stale.size() == MAX_BATCH) {
                nextSweep = 0; // more are waiting
                sweepAge = 0;
            }
        }
    }

    private void link(List<Pending> batch) throws SQLException {
        List<ChainRow> written = append(batch);
        batch.forEach(p -> p.done.complete(null));
        if (!written.isEmpty()) {
            listeners.notifyAll(written.stream().map(ChainRow::toEntity).toList());
            checkpoints.appended(written.get(written.size() - 1).seq());
        }
    }

    private List<ChainRow> append(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                AuditRows.head(c, true); // claims below are serialised with every other appender
                List<ChainRow> events = unclaimedElsewhere(c, batch);
                List<ChainRow> written = events.isEmpty() ? List.of() : appender.append(c, events);
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

    /** The batch's events, less outbox rows another appender already linked. */
    private static List<ChainRow> unclaimedElsewhere(Connection c, List<Pending> batch) throws SQLException {
        List<String> ids = batch.stream().map(Pending::outboxId).filter(id -> id != null).toList();
        boolean[] claimed = ids.isEmpty() ? new boolean[0] : AuditOutbox.claim(c, ids);
        List<ChainRow> events = new ArrayList<>(batch.size());
        int k = 0;
        for (Pending p : batch) {
            if (p.outboxId == null || claimed[k++]) {
                events.add(p.event);
            }
        }
        return events;
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

    private record Pending(ChainRow event, String outboxId, CompletableFuture<Void> done) {}

    private record StagedEvent(String outboxId, ChainRow event, boolean waitForChain) {}

    /** One transaction's staged events: linked after its commit, or the refusals recorded after its rollback. */
    private final class StagedEvents implements Synchronization {
        final List<StagedEvent> events = new ArrayList<>();

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                List<CompletableFuture<Void>> waits = new ArrayList<>();
                for (StagedEvent e : events) {
                    Pending p = new Pending(e.event, e.outboxId, new CompletableFuture<>());
                    enqueue(p);
                    if (e.waitForChain) {
                        waits.add(p.done);
                    }
                }
                awaitLinked(waits);
            } else {
                for (StagedEvent e : events) {
                    if (!AuditEvent.Outcome.SUCCESS.name().equals(e.event.outcome())) {
                        recordRefusal(e.event);
                    }
                }
            }
        }

        private void awaitLinked(List<CompletableFuture<Void>> waits) {
            try {
                CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warnf("Committed audit entries wait in the outbox to be linked (%s)", e.toString());
            }
        }

        private void recordRefusal(ChainRow event) {
            try {
                linkAndWait(event);
            } catch (RuntimeException e) {
                LOG.errorf("The audit entry %s of a rolled-back transaction could not be recorded (%s)",
                        event.action(), e.toString());
            }
        }
    }
}

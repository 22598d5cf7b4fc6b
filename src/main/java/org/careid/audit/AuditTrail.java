package org.careid.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Appends events to the hash chain. Callers block until their entry is committed, but entries are
 * written by one writer thread in small batches ("group commit"): one transaction locks the chain
 * head, links every waiting event and moves the head. That keeps the chain a single line under
 * any concurrency (the head row lock also serialises several replicas) without making every
 * request pay a lock round trip of its own.
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

    @Inject
    AuditAppendListeners listeners;

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
                List<AuditEntry> written = QuarkusTransaction.requiringNew().call(() -> append(batch));
                batch.forEach(p -> p.done.complete(null));
                listeners.notifyAll(written);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Audit batch failed; callers are told", e);
                batch.forEach(p -> p.done.completeExceptionally(e));
            }
        }
    }

    private List<AuditEntry> append(List<Pending> batch) {
        AuditHead head = AuditHead.findById(AuditHead.THE_ONLY_ROW, LockModeType.PESSIMISTIC_WRITE);
        List<AuditEntry> written = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            AuditEntry entry = toEntry(p.event);
            entry.seq = head.lastSeq + 1;
            entry.prevHash = head.lastHash;
            entry.hash = AuditHashing.hash(entry);
            entry.persist();
            head.lastSeq = entry.seq;
            head.lastHash = entry.hash;
            written.add(entry);
        }
        return written;
    }

    private AuditEntry toEntry(AuditEvent event) {
        AuditEntry e = new AuditEntry();
        e.occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        e.actorType = event.actorType();
        e.actorId = event.actorId();
        e.action = event.action();
        e.targetType = event.targetType();
        e.targetId = event.targetId();
        e.outcome = event.outcome().name();
        e.sourceAddress = event.sourceAddress();
        try {
            e.detail = canonicalJson.writeValueAsString(event.detail());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("Audit detail is not serialisable", ex);
        }
        if (e.detail.length() > 4000) {
            e.detail = e.detail.substring(0, 3990) + "…\"}";
        }
        return e;
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

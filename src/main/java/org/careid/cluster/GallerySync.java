package org.careid.cluster;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps every replica's in-memory galleries in step with the database. Whoever changes a person's
 * templates (or active status) records a {@link GalleryChange} in the same transaction (through
 * {@code org.careid.biometric.GalleryLifecycle}); every replica polls the change log every
 * {@code careid.cluster.gallery-poll} and fires {@link PersonChanged}, on which the galleries
 * reload that person from the database. Reloading is idempotent, so a replica replaying its own
 * change is harmless.
 *
 * <p>Sequence numbers are handed out at insert, not at commit: a change whose transaction commits
 * after a later-numbered one appears behind the point already read. Each poll therefore also reads
 * the changes of the last {@link #LATE_COMMIT} and replays those it has not replayed yet.
 */
@ApplicationScoped
public class GallerySync {
    private static final Logger LOG = Logger.getLogger(GallerySync.class);

    /** Reload this person's templates (or drop them, when inactive or erased). */
    public record PersonChanged(UUID staffId) {}

    @Inject
    Event<PersonChanged> changed;
    @Inject
    ClusterLease lease;

    /** Longer than any transaction that records a change (an enrollment commits within seconds). */
    static final java.time.Duration LATE_COMMIT = java.time.Duration.ofSeconds(30);

    private volatile long lastSeen = -1;
    /** Changes of the last {@link #LATE_COMMIT} already replayed, by sequence number. */
    private final java.util.Map<Long, Instant> replayedRecently = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Runs before the galleries load (they observe at the default priority): a change committed
     * during the load is numbered above the point read here and is replayed once the load is done.
     */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        // Galleries load everything at start-up; only later changes need replaying.
        lastSeen = QuarkusTransaction.requiringNew().call(() -> {
            Long max = GalleryChange.find("select max(seq) from GalleryChange").project(Long.class).firstResult();
            return max == null ? 0L : max;
        });
    }

    /** Records a change; call inside the transaction that changes the templates or the status. */
    public void record(UUID staffId) {
        GalleryChange change = new GalleryChange();
        change.staffId = staffId;
        change.changedAt = Instant.now();
        change.persist();
    }

    @Scheduled(every = "${careid.cluster.gallery-poll:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (lastSeen < 0) {
            return;
        }
        Instant lateFrom = Instant.now().minus(LATE_COMMIT);
        replayedRecently.values().removeIf(changedAt -> changedAt.isBefore(lateFrom));
        List<GalleryChange> news = QuarkusTransaction.requiringNew().call(() ->
                GalleryChange.<GalleryChange>list("seq > ?1 or changedAt >= ?2 order by seq", lastSeen, lateFrom));
        for (GalleryChange change : news) {
            if (replayedRecently.containsKey(change.seq)) {
                continue;
            }
            try {
                changed.fire(new PersonChanged(change.staffId));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Reloading person %s into the galleries failed; retrying at the next poll", change.staffId);
                return;
            }
            replayedRecently.put(change.seq, change.changedAt);
            lastSeen = Math.max(lastSeen, change.seq);
        }
    }

    /** Drops change rows every replica has long replayed (once per cluster). */
    @Scheduled(every = "1h", delayed = "5m")
    void purgeOld() {
        if (lease.tryAcquire("gallery-change-purge", java.time.Duration.ofMinutes(30))) {
            QuarkusTransaction.requiringNew().run(() ->
                    GalleryChange.delete("changedAt < ?1", Instant.now().minus(java.time.Duration.ofHours(1))));
        }
    }
}

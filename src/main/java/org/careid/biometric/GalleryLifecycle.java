package org.careid.biometric;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.careid.cluster.GallerySync;
import org.careid.identity.StaffService;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps every modality's in-memory gallery equal to what the database has committed: loads all
 * active staff at start-up (readiness waits for it), and follows enrollment, erasure, consent
 * withdrawal, staff (de)activation and other replicas' changes.
 *
 * <p>A change inside a transaction is recorded in the cluster change log in that transaction and
 * reaches this replica's gallery only after the commit ({@link AfterCommit}): a rollback leaves
 * the gallery as it was. Every gallery change is the same step, serialised per person: read the
 * person's committed templates and swap them in (none for erased or inactive staff). So the last
 * swap always reflects the latest read, whichever of the committing request and the change-log
 * replay gets there first. Should the read after a commit fail, the person is taken out (fail
 * closed) and the change-log replay, which also replays this replica's own changes, loads them
 * again at its next poll.
 */
@ApplicationScoped
public class GalleryLifecycle {
    private static final Logger LOG = Logger.getLogger(GalleryLifecycle.class);

    private final List<GalleryModality<?>> modalities;
    private final GallerySync changeLog;
    private final AfterCommit afterCommit;
    private final MeterRegistry registry;
    private final Set<String> loaded = ConcurrentHashMap.newKeySet();
    /** Replayed changes wait for the start-up load, which would otherwise overwrite them with older rows. */
    private final CountDownLatch allLoaded = new CountDownLatch(1);
    /** Serialises the changes of one person (striped: distinct people rarely wait for each other). */
    private final Object[] personLocks = IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    @Inject
    GalleryLifecycle(@Any Instance<GalleryModality<?>> modalities, GallerySync changeLog, AfterCommit afterCommit,
            MeterRegistry registry) {
        this.modalities = modalities.stream().toList();
        this.changeLog = changeLog;
        this.afterCommit = afterCommit;
        this.registry = registry;
    }

    void loadAll(@Observes StartupEvent event) {
        modalities.forEach(this::load);
        allLoaded.countDown();
    }

    private <T> void load(GalleryModality<T> modality) {
        Map<UUID, List<T>> templates = QuarkusTransaction.requiringNew().call(modality::activeTemplates);
        Gallery<T> gallery = modality.gallery();
        gallery.replaceAll(templates);
        Gauge.builder("careid.gallery.templates", gallery, Gallery::templateCount).tag("modality", modality.modality())
                .strongReference(true).register(registry);
        Gauge.builder("careid.gallery.people", gallery, Gallery::personCount).tag("modality", modality.modality())
                .strongReference(true).register(registry);
        loaded.add(modality.modality());
        LOG.infof("Gallery %s loaded: %d templates of %d people", modality.modality(), gallery.templateCount(),
                gallery.personCount());
    }

    /** The galleries of every modality, for readiness and counts. */
    public List<GalleryModality<?>> modalities() {
        return modalities;
    }

    /** True once this modality's gallery holds every active template. */
    public boolean loaded(GalleryModality<?> modality) {
        return loaded.contains(modality.modality());
    }

    /**
     * The staff member's stored templates of this modality changed (enrolled, replaced, re-extracted):
     * call inside that transaction. The gallery reloads them once it commits.
     */
    public void changed(GalleryModality<?> modality, UUID staffId) {
        changeLog.record(staffId);
        afterCommit.run(() -> refreshAfterCommit(modality, staffId));
    }

    /**
     * Deletes the staff member's templates of this modality; the gallery drops them once the
     * transaction commits. Returns how many stored templates went.
     */
    public long erase(GalleryModality<?> modality, UUID staffId) {
        long removed = modality.deleteTemplates(staffId);
        changed(modality, staffId);
        return removed;
    }

    /** Consent withdrawn or an operator's erase request: every modality, in the erasing transaction. */
    void onErasure(@Observes BiometricsErased event) {
        modalities.forEach(m -> m.deleteTemplates(event.staffId()));
        changedEverywhere(event.staffId());
    }

    /** Deactivated staff leave every gallery, reactivated staff come back, once the change commits. */
    void onStaffStatus(@Observes StaffService.StaffStatusChanged event) {
        changedEverywhere(event.staffId());
    }

    private void changedEverywhere(UUID staffId) {
        changeLog.record(staffId);
        afterCommit.run(() -> modalities.forEach(m -> refreshAfterCommit(m, staffId)));
    }

    /** A committed change from the change log (another replica's, or this one's); a failure is retried by the log. */
    void onReplayedChange(@Observes GallerySync.PersonChanged event) {
        try {
            allLoaded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the galleries load", e);
        }
        modalities.forEach(m -> refresh(m, event.staffId()));
    }

    /** Runs in the committing thread: a failure is logged, never thrown into the committed caller. */
    private void refreshAfterCommit(GalleryModality<?> modality, UUID staffId) {
        try {
            refresh(modality, staffId);
        } catch (RuntimeException e) {
            synchronized (lockOf(staffId)) {
                remove(modality, staffId);
            }
            LOG.warnf(e, "Reloading person %s into the %s gallery after commit failed; left out until the change-log replay"
                    + " reloads them", staffId, modality.modality());
        }
    }

    /** Reads the person's committed templates and swaps them in, one person at a time. */
    private <T> void refresh(GalleryModality<T> modality, UUID staffId) {
        synchronized (lockOf(staffId)) {
            List<T> templates = QuarkusTransaction.requiringNew().call(() -> modality.activeTemplates(staffId));
            modality.gallery().replaceStaff(staffId, templates);
        }
    }

    private static <T> void remove(GalleryModality<T> modality, UUID staffId) {
        modality.gallery().replaceStaff(staffId, List.of());
    }

    private Object lockOf(UUID staffId) {
        return personLocks[Math.floorMod(staffId.hashCode(), personLocks.length)];
    }
}

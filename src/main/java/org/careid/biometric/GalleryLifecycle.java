package org.careid.biometric;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
 * the gallery as it was. Removals (erasure, deactivation) need no database read after the commit;
 * additions reload the person from the database. Should that reload fail, the change-log replay
 * (which also replays this replica's own changes) loads the person again at its next poll.
 */
@ApplicationScoped
public class GalleryLifecycle {
    private static final Logger LOG = Logger.getLogger(GalleryLifecycle.class);

    private final List<GalleryModality<?>> modalities;
    private final GallerySync changeLog;
    private final AfterCommit afterCommit;
    private final MeterRegistry registry;
    private final Set<String> loaded = ConcurrentHashMap.newKeySet();

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
        afterCommit.run(() -> reload(modality, staffId));
    }

    /**
     * Deletes the staff member's templates of this modality; the gallery drops them once the
     * transaction commits. Returns how many stored templates went.
     */
    public long erase(GalleryModality<?> modality, UUID staffId) {
        long removed = modality.deleteTemplates(staffId);
        changeLog.record(staffId);
        afterCommit.run(() -> remove(modality, staffId));
        return removed;
    }

    /** Consent withdrawn or an operator's erase request: every modality, in the erasing transaction. */
    void onErasure(@Observes BiometricsErased event) {
        UUID staffId = event.staffId();
        modalities.forEach(m -> m.deleteTemplates(staffId));
        changeLog.record(staffId);
        afterCommit.run(() -> modalities.forEach(m -> remove(m, staffId)));
    }

    /** Deactivated staff leave every gallery, reactivated staff come back, once the change commits. */
    void onStaffStatus(@Observes StaffService.StaffStatusChanged event) {
        UUID staffId = event.staffId();
        changeLog.record(staffId);
        afterCommit.run(() -> modalities.forEach(m -> {
            if (event.active()) {
                reload(m, staffId);
            } else {
                remove(m, staffId);
            }
        }));
    }

    /** A committed change from the change log (another replica's, or this one's): reload the person. */
    void onReplayedChange(@Observes GallerySync.PersonChanged event) {
        modalities.forEach(m -> replace(m, event.staffId()));
    }

    private <T> void replace(GalleryModality<T> modality, UUID staffId) {
        List<T> templates = QuarkusTransaction.requiringNew().call(() -> modality.activeTemplates(staffId));
        modality.gallery().replaceStaff(staffId, templates);
    }

    /** After a commit: a failure is logged, never thrown into the committed caller. */
    private void reload(GalleryModality<?> modality, UUID staffId) {
        try {
            replace(modality, staffId);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reloading person %s into the %s gallery after commit failed; the change-log replay retries it",
                    staffId, modality.modality());
        }
    }

    private static <T> void remove(GalleryModality<T> modality, UUID staffId) {
        modality.gallery().replaceStaff(staffId, List.of());
    }
}

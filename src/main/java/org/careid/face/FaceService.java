package org.careid.face;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.biometric.AfterCommit;
import org.careid.biometric.BiometricsErased;
import org.careid.biometric.ConsentService;
import org.careid.biometric.EnrollmentSource;
import org.careid.cluster.GallerySync;
import org.careid.crypto.Envelope;
import org.careid.face.gallery.FaceGallery;
import org.careid.face.gallery.IdentificationResult;
import org.careid.face.model.FaceModels;
import org.careid.face.model.ModelManifest;
import org.careid.face.quality.QualityIssue;
import org.careid.face.threshold.FaceThresholds;
import org.careid.identity.Caller;
import org.careid.identity.StaffMember;
import org.careid.identity.StaffService;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Face enrollment and erasure: each sample passes the quality gate (never a masked face), the
 * duplicate-identity check, then is sealed and stored; the in-memory gallery (active staff only)
 * follows every change. Three good samples complete enrollment.
 */
@ApplicationScoped
public class FaceService implements EnrollmentSource {
    private static final Logger LOG = Logger.getLogger(FaceService.class);
    public static final int SAMPLES_FOR_ENROLLMENT = 3;
    static final int MAX_SAMPLES = 10;

    /** A refused sample, by its position in the request. */
    public record Refusal(int index, List<String> reasons) {}

    /** What the enrollment endpoint answers. */
    public record EnrollmentView(int accepted, List<Refusal> refused, long samples, boolean enrolled) {}

    @Inject
    FacePipeline pipeline;
    @Inject
    FaceGallery gallery;
    @Inject
    FaceThresholds thresholds;
    @Inject
    Envelope envelope;
    @Inject
    Caller caller;
    @Inject
    ConsentService consent;
    @Inject
    GallerySync gallerySync;
    @Inject
    AfterCommit afterCommit;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private volatile boolean loaded;

    /** True once the gallery holds every active template (readiness). */
    public boolean loaded() {
        return loaded;
    }
    @ConfigProperty(name = "careid.face.keep-photos", defaultValue = "false")
    boolean keepPhotos;
    @ConfigProperty(name = "careid.models.dir", defaultValue = "models")
    String modelsDir;

    private volatile String modelVersion;

    void loadGallery(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<EnrolledFace> rows = EnrolledFace.list(StaffMember.OF_ACTIVE_STAFF);
            addToGallery(rows);
            LOG.infof("Face gallery loaded: %d templates of %d people", gallery.size(), gallery.personCount());
            loaded = true;
            registry.gauge("careid.gallery.templates", java.util.List.of(io.micrometer.core.instrument.Tag.of("modality", "face")),
                    gallery, g -> g.size());
        });
    }

    @Transactional
    public EnrollmentView enroll(UUID staffId, List<byte[]> photos) {
        consent.requireConsent(staffId);
        if (photos.isEmpty() || photos.size() > MAX_SAMPLES) {
            throw ApiException.invalid("images", "send 1 to " + MAX_SAMPLES + " photos");
        }
        List<Refusal> refused = new ArrayList<>();
        List<EnrolledFace> stored = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            FaceAnalysis analysis = pipeline.analyze(photos.get(i), FacePurpose.ENROLLMENT);
            if (!analysis.accepted()) {
                refused.add(new Refusal(i, analysis.quality().issues().stream().map(QualityIssue::name).sorted().toList()));
                continue;
            }
            refuseDuplicate(staffId, analysis.embedding());
            stored.add(store(staffId, analysis, keepPhotos ? photos.get(i) : null));
        }
        long samples = EnrolledFace.count("staffId", staffId);
        caller.audit(AuditEvent.of("FACE_ENROLLED", stored.isEmpty() ? AuditEvent.Outcome.FAILURE : AuditEvent.Outcome.SUCCESS)
                .target("STAFF", staffId).detail("accepted", stored.size()).detail("refused", refused.size())
                .detail("refusals", refused.stream().map(r -> r.reasons()).toList()).detail("samples", samples)
                .detail("model", FaceModels.EMBEDDER_ID + "@" + modelVersion()));
        if (!stored.isEmpty()) {
            List<FaceGallery.Template> added = usableTemplates(stored);
            afterCommit.run(() -> added.forEach(t -> gallery.add(staffId, t.templateId(), t.embedding())));
            gallerySync.record(staffId);
        }
        return new EnrollmentView(stored.size(), refused, samples, samples >= SAMPLES_FOR_ENROLLMENT);
    }

    @Transactional
    public void delete(UUID staffId) {
        long removed = EnrolledFace.delete("staffId", staffId);
        gallery.removeStaff(staffId);
        gallerySync.record(staffId);
        caller.audit(AuditEvent.of("FACES_DELETED", AuditEvent.Outcome.SUCCESS).target("STAFF", staffId).detail("templates", removed));
    }

    void onErasure(@Observes BiometricsErased event) {
        EnrolledFace.delete("staffId", event.staffId());
        gallery.removeStaff(event.staffId());
        gallerySync.record(event.staffId());
    }

    void onStaffStatus(@Observes(during = TransactionPhase.AFTER_SUCCESS) StaffService.StaffStatusChanged event) {
        reload(event.staffId());
    }

    /** Another replica (or this one) changed the person: reload them from the database. */
    void onPersonChanged(@Observes GallerySync.PersonChanged event) {
        reload(event.staffId());
    }

    private void reload(UUID staffId) {
        QuarkusTransaction.requiringNew().run(() -> gallery.replaceStaff(staffId, usableTemplates(
                EnrolledFace.list("staffId = ?1 and " + StaffMember.OF_ACTIVE_STAFF, staffId))));
    }

    @Override
    public String modality() {
        return "face";
    }

    @Override
    public Object summary(UUID staffId) {
        List<EnrolledFace> rows = EnrolledFace.list("staffId = ?1 order by createdAt", staffId);
        if (rows.isEmpty()) {
            return null;
        }
        EnrolledFace last = rows.get(rows.size() - 1);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("samples", rows.size());
        view.put("enrolled", rows.size() >= SAMPLES_FOR_ENROLLMENT);
        view.put("enrolledAt", last.createdAt);
        view.put("enrolledBy", last.createdBy);
        view.put("model", last.modelId + "@" + last.modelVersion);
        return view;
    }

    /** One person must not enroll as two: refuse a sample that matches someone else. */
    private void refuseDuplicate(UUID staffId, float[] embedding) {
        IdentificationResult best = gallery.identify(embedding, thresholds.verificationThreshold(), 0);
        if (best.staffId() != null && !best.staffId().equals(staffId) && best.bestScore() >= thresholds.verificationThreshold()) {
            caller.audit(AuditEvent.of("DUPLICATE_IDENTITY_REFUSED", AuditEvent.Outcome.DENIED).target("STAFF", staffId)
                    .detail("modality", "face").detail("matchesStaffId", best.staffId().toString()));
            throw new ApiException(ProblemType.DUPLICATE_IDENTITY, "This face is already enrolled for another staff member");
        }
    }

    private EnrolledFace store(UUID staffId, FaceAnalysis analysis, byte[] photo) {
        EnrolledFace row = new EnrolledFace();
        row.id = UUID.randomUUID();
        row.staffId = staffId;
        row.modelId = FaceModels.EMBEDDER_ID;
        row.modelVersion = modelVersion();
        row.quality = analysis.quality().score();
        row.sealedEmbedding = envelope.seal(EnrolledFace.toBytes(analysis.embedding()), row.embeddingAad());
        row.sealedPhoto = photo == null ? null : envelope.seal(photo, row.photoAad());
        row.createdAt = Instant.now();
        row.createdBy = caller.id();
        row.persist();
        return row;
    }

    private void addToGallery(List<EnrolledFace> rows) {
        for (EnrolledFace row : rows) {
            FaceGallery.Template t = usableTemplate(row);
            if (t != null) {
                gallery.add(row.staffId, t.templateId(), t.embedding());
            }
        }
    }

    private List<FaceGallery.Template> usableTemplates(List<EnrolledFace> rows) {
        return rows.stream().map(this::usableTemplate).filter(java.util.Objects::nonNull).toList();
    }

    /** The row's embedding, unsealed; null when another model made it (it cannot be compared). */
    private FaceGallery.Template usableTemplate(EnrolledFace row) {
        if (!FaceModels.EMBEDDER_ID.equals(row.modelId) || !modelVersion().equals(row.modelVersion)) {
            LOG.warnf("Face template %s was made by another model (%s@%s); re-enroll the person", row.id, row.modelId, row.modelVersion);
            return null;
        }
        return new FaceGallery.Template(row.id, EnrolledFace.toEmbedding(envelope.open(row.sealedEmbedding, row.embeddingAad())));
    }

    /** The embedder's identity: the first 12 hex digits of its sha256 in the model manifest. */
    String modelVersion() {
        if (modelVersion == null) {
            try {
                modelVersion = ModelManifest.read(Path.of(modelsDir, "manifest.json")).entry(FaceModels.EMBEDDER_ID)
                        .map(e -> e.sha256().substring(0, 12)).orElse("unknown");
            } catch (java.io.IOException e) {
                modelVersion = "unknown";
            }
        }
        return modelVersion;
    }
}

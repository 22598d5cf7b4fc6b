package org.careid.face;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.biometric.ConsentService;
import org.careid.biometric.EnrollmentSource;
import org.careid.biometric.GalleryLifecycle;
import org.careid.crypto.Envelope;
import org.careid.face.gallery.FaceGallery;
import org.careid.face.gallery.IdentificationResult;
import org.careid.face.model.FaceModels;
import org.careid.face.pad.PadVerdict;
import org.careid.face.quality.QualityIssue;
import org.careid.face.threshold.FaceThresholds;
import org.careid.identity.Caller;
import org.careid.identity.DuplicateIdentity;
import org.careid.web.ApiException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Face enrollment and erasure: each sample passes the passive presentation-attack check (a sample
 * judged a photo or screen refuses the whole request with 422, nothing stored), the quality gate
 * (never a masked face), the duplicate-identity check, then is sealed and stored; the in-memory gallery follows once the
 * transaction commits ({@link GalleryLifecycle}). Three good samples complete enrollment.
 */
@ApplicationScoped
public class FaceService implements EnrollmentSource {
    public static final int SAMPLES_FOR_ENROLLMENT = 3;
    static final int MAX_SAMPLES = 10;

    /** A refused sample, by its position in the request. */
    public record Refusal(int index, List<String> reasons) {}

    /** What the enrollment endpoint answers. */
    public record EnrollmentView(int accepted, List<Refusal> refused, long samples, boolean enrolled) {}

    private final FacePipeline pipeline;
    private final FaceGallery gallery;
    private final FaceThresholds thresholds;
    private final Envelope envelope;
    private final Caller caller;
    private final ConsentService consent;
    private final GalleryLifecycle lifecycle;
    private final FaceGalleryModality galleryModality;
    private final FaceEmbedderVersion embedder;
    private final boolean keepPhotos;

    @Inject
    FaceService(FacePipeline pipeline, FaceGallery gallery, FaceThresholds thresholds, Envelope envelope, Caller caller,
            ConsentService consent, GalleryLifecycle lifecycle, FaceGalleryModality galleryModality, FaceEmbedderVersion embedder,
            @ConfigProperty(name = "careid.face.keep-photos", defaultValue = "false") boolean keepPhotos) {
        this.pipeline = pipeline;
        this.gallery = gallery;
        this.thresholds = thresholds;
        this.envelope = envelope;
        this.caller = caller;
        this.consent = consent;
        this.lifecycle = lifecycle;
        this.galleryModality = galleryModality;
        this.embedder = embedder;
        this.keepPhotos = keepPhotos;
    }

    @Transactional
    public EnrollmentView enroll(UUID staffId, List<byte[]> photos) {
        consent.requireConsent(staffId);
        if (photos.isEmpty() || photos.size() > MAX_SAMPLES) {
            throw ApiException.invalid("images", "send 1 to " + MAX_SAMPLES + " photos");
        }
        List<FaceAnalysis> analyses = new ArrayList<>(photos.size());
        for (byte[] photo : photos) {
            analyses.add(pipeline.analyze(photo, FacePurpose.ENROLLMENT));
        }
        return storeSamples(staffId, analyses, photos, "photos");
    }

    /**
     * Enrolls samples already analysed for enrollment (with the passive check), e.g. the verified
     * frontal frames of a kiosk challenge burst; the same checks and storage as photos.
     */
    @Transactional
    public EnrollmentView enrollAnalysed(UUID staffId, List<FaceAnalysis> analyses, List<byte[]> photos, String source) {
        consent.requireConsent(staffId);
        return storeSamples(staffId, analyses, photos, source);
    }

    private EnrollmentView storeSamples(UUID staffId, List<FaceAnalysis> analyses, List<byte[]> photos, String source) {
        refuseAttacks(staffId, analyses);
        List<Refusal> refused = new ArrayList<>();
        List<EnrolledFace> stored = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            FaceAnalysis analysis = analyses.get(i);
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
                .detail("source", source).detail("model", FaceModels.EMBEDDER_ID + "@" + embedder.version()));
        if (!stored.isEmpty()) {
            lifecycle.changed(galleryModality, staffId);
        }
        return new EnrollmentView(stored.size(), refused, samples, samples >= SAMPLES_FOR_ENROLLMENT);
    }

    @Transactional
    public void delete(UUID staffId) {
        long removed = lifecycle.erase(galleryModality, staffId);
        caller.audit(AuditEvent.of("FACES_DELETED", AuditEvent.Outcome.SUCCESS).target("STAFF", staffId).detail("templates", removed));
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

    /**
     * A template made from a photo or a screen would let anyone holding that picture in: refuse the
     * request when any sample fails the passive check, audited with each failing sample's score.
     */
    private void refuseAttacks(UUID staffId, List<FaceAnalysis> analyses) {
        List<Integer> attacks = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < analyses.size(); i++) {
            PadVerdict pad = analyses.get(i).liveness();
            if (pad != null && pad.attack()) {
                attacks.add(i);
                scores.add(Math.round(pad.score() * 10000) / 10000.0);
            }
        }
        if (attacks.isEmpty()) {
            return;
        }
        double threshold = analyses.get(attacks.get(0)).liveness().threshold();
        caller.audit(AuditEvent.of("FACE_ENROLLMENT_REFUSED", AuditEvent.Outcome.DENIED).target("STAFF", staffId)
                .detail("reason", "presentation attack suspected").detail("samples", attacks).detail("padScores", scores)
                .detail("padThreshold", threshold));
        throw new ApiException(Problem.of(ProblemType.PRESENTATION_ATTACK_SUSPECTED,
                        "Sample(s) " + attacks + " look like a photo or a screen rather than the person in front of the camera; "
                                + "nothing was stored. Capture the person live, facing the camera.")
                .with("reason", "PRESENTATION_ATTACK_SUSPECTED").with("samples", attacks));
    }

    /** One person must not enroll as two: refuse a sample that matches someone else. */
    private void refuseDuplicate(UUID staffId, float[] embedding) {
        IdentificationResult best = gallery.identify(embedding, thresholds.verificationThreshold(), 0);
        if (best.staffId() != null && !best.staffId().equals(staffId) && best.bestScore() >= thresholds.verificationThreshold()) {
            caller.audit(AuditEvent.of("DUPLICATE_IDENTITY_REFUSED", AuditEvent.Outcome.DENIED).target("STAFF", staffId)
                    .detail("modality", "face").detail("matchesStaffId", best.staffId().toString()));
            throw DuplicateIdentity.refusal("face", best.staffId());
        }
    }

    private EnrolledFace store(UUID staffId, FaceAnalysis analysis, byte[] photo) {
        EnrolledFace row = new EnrolledFace();
        row.id = UUID.randomUUID();
        row.staffId = staffId;
        row.modelId = FaceModels.EMBEDDER_ID;
        row.modelVersion = embedder.version();
        row.quality = analysis.quality().score();
        row.sealedEmbedding = envelope.seal(EnrolledFace.toBytes(analysis.embedding()), row.embeddingAad());
        row.sealedPhoto = photo == null ? null : envelope.seal(photo, row.photoAad());
        row.createdAt = Instant.now();
        row.createdBy = caller.id();
        row.persist();
        return row;
    }

}

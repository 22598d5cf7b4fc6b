package org.careid.fingerprint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.biometric.ConsentService;
import org.careid.biometric.EnrollmentSource;
import org.careid.biometric.GalleryLifecycle;
import org.careid.crypto.Envelope;
import org.careid.identity.Caller;
import org.careid.identity.DuplicateIdentity;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.careid.web.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.machinezoo.sourceafis.FingerprintTemplate;

/**
 * Fingerprint enrollment and erasure: quality and consistency gate, duplicate-identity check,
 * sealed storage; the in-memory gallery that matching reads follows once the transaction commits
 * ({@link GalleryLifecycle}).
 */
@ApplicationScoped
public class FingerprintService implements EnrollmentSource {
    /**
     * What the enrollment endpoint answers: {@code impressions} stored, {@code kept} their 0-based
     * indices among the uploaded files (three are kept of more, see ImpressionSelection).
     */
    public record EnrollmentView(int finger, int impressions, List<Integer> kept, List<Map<String, Object>> refused, boolean enrolled) {}

    private final FingerprintEnrollment enrollment;
    private final FingerprintGallery gallery;
    private final FingerprintThresholds thresholds;
    private final FingerprintTemplateImport importer;
    private final FingerprintReextraction reextraction;
    private final Envelope envelope;
    private final Caller caller;
    private final ConsentService consent;
    private final GalleryLifecycle lifecycle;
    private final FingerprintGalleryModality galleryModality;
    private final boolean keepRawImages;

    @Inject
    FingerprintService(FingerprintEnrollment enrollment, FingerprintGallery gallery, FingerprintThresholds thresholds,
            FingerprintTemplateImport importer, FingerprintReextraction reextraction, Envelope envelope, Caller caller,
            ConsentService consent, GalleryLifecycle lifecycle, FingerprintGalleryModality galleryModality,
            @ConfigProperty(name = "careid.fingerprint.keep-raw-images", defaultValue = "false") boolean keepRawImages) {
        this.enrollment = enrollment;
        this.gallery = gallery;
        this.thresholds = thresholds;
        this.importer = importer;
        this.reextraction = reextraction;
        this.envelope = envelope;
        this.caller = caller;
        this.consent = consent;
        this.lifecycle = lifecycle;
        this.galleryModality = galleryModality;
        this.keepRawImages = keepRawImages;
    }

    /** Enrolls one finger from 3+ impressions; replaces what was enrolled for that finger. */
    @Transactional
    public EnrollmentView enroll(UUID staffId, int finger, int dpi, List<byte[]> impressions) {
        consent.requireConsent(staffId);
        validate(finger, dpi);
        FingerprintEnrollmentResult result = enrollment.enroll(impressions, dpi, finger);
        if (!result.accepted()) {
            caller.audit(AuditEvent.of("FINGERPRINT_ENROLLMENT_REFUSED", AuditEvent.Outcome.FAILURE).target("STAFF", staffId)
                    .detail("finger", finger).detail("reasons", result.reasons()));
            List<Map<String, Object>> perImpression = new ArrayList<>();
            FingerprintEnrollment.reasonsByImpression(result.reasons()).forEach((index, reasons) -> {
                if (index >= 0) {
                    perImpression.add(Map.of("index", index, "reasons", reasons));
                }
            });
            throw new ApiException(Problem.of(ProblemType.ENROLLMENT_REFUSED, String.join("; ", result.reasons()))
                    .with("reasons", result.reasons()).with("impressions", perImpression));
        }
        List<FingerprintTemplate> templates = result.templates().stream().map(StoredFingerprintTemplate::toTemplate).toList();
        refuseDuplicates(staffId, templates, finger);
        List<byte[]> keptImages = result.kept().stream().map(impressions::get).toList();
        store(staffId, finger, dpi, result.templates(), keepRawImages ? keptImages : null, "FINGERPRINT_ENROLLED");
        return new EnrollmentView(finger, templates.size(), result.kept(), List.of(), true);
    }

    /** Migration from another system: ISO/IEC 19794-2 or ANSI/INCITS 378 templates for one finger. */
    @Transactional
    public EnrollmentView importTemplates(UUID staffId, int finger, byte[] foreign) {
        consent.requireConsent(staffId);
        validate(finger, FingerprintTemplateImport.ASSUMED_DPI);
        List<StoredFingerprintTemplate> imported = importer.importForStorage(foreign, finger);
        if (imported.isEmpty()) {
            throw new ApiException(ProblemType.TEMPLATE_UNSUPPORTED, "The file holds no fingerprint view");
        }
        refuseDuplicates(staffId, imported.stream().map(StoredFingerprintTemplate::toTemplate).toList(), finger);
        store(staffId, finger, FingerprintTemplateImport.ASSUMED_DPI, imported, null, "FINGERPRINT_IMPORTED");
        return new EnrollmentView(finger, imported.size(), java.util.stream.IntStream.range(0, imported.size()).boxed().toList(),
                List.of(), true);
    }

    /**
     * After a SourceAFIS upgrade: rebuilds templates of an older version from the sealed raw
     * impressions (kept only with careid.fingerprint.keep-raw-images). Returns how many were rebuilt.
     */
    @Transactional
    public Map<String, Integer> reextractOutdated() {
        int rebuilt = 0;
        int withoutImage = 0;
        Set<UUID> changed = new LinkedHashSet<>();
        for (EnrolledFingerprint row : EnrolledFingerprint.<EnrolledFingerprint>list("sourceAfisVersion <> ?1",
                FingerprintTemplates.sourceAfisVersion())) {
            if (row.sealedRawImage == null) {
                withoutImage++;
                continue;
            }
            byte[] raw = envelope.open(row.sealedRawImage, row.rawImageAad());
            StoredFingerprintTemplate fresh = reextraction.reextract(List.of(raw), row.dpi, row.finger).get(0);
            row.sealedTemplate = envelope.seal(fresh.bytes(), row.templateAad());
            row.sourceAfisVersion = fresh.sourceAfisVersion();
            changed.add(row.staffId);
            rebuilt++;
        }
        changed.forEach(staffId -> lifecycle.changed(galleryModality, staffId));
        caller.audit(AuditEvent.of("FINGERPRINT_REEXTRACTION", AuditEvent.Outcome.SUCCESS)
                .detail("rebuilt", rebuilt).detail("withoutRawImage", withoutImage)
                .detail("version", FingerprintTemplates.sourceAfisVersion()));
        return Map.of("rebuilt", rebuilt, "withoutRawImage", withoutImage);
    }

    @Transactional
    public void delete(UUID staffId) {
        long removed = lifecycle.erase(galleryModality, staffId);
        caller.audit(AuditEvent.of("FINGERPRINTS_DELETED", AuditEvent.Outcome.SUCCESS).target("STAFF", staffId)
                .detail("templates", removed));
    }

    @Override
    public String modality() {
        return "fingerprints";
    }

    @Override
    public Object summary(UUID staffId) {
        Map<Integer, Map<String, Object>> byFinger = new LinkedHashMap<>();
        for (EnrolledFingerprint row : EnrolledFingerprint.<EnrolledFingerprint>list("staffId = ?1 order by finger, createdAt", staffId)) {
            Map<String, Object> f = byFinger.computeIfAbsent(row.finger, k -> new LinkedHashMap<>(Map.of("finger", k, "impressions", 0)));
            f.put("impressions", (Integer) f.get("impressions") + 1);
            f.put("enrolledAt", row.createdAt);
            f.put("enrolledBy", row.createdBy);
            f.put("sourceAfisVersion", row.sourceAfisVersion);
        }
        return new ArrayList<>(byFinger.values());
    }

    private void store(UUID staffId, int finger, int dpi, List<StoredFingerprintTemplate> templates, List<byte[]> rawImages, String action) {
        EnrolledFingerprint.delete("staffId = ?1 and finger = ?2", staffId, finger);
        List<EnrolledFingerprint> rows = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            StoredFingerprintTemplate t = templates.get(i);
            EnrolledFingerprint row = new EnrolledFingerprint();
            row.id = UUID.randomUUID();
            row.staffId = staffId;
            row.finger = finger;
            row.dpi = dpi;
            row.sourceAfisVersion = t.sourceAfisVersion();
            row.sealedTemplate = envelope.seal(t.bytes(), row.templateAad());
            row.sealedRawImage = rawImages == null ? null : envelope.seal(rawImages.get(i), row.rawImageAad());
            row.minutiae = FingerprintTemplates.minutiaeCount(t.toTemplate());
            row.createdAt = Instant.now();
            row.createdBy = caller.id();
            row.persist();
            rows.add(row);
        }
        lifecycle.changed(galleryModality, staffId);
        caller.audit(AuditEvent.of(action, AuditEvent.Outcome.SUCCESS).target("STAFF", staffId)
                .detail("finger", finger).detail("impressions", rows.size()).detail("dpi", dpi)
                .detail("rawImagesKept", rawImages != null));
    }

    /** One person must not enroll as two: refuse templates that match someone else. */
    private void refuseDuplicates(UUID staffId, List<FingerprintTemplate> templates, int finger) {
        for (FingerprintTemplate template : templates) {
            for (FingerprintMatch candidate : gallery.candidates(template, 3)) {
                if (!candidate.staffId().equals(staffId) && candidate.score() >= thresholds.verification()) {
                    caller.audit(AuditEvent.of("DUPLICATE_IDENTITY_REFUSED", AuditEvent.Outcome.DENIED).target("STAFF", staffId)
                            .detail("modality", "fpt").detail("finger", finger)
                            .detail("matchesStaffId", candidate.staffId().toString()));
                    throw DuplicateIdentity.refusal("fingerprint", candidate.staffId());
                }
            }
        }
    }

    private static void validate(int finger, int dpi) {
        if (finger < 1 || finger > 10) {
            throw ApiException.invalid("finger", "must be an ISO/IEC 19794 finger position from 1 to 10");
        }
        if (dpi < 250 || dpi > 1000) {
            throw ApiException.invalid("dpi", "must be between 250 and 1000");
        }
    }

}

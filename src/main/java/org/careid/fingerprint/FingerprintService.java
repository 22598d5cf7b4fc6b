package org.careid.fingerprint;

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
import org.careid.identity.Caller;
import org.careid.identity.StaffMember;
import org.careid.identity.StaffService;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.careid.web.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.machinezoo.sourceafis.FingerprintTemplate;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Fingerprint enrollment and erasure: quality and consistency gate, duplicate-identity check,
 * sealed storage, and the in-memory gallery that matching reads (active staff only).
 */
@ApplicationScoped
public class FingerprintService implements EnrollmentSource {
    private static final Logger LOG = Logger.getLogger(FingerprintService.class);

    /** What the enrollment endpoint answers. */
    public record EnrollmentView(int finger, int impressions, List<Map<String, Object>> refused, boolean enrolled) {}

    @Inject
    FingerprintEnrollment enrollment;
    @Inject
    FingerprintGallery gallery;
    @Inject
    FingerprintThresholds thresholds;
    @Inject
    FingerprintTemplateImport importer;
    @Inject
    FingerprintReextraction reextraction;
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
    @ConfigProperty(name = "careid.fingerprint.keep-raw-images", defaultValue = "false")
    boolean keepRawImages;

    void loadGallery(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<FingerprintGallery.Entry> entries = galleryEntries(
                    EnrolledFingerprint.list(StaffMember.OF_ACTIVE_STAFF));
            gallery.addAll(entries);
            LOG.infof("Fingerprint gallery loaded: %d templates", entries.size());
            loaded = true;
            registry.gauge("careid.gallery.templates", java.util.List.of(io.micrometer.core.instrument.Tag.of("modality", "fpt")),
                    gallery, g -> g.templateCount());
        });
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
            throw new ApiException(Problem.of(ProblemType.ENROLLMENT_REFUSED, String.join("; ", result.reasons()))
                    .with("reasons", result.reasons()));
        }
        List<FingerprintTemplate> templates = result.templates().stream().map(StoredFingerprintTemplate::toTemplate).toList();
        refuseDuplicates(staffId, templates, finger);
        store(staffId, finger, dpi, result.templates(), keepRawImages ? impressions : null, "FINGERPRINT_ENROLLED");
        return new EnrollmentView(finger, templates.size(), List.of(), true);
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
        return new EnrollmentView(finger, imported.size(), List.of(), true);
    }

    /**
     * After a SourceAFIS upgrade: rebuilds templates of an older version from the sealed raw
     * impressions (kept only with careid.fingerprint.keep-raw-images). Returns how many were rebuilt.
     */
    @Transactional
    public Map<String, Integer> reextractOutdated() {
        int rebuilt = 0;
        int withoutImage = 0;
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
            FingerprintGallery.Entry entry = new FingerprintGallery.Entry(row.staffId, row.finger, row.id, fresh.toTemplate());
            afterCommit.run(() -> gallery.addAll(List.of(entry))); // replaces the old template (same id)
            rebuilt++;
        }
        caller.audit(AuditEvent.of("FINGERPRINT_REEXTRACTION", AuditEvent.Outcome.SUCCESS)
                .detail("rebuilt", rebuilt).detail("withoutRawImage", withoutImage)
                .detail("version", FingerprintTemplates.sourceAfisVersion()));
        return Map.of("rebuilt", rebuilt, "withoutRawImage", withoutImage);
    }

    @Transactional
    public void delete(UUID staffId) {
        long removed = EnrolledFingerprint.delete("staffId", staffId);
        gallery.removeStaff(staffId, 0);
        gallerySync.record(staffId);
        caller.audit(AuditEvent.of("FINGERPRINTS_DELETED", AuditEvent.Outcome.SUCCESS).target("STAFF", staffId)
                .detail("templates", removed));
    }

    void onErasure(@Observes BiometricsErased event) {
        EnrolledFingerprint.delete("staffId", event.staffId());
        gallery.removeStaff(event.staffId(), 0);
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
        QuarkusTransaction.requiringNew().run(() -> gallery.replaceStaff(staffId, 0, galleryEntries(EnrolledFingerprint.list(
                "staffId = ?1 and " + StaffMember.OF_ACTIVE_STAFF, staffId))));
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
        List<FingerprintGallery.Entry> entries = galleryEntries(rows);
        afterCommit.run(() -> gallery.replaceStaff(staffId, finger, entries));
        gallerySync.record(staffId);
        caller.audit(AuditEvent.of(action, AuditEvent.Outcome.SUCCESS).target("STAFF", staffId)
                .detail("finger", finger).detail("impressions", rows.size()).detail("dpi", dpi)
                .detail("rawImagesKept", rawImages != null));
    }

    /** The rows' templates, unsealed; rows of another SourceAFIS version are left out. */
    private List<FingerprintGallery.Entry> galleryEntries(List<EnrolledFingerprint> rows) {
        List<FingerprintGallery.Entry> entries = new ArrayList<>();
        for (EnrolledFingerprint row : rows) {
            FingerprintTemplate template = open(row);
            if (template != null) {
                entries.add(new FingerprintGallery.Entry(row.staffId, row.finger, row.id, template));
            }
        }
        return entries;
    }

    /** One person must not enroll as two: refuse templates that match someone else. */
    private void refuseDuplicates(UUID staffId, List<FingerprintTemplate> templates, int finger) {
        for (FingerprintTemplate template : templates) {
            for (FingerprintMatch candidate : gallery.candidates(template, 3)) {
                if (!candidate.staffId().equals(staffId) && candidate.score() >= thresholds.verification()) {
                    caller.audit(AuditEvent.of("DUPLICATE_IDENTITY_REFUSED", AuditEvent.Outcome.DENIED).target("STAFF", staffId)
                            .detail("modality", "fpt").detail("finger", finger)
                            .detail("matchesStaffId", candidate.staffId().toString()));
                    throw new ApiException(ProblemType.DUPLICATE_IDENTITY,
                            "This fingerprint is already enrolled for another staff member");
                }
            }
        }
    }

    private FingerprintTemplate open(EnrolledFingerprint row) {
        if (!FingerprintTemplates.sourceAfisVersion().equals(row.sourceAfisVersion)) {
            LOG.warnf("Fingerprint template %s is from SourceAFIS %s; run the re-extraction", row.id, row.sourceAfisVersion);
            return null;
        }
        byte[] bytes = envelope.open(row.sealedTemplate, row.templateAad());
        return new StoredFingerprintTemplate(row.sourceAfisVersion, row.finger, row.dpi, bytes).toTemplate();
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

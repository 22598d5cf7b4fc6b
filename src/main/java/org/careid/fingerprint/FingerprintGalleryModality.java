package org.careid.fingerprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.biometric.Gallery;
import org.careid.biometric.GalleryModality;
import org.careid.crypto.Envelope;
import org.careid.identity.StaffMember;
import org.jboss.logging.Logger;

import com.machinezoo.sourceafis.FingerprintTemplate;

/**
 * The fingerprint gallery's part of the shared lifecycle: stored templates of active staff,
 * unsealed; templates of another SourceAFIS version are left out until re-extracted.
 */
@ApplicationScoped
public class FingerprintGalleryModality implements GalleryModality<FingerprintGallery.Entry> {
    private static final Logger LOG = Logger.getLogger(FingerprintGalleryModality.class);

    private final FingerprintGallery gallery;
    private final Envelope envelope;

    @Inject
    FingerprintGalleryModality(FingerprintGallery gallery, Envelope envelope) {
        this.gallery = gallery;
        this.envelope = envelope;
    }

    @Override
    public String modality() {
        return FingerprintAuthenticator.AMR;
    }

    @Override
    public Gallery<FingerprintGallery.Entry> gallery() {
        return gallery;
    }

    @Override
    public Map<UUID, List<FingerprintGallery.Entry>> activeTemplates() {
        Map<UUID, List<FingerprintGallery.Entry>> byStaff = new HashMap<>();
        for (FingerprintGallery.Entry entry : entries(EnrolledFingerprint.list(StaffMember.OF_ACTIVE_STAFF))) {
            byStaff.computeIfAbsent(entry.staffId(), k -> new ArrayList<>()).add(entry);
        }
        return byStaff;
    }

    @Override
    public List<FingerprintGallery.Entry> activeTemplates(UUID staffId) {
        return entries(EnrolledFingerprint.list("staffId = ?1 and " + StaffMember.OF_ACTIVE_STAFF, staffId));
    }

    @Override
    public long deleteTemplates(UUID staffId) {
        return EnrolledFingerprint.delete("staffId", staffId);
    }

    /** The rows' templates, unsealed; rows of another SourceAFIS version are left out. */
    private List<FingerprintGallery.Entry> entries(List<EnrolledFingerprint> rows) {
        List<FingerprintGallery.Entry> entries = new ArrayList<>();
        for (EnrolledFingerprint row : rows) {
            if (!FingerprintTemplates.sourceAfisVersion().equals(row.sourceAfisVersion)) {
                LOG.warnf("Fingerprint template %s is from SourceAFIS %s; run the re-extraction", row.id, row.sourceAfisVersion);
                continue;
            }
            byte[] bytes = envelope.open(row.sealedTemplate, row.templateAad());
            FingerprintTemplate template = new StoredFingerprintTemplate(row.sourceAfisVersion, row.finger, row.dpi, bytes).toTemplate();
            entries.add(new FingerprintGallery.Entry(row.staffId, row.finger, row.id, template));
        }
        return entries;
    }
}

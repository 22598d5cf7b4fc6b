package org.careid.face;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.biometric.Gallery;
import org.careid.biometric.GalleryModality;
import org.careid.crypto.Envelope;
import org.careid.face.gallery.FaceGallery;
import org.careid.identity.StaffMember;
import org.jboss.logging.Logger;

/** The face gallery's part of the shared lifecycle: stored embeddings of active staff, unsealed. */
@ApplicationScoped
public class FaceGalleryModality implements GalleryModality<FaceGallery.Template> {
    private static final Logger LOG = Logger.getLogger(FaceGalleryModality.class);

    private final FaceGallery gallery;
    private final Envelope envelope;
    private final FaceEmbedderVersion embedder;

    @Inject
    FaceGalleryModality(FaceGallery gallery, Envelope envelope, FaceEmbedderVersion embedder) {
        this.gallery = gallery;
        this.envelope = envelope;
        this.embedder = embedder;
    }

    @Override
    public String modality() {
        return "face";
    }

    @Override
    public Gallery<FaceGallery.Template> gallery() {
        return gallery;
    }

    @Override
    public Map<UUID, List<FaceGallery.Template>> activeTemplates() {
        Map<UUID, List<FaceGallery.Template>> byStaff = new HashMap<>();
        for (EnrolledFace row : EnrolledFace.<EnrolledFace>list(StaffMember.OF_ACTIVE_STAFF)) {
            FaceGallery.Template template = usable(row);
            if (template != null) {
                byStaff.computeIfAbsent(row.staffId, k -> new ArrayList<>()).add(template);
            }
        }
        return byStaff;
    }

    @Override
    public List<FaceGallery.Template> activeTemplates(UUID staffId) {
        return EnrolledFace.<EnrolledFace>list("staffId = ?1 and " + StaffMember.OF_ACTIVE_STAFF, staffId).stream()
                .map(this::usable).filter(Objects::nonNull).toList();
    }

    @Override
    public long deleteTemplates(UUID staffId) {
        return EnrolledFace.delete("staffId", staffId);
    }

    /** The row's embedding, unsealed; null when another model made it (it cannot be compared). */
    private FaceGallery.Template usable(EnrolledFace row) {
        if (!embedder.made(row)) {
            LOG.warnf("Face template %s was made by another model (%s@%s); re-enroll the person", row.id, row.modelId,
                    row.modelVersion);
            return null;
        }
        return new FaceGallery.Template(row.id, EnrolledFace.toEmbedding(envelope.open(row.sealedEmbedding, row.embeddingAad())));
    }
}

package org.careid.face;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.careid.face.gallery.FaceGallery;
import org.careid.face.gallery.IdentificationResult;
import org.careid.face.gallery.VerificationResult;
import org.careid.face.threshold.FaceThresholds;

/**
 * Who is in front of a device during a session: nobody, the session's clinician, or somebody else
 * (another enrolled person identified 1:N, or a usable face scoring clearly below the clinician).
 * Anything in between (a poor capture, several faces, a near miss) is {@link Seen#UNSURE}.
 */
@ApplicationScoped
public class FacePresence {
    public enum Seen { NOBODY, CLINICIAN, SOMEONE_ELSE, UNSURE }

    /** What was seen, and the best score against the clinician (NaN when no usable face). */
    public record Look(Seen seen, double clinicianScore) {}

    private final FacePipeline pipeline;
    private final FaceGallery gallery;
    private final FaceThresholds thresholds;

    FacePresence(FacePipeline pipeline, FaceGallery gallery, FaceThresholds thresholds) {
        this.pipeline = pipeline;
        this.gallery = gallery;
        this.thresholds = thresholds;
    }

    /** @param differentBelow a usable face scoring below this against the clinician is somebody else */
    public Look look(byte[] frame, UUID clinician, double differentBelow) {
        FaceAnalysis analysis = pipeline.analyze(frame, FacePurpose.AUTHENTICATION);
        if (analysis.faceCount() == 0) {
            return new Look(Seen.NOBODY, Double.NaN);
        }
        float[] embedding = analysis.embedding();
        if (embedding == null) {
            return new Look(Seen.UNSURE, Double.NaN);
        }
        VerificationResult own = gallery.verify(clinician, embedding, thresholds.verificationThreshold());
        if (own.matched()) {
            return new Look(Seen.CLINICIAN, own.score());
        }
        IdentificationResult other = gallery.identify(embedding, thresholds.identificationThreshold(gallery.personCount()),
                thresholds.identifyMargin());
        if (other.matched() && !clinician.equals(other.staffId())) {
            return new Look(Seen.SOMEONE_ELSE, own.score());
        }
        if (own.enrolled() && own.score() < differentBelow) {
            return new Look(Seen.SOMEONE_ELSE, own.score());
        }
        return new Look(Seen.UNSURE, own.score());
    }
}

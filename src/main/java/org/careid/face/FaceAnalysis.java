package org.careid.face;

import java.util.List;
import org.careid.face.detect.DetectedFace;
import org.careid.face.pad.PadVerdict;
import org.careid.face.quality.QualityReport;

/**
 * Result of analysing one photo. {@code faces}: every detection (image coordinates, largest first);
 * {@code chosen}: the face the verdict is about (null when none could be chosen);
 * {@code embedding}: 128-d L2-normalised, present ONLY when the quality gate passed, so callers
 * cannot match on a masked, blurred or ambiguous sample by mistake;
 * {@code liveness}: the presentation-attack verdict on the chosen face (null when no single face was
 * chosen, and when the caller skipped the models, see {@link FacePipeline#analyzeWithoutPad}).
 * {@link #accepted()} does not use it; {@link FaceAuthenticator} and {@link FaceService} decide on it.
 * {@code padded}: detection ran on a copy with a black border (tight crops), not PAD.
 */
public record FaceAnalysis(int imageWidth, int imageHeight, List<DetectedFace> faces, DetectedFace chosen,
                           QualityReport quality, float[] embedding, boolean padded, PadVerdict liveness, StageTimings timings) {

    public int faceCount() {
        return faces.size();
    }

    /** Quality gate passed and an embedding is available. */
    public boolean accepted() {
        return embedding != null;
    }

    /** Masked faces never authenticate alone: the caller must ask for a second factor. */
    public boolean secondFactorRequired() {
        return quality.masked();
    }
}

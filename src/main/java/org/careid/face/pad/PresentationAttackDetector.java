package org.careid.face.pad;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.careid.face.detect.DetectedFace;
import org.careid.face.model.FaceModels;
import org.careid.face.model.ModelPool;
import org.careid.face.model.Tensor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencv.core.Mat;

/**
 * Passive presentation-attack detection with two MiniFASNet models (Silent-Face-Anti-Spoofing,
 * Minivision): MiniFASNetV2 on a {@value #V2_SCALE}x context crop and MiniFASNetV1SE on a
 * {@value #V1SE_SCALE}x crop around the detector box (see {@link PadCrop}); their live
 * probabilities are averaged ({@link PadFusion}) and compared with {@code careid.face.pad.threshold}.
 * One still image only: this does not stop 3-D masks or images injected behind the camera.
 */
@ApplicationScoped
public class PresentationAttackDetector {

    public static final double V2_SCALE = 2.7;
    public static final double V1SE_SCALE = 4.0;
    /**
     * Fused live probability below which a face counts as an attack: the highest threshold keeping
     * BPCER <= 5 % on the NUAA live captures (scripts/evaluate-pad, 0.3233 rounded down); held-out
     * figures and provenance in docs/PAD.md.
     */
    public static final double DEFAULT_THRESHOLD = 0.32;

    private final FaceModels models;
    private final double threshold;

    @Inject
    public PresentationAttackDetector(FaceModels models,
                                      @ConfigProperty(name = "careid.face.pad.threshold", defaultValue = "" + DEFAULT_THRESHOLD) double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("careid.face.pad.threshold must be in [0,1], got " + threshold);
        }
        this.models = models;
        this.threshold = threshold;
    }

    /** Detector with the default threshold outside CDI (tools, tests). */
    public static PresentationAttackDetector withDefaults(FaceModels models) {
        return new PresentationAttackDetector(models, DEFAULT_THRESHOLD);
    }

    /**
     * Liveness of one detected face of an upright BGR image.
     *
     * @throws org.careid.face.model.FaceModelsUnavailableException models not loaded or overloaded
     */
    public PadVerdict assess(Mat bgr, DetectedFace face) {
        PadVerdict.ModelScore v2 = new PadVerdict.ModelScore(FaceModels.PAD_V2_ID, V2_SCALE,
                probabilities(models.padV2(), bgr, face, V2_SCALE));
        PadVerdict.ModelScore v1se = new PadVerdict.ModelScore(FaceModels.PAD_V1SE_ID, V1SE_SCALE,
                probabilities(models.padV1se(), bgr, face, V1SE_SCALE));
        double score = PadFusion.fuse(v2.live(), v1se.live());
        return new PadVerdict(score, threshold, score >= threshold, List.of(v2, v1se));
    }

    private static double[] probabilities(ModelPool model, Mat bgr, DetectedFace face, double scale) {
        Mat crop = PadCrop.crop(bgr, face, scale);
        float[] tensor;
        try {
            tensor = PadCrop.tensor(crop);
        } finally {
            crop.release();
        }
        float[] logits = model.run(new Tensor(tensor, 1, 3, PadCrop.SIDE, PadCrop.SIDE)).values().iterator().next();
        if (logits.length != 3) {
            throw new IllegalStateException(model.id() + " returned " + logits.length + " logits, expected 3");
        }
        return PadFusion.softmax(logits);
    }

    public double threshold() {
        return threshold;
    }
}

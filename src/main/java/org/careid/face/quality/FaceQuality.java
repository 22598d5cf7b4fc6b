package org.careid.face.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.careid.face.detect.AlignedFace;
import org.careid.face.detect.DetectedFace;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * The quality gate for one chosen face: size, sharpness, exposure, pose, detector confidence and
 * lower-face occlusion. Defaults were set from the evaluation over ../shared/datasets/faces (see
 * models/README.md); all are configurable. Occlusion is the shipped {@link MaskClassifier}'s verdict
 * (its own trained threshold unless careid.face.quality.mask-threshold overrides it).
 */
@ApplicationScoped
public class FaceQuality {

    /** Share of the inner face (eyes to chin) that must lie inside the photo; partly cropped chins pass. */
    static final double MIN_INSIDE = 0.75;

    /** Nose-tip depth in front of the eye plane, in eye distances (anthropometric average). */
    static final double NOSE_DEPTH = 0.6;

    private final double minEyeDistance;
    private final double minSharpness;
    private final double minBrightness;
    private final double maxBrightness;
    private final double maxYaw;
    private final double maxRoll;
    private final double minDetectorScore;
    private final MaskClassifier maskClassifier;

    @Inject
    public FaceQuality(@ConfigProperty(name = "careid.face.quality.min-eye-distance", defaultValue = "20") double minEyeDistance,
                       @ConfigProperty(name = "careid.face.quality.min-sharpness", defaultValue = "20") double minSharpness,
                       @ConfigProperty(name = "careid.face.quality.min-brightness", defaultValue = "40") double minBrightness,
                       @ConfigProperty(name = "careid.face.quality.max-brightness", defaultValue = "225") double maxBrightness,
                       @ConfigProperty(name = "careid.face.quality.max-yaw", defaultValue = "40") double maxYaw,
                       @ConfigProperty(name = "careid.face.quality.max-roll", defaultValue = "30") double maxRoll,
                       @ConfigProperty(name = "careid.face.quality.min-detector-score", defaultValue = "0.7") double minDetectorScore,
                       @ConfigProperty(name = "careid.face.quality.mask-threshold") Optional<Double> maskThreshold) {
        this.minEyeDistance = minEyeDistance;
        this.minSharpness = minSharpness;
        this.minBrightness = minBrightness;
        this.maxBrightness = maxBrightness;
        this.maxYaw = maxYaw;
        this.maxRoll = maxRoll;
        this.minDetectorScore = minDetectorScore;
        MaskClassifier bundled = MaskClassifier.bundled();
        this.maskClassifier = maskThreshold.map(bundled::withThreshold).orElse(bundled);
    }

    public static FaceQuality withDefaults() {
        return new FaceQuality(20, 20, 40, 225, 40, 30, 0.7, Optional.empty());
    }

    /**
     * @param face the chosen face, in original image coordinates
     * @param alignedFace its 112x112 aligned crop
     * @param faceCount faces found in the image (for the report only; the multi-face policy is the pipeline's)
     * @param embedding the crop's MobileFaceNet embedding (one of the mask classifier's inputs)
     */
    public QualityReport assess(DetectedFace face, AlignedFace alignedFace, int faceCount, float[] embedding) {
        Mat aligned = alignedFace.crop();
        Set<QualityIssue> issues = EnumSet.noneOf(QualityIssue.class);
        boolean cutOff = alignedFace.insideFraction() < MIN_INSIDE;
        if (cutOff) {
            issues.add(QualityIssue.FACE_CUT_OFF);
        }
        double eye = face.eyeDistance();
        if (eye < minEyeDistance) {
            issues.add(QualityIssue.TOO_SMALL);
        }
        Mat grey = new Mat();
        Imgproc.cvtColor(aligned, grey, Imgproc.COLOR_BGR2GRAY);
        // inner face only (eyes to mouth): background and hair must not count as sharpness/exposure
        Mat inner = grey.submat(new Rect(24, 36, 64, 68));
        double sharp = laplacianVariance(inner);
        double bright = Core.mean(inner).val[0];
        grey.release();
        if (sharp < minSharpness) {
            issues.add(QualityIssue.BLURRY);
        }
        if (bright < minBrightness) {
            issues.add(QualityIssue.TOO_DARK);
        } else if (bright > maxBrightness) {
            issues.add(QualityIssue.TOO_BRIGHT);
        }
        double roll = Math.toDegrees(Math.atan2(face.landmarkY(1) - face.landmarkY(0), face.landmarkX(1) - face.landmarkX(0)));
        double yaw = yawDegrees(face);
        if (Math.abs(yaw) > maxYaw || Math.abs(roll) > maxRoll) {
            issues.add(QualityIssue.POSE);
        }
        if (face.score() < minDetectorScore) {
            issues.add(QualityIssue.LOW_CONFIDENCE);
        }
        double mask = maskClassifier.probability(MaskFeatures.of(aligned, embedding));
        // a cut-off face has black border where the chin should be: the mask verdict means nothing then
        if (mask >= maskClassifier.threshold() && !cutOff) {
            issues.add(QualityIssue.MASKED);
        }
        double score = face.score()
                * clamp01(eye / (2 * minEyeDistance))
                * clamp01(sharp / (3 * minSharpness))
                * (bright < minBrightness || bright > maxBrightness ? 0.3 : 1)
                * clamp01(1 - Math.abs(yaw) / 90)
                * (1 - mask);
        return new QualityReport(score, issues.isEmpty() ? Set.of() : Set.copyOf(issues), faceCount, eye, sharp, bright,
                yaw, roll, face.score(), mask, alignedFace.insideFraction());
    }

    /**
     * Yaw from landmarks. The nose tip stands about 0.6 eye distances (D) in front of the eye plane, so
     * turning the head by yaw moves it sideways by 0.6 D sin(yaw) while the visible eye distance
     * shrinks to D cos(yaw): offset / visible eye distance = 0.6 tan(yaw). Roll-invariant (the
     * offset is measured along the eye axis). An approximation, good enough to refuse strong turns.
     */
    static double yawDegrees(DetectedFace f) {
        double ex = f.landmarkX(1) - f.landmarkX(0);
        double ey = f.landmarkY(1) - f.landmarkY(0);
        double len = Math.hypot(ex, ey);
        if (len < 1e-6) {
            return 90;
        }
        double mx = (f.landmarkX(0) + f.landmarkX(1)) / 2;
        double my = (f.landmarkY(0) + f.landmarkY(1)) / 2;
        double along = ((f.landmarkX(2) - mx) * ex + (f.landmarkY(2) - my) * ey) / len;
        return Math.toDegrees(Math.atan(along / (NOSE_DEPTH * len)));
    }

    static double laplacianVariance(Mat grey) {
        Mat lap = new Mat();
        Imgproc.Laplacian(grey, lap, CvType.CV_64F);
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble std = new MatOfDouble();
        Core.meanStdDev(lap, mean, std);
        lap.release();
        double sd = std.toArray()[0];
        return sd * sd;
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : Math.min(1, v);
    }
}

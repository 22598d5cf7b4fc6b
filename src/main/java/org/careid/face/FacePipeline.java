package org.careid.face;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.careid.face.detect.AlignedFace;
import org.careid.face.detect.DetectedFace;
import org.careid.face.detect.FaceAligner;
import org.careid.face.detect.FaceDetector;
import org.careid.face.embed.FaceEmbedder;
import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.careid.face.model.FaceModels;
import org.careid.face.pad.PadVerdict;
import org.careid.face.pad.PresentationAttackDetector;
import org.careid.face.quality.FaceQuality;
import org.careid.face.quality.QualityIssue;
import org.careid.face.quality.QualityReport;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * Photo bytes to a {@link FaceAnalysis}: decode, detect, choose a face (multi-face policy of the
 * {@link FacePurpose}), align, quality gate, embed, and presentation-attack detection on the chosen
 * face (reported in {@link FaceAnalysis#liveness()}; authentication and enrollment decide on it).
 *
 * <p>Tight crops: a face filling the frame (e.g. LFW's 125x125 crops) is often missed or cut off by
 * the detector, which was trained on faces with context. Small images (longer side at most
 * {@value #PAD_MAX_SIDE} px) are therefore always detected on a copy with a constant black border of
 * {@value #PAD_FRACTION} of their size on each side; larger images get that padded retry only when the
 * first pass finds no face. Coordinates are always reported in the original image.
 */
@ApplicationScoped
public class FacePipeline {

    static final int PAD_MAX_SIDE = 400;
    static final double PAD_FRACTION = 0.25;

    private final FaceImageDecoder decoder;
    private final FaceDetector detector;
    private final FaceAligner aligner;
    private final FaceQuality quality;
    private final FaceEmbedder embedder;
    private final PresentationAttackDetector pad;

    @Inject
    public FacePipeline(FaceImageDecoder decoder, FaceDetector detector, FaceAligner aligner, FaceQuality quality, FaceEmbedder embedder,
                        PresentationAttackDetector pad) {
        this.decoder = decoder;
        this.detector = detector;
        this.aligner = aligner;
        this.quality = quality;
        this.embedder = embedder;
        this.pad = pad;
    }

    /** Pipeline with default settings outside CDI (evaluation, benchmarks, tests). */
    public static FacePipeline create(FaceModels models) {
        return new FacePipeline(FaceImageDecoder.withDefaults(),
                new FaceDetector(models, 0.6, FaceDetector.DEFAULT_INPUT_SIDE, FaceDetector.DEFAULT_FRAME_INPUT_SIDE),
                new FaceAligner(), FaceQuality.withDefaults(), new FaceEmbedder(models),
                PresentationAttackDetector.withDefaults(models));
    }

    /**
     * The server's pipeline for the tools (evaluation, benchmark), unless
     * {@code -Dcareid.face.detector-input=N} asks for one detector input side for every image.
     */
    public static FacePipeline forTools(FaceModels models) {
        Integer side = Integer.getInteger("careid.face.detector-input");
        return side == null ? create(models) : create(models, side);
    }

    /** Pipeline with default settings and the detector's input size (longer side, dynamic detector only). */
    public static FacePipeline create(FaceModels models, int detectorInput) {
        return new FacePipeline(FaceImageDecoder.withDefaults(), new FaceDetector(models, 0.6, detectorInput), new FaceAligner(),
                FaceQuality.withDefaults(), new FaceEmbedder(models), PresentationAttackDetector.withDefaults(models));
    }

    /** Analysis for authentication (see {@link FacePurpose#AUTHENTICATION}). */
    public FaceAnalysis analyze(byte[] bytes) {
        return analyze(bytes, FacePurpose.AUTHENTICATION);
    }

    /**
     * @throws org.careid.image.ImageException bad or oversized image (413/422)
     * @throws org.careid.face.model.FaceModelsUnavailableException models not loaded or overloaded (503)
     */
    public FaceAnalysis analyze(byte[] bytes, FacePurpose purpose) {
        long t0 = System.nanoTime();
        try (DecodedImage img = decoder.decode(bytes)) {
            long t1 = System.nanoTime();
            return analyzeDecoded(img.bgr(), purpose, t0, t1);
        }
    }

    /** Analysis of an already decoded upright BGR image (decode time reported as 0). */
    public FaceAnalysis analyze(Mat bgr, FacePurpose purpose) {
        long t = System.nanoTime();
        return analyzeDecoded(bgr, purpose, t, t, true);
    }

    /**
     * As {@link #analyze(Mat, FacePurpose)} without the presentation-attack models
     * ({@code liveness() == null}): for the frames of a challenge burst, where the caller runs them
     * only on the frames it chooses.
     */
    public FaceAnalysis analyzeWithoutPad(Mat bgr, FacePurpose purpose) {
        long t = System.nanoTime();
        return analyzeDecoded(bgr, purpose, t, t, false);
    }

    private FaceAnalysis analyzeDecoded(Mat bgr, FacePurpose purpose, long t0, long t1) {
        return analyzeDecoded(bgr, purpose, t0, t1, true);
    }

    private FaceAnalysis analyzeDecoded(Mat bgr, FacePurpose purpose, long t0, long t1, boolean withPad) {
        int w = bgr.cols();
        int h = bgr.rows();
        boolean padded = Math.max(w, h) <= PAD_MAX_SIDE;
        List<DetectedFace> faces = padded ? detectPadded(bgr) : detector.detect(bgr);
        if (faces.isEmpty() && !padded) {
            faces = detectPadded(bgr);
            padded = true;
        }
        faces = new ArrayList<>(faces);
        faces.sort(Comparator.comparingDouble(DetectedFace::area).reversed());
        long t2 = System.nanoTime();
        if (faces.isEmpty()) {
            return result(w, h, faces, null, QualityReport.of(QualityIssue.NO_FACE, 0), null, padded, null, t0, t1, t2, t2, t2, t2, t2);
        }
        DetectedFace chosen = faces.get(0);
        if (faces.size() > 1 && faces.get(1).area() >= purpose.competingAreaRatio() * chosen.area()) {
            return result(w, h, faces, chosen, QualityReport.of(QualityIssue.MULTIPLE_FACES, faces.size()), null, padded, null,
                    t0, t1, t2, t2, t2, t2, t2);
        }
        try (AlignedFace aligned = aligner.align(bgr, chosen)) {
            long t3 = System.nanoTime();
            // the embedding is one of the mask classifier's inputs; it leaves the pipeline only when the gate passed
            float[] raw = embedder.embed(aligned.crop());
            long t4 = System.nanoTime();
            QualityReport report = quality.assess(chosen, aligned, faces.size(), raw);
            long t5 = System.nanoTime();
            float[] embedding = report.acceptable() ? raw : null;
            PadVerdict liveness = withPad ? pad.assess(bgr, chosen) : null;
            long t6 = System.nanoTime();
            return result(w, h, faces, chosen, report, embedding, padded, liveness, t0, t1, t2, t3, t4, t5, t6);
        }
    }

    private List<DetectedFace> detectPadded(Mat bgr) {
        int px = (int) Math.round(bgr.cols() * PAD_FRACTION);
        int py = (int) Math.round(bgr.rows() * PAD_FRACTION);
        Mat padded = new Mat();
        Core.copyMakeBorder(bgr, padded, py, py, px, px, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
        try {
            List<DetectedFace> found = detector.detect(padded);
            List<DetectedFace> out = new ArrayList<>(found.size());
            for (DetectedFace f : found) {
                out.add(f.shifted(px, py));
            }
            return out;
        } finally {
            padded.release();
        }
    }

    private static FaceAnalysis result(int w, int h, List<DetectedFace> faces, DetectedFace chosen, QualityReport q, float[] embedding,
                                       boolean padded, PadVerdict liveness, long t0, long t1, long t2, long t3, long t4, long t5, long t6) {
        StageTimings timings = new StageTimings(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t5 - t4), ms(t4 - t3), ms(t6 - t5),
                ms(t6 - t0));
        return new FaceAnalysis(w, h, List.copyOf(faces), chosen, q, embedding, padded, liveness, timings);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}

package org.careid.face.detect;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.careid.face.model.FaceModels;
import org.careid.face.model.Tensor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * YuNet through DJL: the image is scaled so its longer side is {@code careid.face.detector-input}
 * pixels (640 by default) keeping its aspect ratio, padded with zeros at the right/bottom (so mapping
 * back is a single division) to the model input: 640x640 for the fixed export, the next multiples of
 * 32 for the dynamic export (a 4:3 photo then costs 640x480 instead of 640x640), run, decoded,
 * suppressed and mapped back to the original pixel coordinates.
 */
@ApplicationScoped
public class FaceDetector {

    static final int FIXED_SIDE = 640;
    /** Longer side a photo is scaled to before detection. */
    public static final int DEFAULT_INPUT_SIDE = 640;
    /**
     * Camera frames (longer side at most {@value #FRAME_MAX_SIDE} px, as bedside devices and the
     * kiosk send) are detected at this side: 320 px detects as well as 640 px on the evaluation set
     * (README: FMR 0 both, FNMR 0.83 % against 0.96 %) at about half the detection time, which is
     * most of an authentication's CPU. Larger photos keep {@link #DEFAULT_INPUT_SIDE}.
     */
    public static final int DEFAULT_FRAME_INPUT_SIDE = 320;
    static final int FRAME_MAX_SIDE = 640;

    private final FaceModels models;
    private final double scoreThreshold;
    private final int inputSide;
    private final int frameInputSide;

    @Inject
    public FaceDetector(FaceModels models,
                        @ConfigProperty(name = "careid.face.detection-threshold", defaultValue = "0.6") double scoreThreshold,
                        @ConfigProperty(name = "careid.face.detector-input", defaultValue = "" + DEFAULT_INPUT_SIDE) int inputSide,
                        @ConfigProperty(name = "careid.face.frame-detector-input", defaultValue = "" + DEFAULT_FRAME_INPUT_SIDE) int frameInputSide) {
        this.models = models;
        this.scoreThreshold = scoreThreshold;
        this.inputSide = Math.max(64, inputSide);
        this.frameInputSide = Math.max(64, frameInputSide);
    }

    /** One input side for every image (evaluation and benchmarks comparing sides). */
    public FaceDetector(FaceModels models, double scoreThreshold, int inputSide) {
        this(models, scoreThreshold, inputSide, inputSide);
    }

    /** Faces in a BGR image, best score first. */
    public List<DetectedFace> detect(Mat bgr) {
        boolean dynamic = models.dynamicDetector();
        int side = !dynamic ? FIXED_SIDE
                : Math.max(bgr.cols(), bgr.rows()) <= FRAME_MAX_SIDE ? frameInputSide : inputSide;
        double scale = Math.min(side / (double) bgr.cols(), side / (double) bgr.rows());
        int w = Math.max(1, Math.min(side, (int) Math.round(bgr.cols() * scale)));
        int h = Math.max(1, Math.min(side, (int) Math.round(bgr.rows() * scale)));
        int inW = dynamic ? ceil32(w) : FIXED_SIDE;
        int inH = dynamic ? ceil32(h) : FIXED_SIDE;
        Mat resized = new Mat();
        Imgproc.resize(bgr, resized, new Size(w, h), 0, 0, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        float[] tensor = toChwBgr(resized, inW, inH);
        resized.release();
        List<DetectedFace> raw = YuNetDecoder.decode(models.detector().run(new Tensor(tensor, 1, 3, inH, inW)),
                inW, inH, scoreThreshold, 0.3, 50);
        List<DetectedFace> faces = new ArrayList<>(raw.size());
        for (DetectedFace f : raw) {
            double[] lm = f.landmarks().clone();
            for (int i = 0; i < lm.length; i++) {
                lm[i] /= scale;
            }
            faces.add(new DetectedFace(f.x() / scale, f.y() / scale, f.width() / scale, f.height() / scale, lm, f.score()));
        }
        return faces;
    }

    private static int ceil32(int v) {
        return (v + 31) / 32 * 32;
    }

    /** 8-bit BGR image (at most inW x inH) into a zero-padded [1,3,inH,inW] float tensor, raw 0..255. */
    static float[] toChwBgr(Mat img, int inW, int inH) {
        int w = img.cols();
        int h = img.rows();
        byte[] px = new byte[w * h * 3];
        img.get(0, 0, px);
        float[] t = new float[3 * inW * inH];
        int plane = inW * inH;
        for (int y = 0; y < h; y++) {
            int src = y * w * 3;
            int dst = y * inW;
            for (int x = 0; x < w; x++) {
                t[dst + x] = px[src] & 0xff;
                t[plane + dst + x] = px[src + 1] & 0xff;
                t[2 * plane + dst + x] = px[src + 2] & 0xff;
                src += 3;
            }
        }
        return t;
    }

    public double scoreThreshold() {
        return scoreThreshold;
    }
}

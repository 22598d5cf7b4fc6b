package org.careid.face.detect;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.careid.face.model.FaceModels;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * YuNet through DJL: the image is scaled to fit the 640x640 input keeping its aspect ratio and
 * padded with zeros at the right/bottom (so mapping back is a single division), run, decoded,
 * suppressed and mapped back to the original pixel coordinates.
 */
@ApplicationScoped
public class FaceDetector {

    private final FaceModels models;
    private final double scoreThreshold;

    @Inject
    public FaceDetector(FaceModels models,
                        @ConfigProperty(name = "careid.face.detection-threshold", defaultValue = "0.6") double scoreThreshold) {
        this.models = models;
        this.scoreThreshold = scoreThreshold;
    }

    /** Faces in a BGR image, best score first. */
    public List<DetectedFace> detect(Mat bgr) {
        int side = FaceModels.DETECTOR_INPUT;
        double scale = Math.min(side / (double) bgr.cols(), side / (double) bgr.rows());
        int w = Math.max(1, Math.min(side, (int) Math.round(bgr.cols() * scale)));
        int h = Math.max(1, Math.min(side, (int) Math.round(bgr.rows() * scale)));
        Mat resized = new Mat();
        Imgproc.resize(bgr, resized, new Size(w, h), 0, 0, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        float[] tensor = toChwBgr(resized, side);
        resized.release();
        List<DetectedFace> raw = YuNetDecoder.decode(models.detector().run(tensor), side, side, scoreThreshold, 0.3, 50);
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

    /** 8-bit BGR image (at most side x side) into a zero-padded [1,3,side,side] float tensor, raw 0..255. */
    static float[] toChwBgr(Mat img, int side) {
        int w = img.cols();
        int h = img.rows();
        byte[] px = new byte[w * h * 3];
        img.get(0, 0, px);
        float[] t = new float[3 * side * side];
        int plane = side * side;
        for (int y = 0; y < h; y++) {
            int src = y * w * 3;
            int dst = y * side;
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

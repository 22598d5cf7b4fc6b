package org.careid.face.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns YuNet's raw per-stride outputs into faces (in model-input pixels), as documented for the
 * model: score = sqrt(clamp01(cls) * clamp01(obj)); centre = ((col + dx) * s, (row + dy) * s);
 * size = exp(log w) * s; landmarks ((col + kx) * s, (row + ky) * s); then NMS.
 */
public final class YuNetDecoder {

    static final int[] STRIDES = {8, 16, 32};

    private YuNetDecoder() {
    }

    public static List<DetectedFace> decode(Map<String, float[]> out, int inputW, int inputH,
                                            double scoreThreshold, double nmsIou, int topK) {
        List<DetectedFace> candidates = new ArrayList<>();
        for (int s : STRIDES) {
            float[] cls = require(out, "cls_" + s);
            float[] obj = require(out, "obj_" + s);
            float[] bbox = require(out, "bbox_" + s);
            float[] kps = require(out, "kps_" + s);
            int cols = inputW / s;
            int rows = inputH / s;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    double score = Math.sqrt(clamp01(cls[i]) * clamp01(obj[i]));
                    if (score < scoreThreshold) {
                        continue;
                    }
                    double cx = (c + bbox[4 * i]) * s;
                    double cy = (r + bbox[4 * i + 1]) * s;
                    double w = Math.exp(bbox[4 * i + 2]) * s;
                    double h = Math.exp(bbox[4 * i + 3]) * s;
                    double[] lm = new double[10];
                    for (int k = 0; k < 5; k++) {
                        lm[2 * k] = (c + kps[10 * i + 2 * k]) * s;
                        lm[2 * k + 1] = (r + kps[10 * i + 2 * k + 1]) * s;
                    }
                    candidates.add(new DetectedFace(cx - w / 2, cy - h / 2, w, h, lm, score));
                }
            }
        }
        return nms(candidates, nmsIou, topK);
    }

    /** Greedy non-maximum suppression, highest score first. */
    public static List<DetectedFace> nms(List<DetectedFace> faces, double iouThreshold, int topK) {
        List<DetectedFace> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        List<DetectedFace> kept = new ArrayList<>();
        for (DetectedFace f : sorted) {
            boolean overlaps = false;
            for (DetectedFace k : kept) {
                if (k.iou(f) > iouThreshold) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(f);
                if (kept.size() >= topK) {
                    break;
                }
            }
        }
        return kept;
    }

    private static float[] require(Map<String, float[]> out, String name) {
        float[] v = out.get(name);
        if (v == null) {
            throw new IllegalStateException("YuNet output " + name + " missing; got " + out.keySet());
        }
        return v;
    }

    private static double clamp01(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}

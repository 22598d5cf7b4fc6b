package org.careid.face.embed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careid.face.model.FaceModels;
import org.careid.face.model.Tensor;
import org.opencv.core.Mat;

/**
 * MobileFaceNet through DJL: aligned 112x112 BGR crop to RGB, x/255, ImageNet mean/std (the
 * preprocessing the model was trained with), 128 values out, L2-normalised so that the dot product
 * of two embeddings is their cosine similarity.
 */
@ApplicationScoped
public class FaceEmbedder {

    public static final int DIMENSIONS = 128;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final FaceModels models;

    @Inject
    public FaceEmbedder(FaceModels models) {
        this.models = models;
    }

    public float[] embed(Mat aligned112) {
        int n = FaceModels.EMBEDDER_INPUT;
        if (aligned112.cols() != n || aligned112.rows() != n) {
            throw new IllegalArgumentException("embedder wants an aligned " + n + "x" + n + " crop");
        }
        byte[] px = new byte[n * n * 3];
        aligned112.get(0, 0, px);
        float[] t = new float[3 * n * n];
        int plane = n * n;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) { // output channel c (RGB) comes from BGR channel 2 - c
                float v = (px[3 * i + 2 - c] & 0xff) / 255f;
                t[c * plane + i] = (v - MEAN[c]) / STD[c];
            }
        }
        float[] out = models.embedder().run(new Tensor(t, 1, 3, n, n)).values().iterator().next();
        if (out.length != DIMENSIONS) {
            throw new IllegalStateException("embedder returned " + out.length + " values");
        }
        return l2normalize(out);
    }

    public static float[] l2normalize(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(s, 1e-12)));
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] * inv;
        }
        return r;
    }

    /** Cosine similarity of two L2-normalised embeddings. */
    public static double similarity(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

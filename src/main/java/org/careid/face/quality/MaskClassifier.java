package org.careid.face.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Mask detector: logistic regression on {@link MaskFeatures} of the aligned face crop (embedding,
 * lower-face gradient histogram, lower/upper colour contrast). Shape and texture of the lower face
 * carry most of the signal whatever the mask's colour, so the classifier holds on real masks where a
 * colour rule could not. The weights are
 * trained by the evaluation tools ({@code scripts/train-mask-classifier}) and shipped as the
 * classpath resource {@value #RESOURCE} with their provenance; no image data is in it.
 *
 * @param mean per-feature mean subtracted before scaling
 * @param scale per-feature divisor (standard deviation on the training data)
 * @param weights one weight per standardised feature
 * @param threshold probability from which a face counts as masked
 */
public record MaskClassifier(double[] mean, double[] scale, double[] weights, double bias, double threshold, String provenance) {

    public static final String RESOURCE = "org/careid/face/mask-classifier.json";

    public MaskClassifier {
        if (mean.length != weights.length || scale.length != weights.length) {
            throw new IllegalArgumentException("mean, scale and weights must have one value per feature");
        }
    }

    /** Probability that the face wears a mask (or anything else covering mouth and nose), from {@link MaskFeatures}. */
    public double probability(float[] features) {
        if (features.length != weights.length) {
            throw new IllegalArgumentException("classifier wants " + weights.length + " features, got " + features.length);
        }
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * (features[i] - mean[i]) / scale[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    public boolean masked(float[] features) {
        return probability(features) >= threshold;
    }

    /** The same weights with another decision threshold (a site's configuration). */
    public MaskClassifier withThreshold(double other) {
        return new MaskClassifier(mean, scale, weights, bias, other, provenance);
    }

    /** The shipped classifier; fails loudly when the resource is missing or broken (the quality gate needs it). */
    public static MaskClassifier bundled() {
        try (InputStream in = MaskClassifier.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("mask classifier resource " + RESOURCE + " missing");
            }
            return fromJson(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    public static MaskClassifier fromJson(JsonNode n) {
        return new MaskClassifier(doubles(n.path("mean")), doubles(n.path("scale")), doubles(n.path("weights")),
                n.path("bias").asDouble(), n.path("threshold").asDouble(), n.path("provenance").toString());
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}

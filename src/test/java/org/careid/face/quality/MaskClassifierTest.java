package org.careid.face.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.careid.face.embed.FaceEmbedder;
import org.careid.image.OpenCvLoader;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** The mask classifier's decision rule and the shipped weights' shape and provenance. */
class MaskClassifierTest {

    @Test
    void probabilityIsTheLogisticOfTheStandardisedWeightedSum() {
        MaskClassifier c = new MaskClassifier(new double[] {1, 0}, new double[] {2, 1}, new double[] {4, -1}, 0.5, 0.6, "test");
        // z = 0.5 + 4 * (3 - 1) / 2 - 1 * 1 = 3.5
        assertEquals(1 / (1 + Math.exp(-3.5)), c.probability(new float[] {3, 1}), 1e-12);
        assertTrue(c.masked(new float[] {3, 1}));
        // z = 0.5 + 4 * (1 - 1) / 2 - 0 = 0.5 -> 0.622 >= 0.6 masked, but not at a stricter site threshold
        assertTrue(c.masked(new float[] {1, 0}));
        assertFalse(c.withThreshold(0.7).masked(new float[] {1, 0}));
        assertFalse(c.masked(new float[] {-1, 2}));
    }

    @Test
    void featuresOfTheWrongLengthAreRefused() {
        MaskClassifier c = new MaskClassifier(new double[2], new double[] {1, 1}, new double[2], 0, 0.5, "test");
        assertThrows(IllegalArgumentException.class, () -> c.probability(new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> new MaskClassifier(new double[3], new double[2], new double[2], 0, 0.5, "test"));
    }

    @Test
    void shippedClassifierFitsTheFeaturesAndNamesItsTrainingData() {
        MaskClassifier c = MaskClassifier.bundled();
        assertEquals(FaceEmbedder.DIMENSIONS + MaskFeatures.HOG_LENGTH + MaskFeatures.COLOUR_LENGTH, c.weights().length);
        assertTrue(c.threshold() > 0 && c.threshold() < 1, "threshold " + c.threshold());
        assertTrue(c.provenance().contains("\"commit\""), c.provenance());
        assertTrue(c.provenance().contains("\"date\""), c.provenance());
        assertTrue(c.provenance().contains("masked/mfr2"), c.provenance());
    }

    @Test
    void featuresOfAnAlignedCropHaveTheClassifiersLength() {
        OpenCvLoader.ensureLoaded();
        Mat crop = new Mat(112, 112, CvType.CV_8UC3, new Scalar(120, 140, 180));
        float[] f = MaskFeatures.of(crop, new float[FaceEmbedder.DIMENSIONS]);
        assertEquals(MaskClassifier.bundled().weights().length, f.length);
        // a uniform crop: no gradients, no colour difference between upper and lower face
        for (int i = FaceEmbedder.DIMENSIONS + MaskFeatures.HOG_LENGTH; i < f.length; i++) {
            assertEquals(0, f[i], 1e-6);
        }
        crop.release();
    }
}

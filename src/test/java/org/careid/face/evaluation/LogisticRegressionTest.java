package org.careid.face.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.careid.face.quality.MaskClassifier;
import org.junit.jupiter.api.Test;

/** The mask classifier's trainer on data whose answer is known. */
class LogisticRegressionTest {

    @Test
    void separatesTwoGaussianCloudsAndWeighsTheInformativeFeature() {
        Random r = new Random(17);
        int n = 400;
        float[][] x = new float[n][2];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 5 == 0; // unbalanced: one in five positive
            x[i][0] = (float) (r.nextGaussian() + (y[i] ? 3 : 0)); // informative
            x[i][1] = (float) r.nextGaussian(); // noise
        }
        MaskClassifier c = LogisticRegression.fit(x, y, 1e-3, 0.5, "test");
        assertTrue(Math.abs(c.weights()[0]) > 5 * Math.abs(c.weights()[1]), "weights " + c.weights()[0] + ", " + c.weights()[1]);
        assertTrue(c.masked(new float[] {3, 0}));
        assertFalse(c.masked(new float[] {0, 0}));
        // balanced class weights put the boundary near the midpoint 1.5 despite 4:1 negatives
        assertTrue(c.probability(new float[] {1.2f, 0}) < 0.5 && c.probability(new float[] {1.8f, 0}) > 0.5);
        assertEquals(0.5, c.threshold());
    }

    @Test
    void oneClassIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new float[][] {{1}, {2}}, new boolean[] {true, true}, 1e-2, 0.5, "test"));
    }
}

package org.careid.face.evaluation;

import org.careid.face.quality.MaskClassifier;

/**
 * Plain L2-regularised logistic regression by full-batch gradient descent on standardised features,
 * with the two classes weighted equally whatever their counts. Small data (a few hundred samples,
 * 128 features): no library needed.
 */
public final class LogisticRegression {

    private static final int ITERATIONS = 3000;
    private static final double LEARNING_RATE = 0.2;

    private LogisticRegression() {
    }

    /** Fits weights; the returned classifier carries the given threshold and provenance. */
    public static MaskClassifier fit(float[][] x, boolean[] y, double lambda, double threshold, String provenance) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                scale[j] += c * c / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = Math.max(Math.sqrt(scale[j]), 1e-6);
        }
        double[][] z = new double[n][d];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
            positives += y[i] ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("both classes are needed");
        }
        double wPos = n / (2.0 * positives);
        double wNeg = n / (2.0 * (n - positives));
        double[] w = new double[d];
        double b = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            double[] gw = new double[d];
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double s = b;
                for (int j = 0; j < d; j++) {
                    s += w[j] * z[i][j];
                }
                double p = 1 / (1 + Math.exp(-s));
                double err = (p - (y[i] ? 1 : 0)) * (y[i] ? wPos : wNeg);
                for (int j = 0; j < d; j++) {
                    gw[j] += err * z[i][j];
                }
                gb += err;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= LEARNING_RATE * (gw[j] / n + lambda * w[j]);
            }
            b -= LEARNING_RATE * gb / n;
        }
        return new MaskClassifier(mean, scale, w, b, threshold, provenance);
    }
}

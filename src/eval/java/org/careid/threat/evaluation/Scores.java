package org.careid.threat.evaluation;

import java.util.Random;

/**
 * Biometric scores on each modality's own scale. A genuine attempt scores threshold +
 * spread * (z + N(0,1)) with z chosen so the person fails with their own rate; an unknown person
 * scores far below the threshold.
 */
final class Scores {
    private Scores() {}

    static double threshold(String modality) {
        return switch (modality) {
            case "fingerprint" -> 40.0;       // SourceAFIS score scale
            case "face+fingerprint" -> 0.5;   // fused score
            default -> 0.40;                  // face cosine similarity
        };
    }

    static double genuine(String modality, double frr, Random rnd) {
        double t = threshold(modality);
        return t + 0.25 * t * (inverseNormal(1 - frr) + rnd.nextGaussian());
    }

    static double unknownPerson(String modality, Random rnd) {
        return threshold(modality) * rnd.nextDouble() * 0.5;
    }

    /** Inverse of the standard normal CDF by bisection (precision far beyond what is needed). */
    static double inverseNormal(double p) {
        double lo = -10;
        double hi = 10;
        for (int i = 0; i < 80; i++) {
            double mid = (lo + hi) / 2;
            if (normalCdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    static double normalCdf(double x) {
        // Abramowitz and Stegun 7.1.26
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x / 2);
        return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
    }
}

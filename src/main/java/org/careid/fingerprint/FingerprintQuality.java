package org.careid.fingerprint;

/**
 * Measures of one impression: the minutiae SourceAFIS kept; the share of the image SourceAFIS's
 * segmentation kept ("filtered-mask"); the share showing coherent ridge flow ({@link RidgeFlow});
 * and the usable area in square millimetres, the image area times the smaller of the two shares.
 */
public record FingerprintQuality(int minutiae, double maskFraction, double ridgeFlowFraction, double usableAreaMm2) {
    public double usableFraction() {
        return Math.min(maskFraction, ridgeFlowFraction);
    }
}

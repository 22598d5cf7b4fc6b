package org.careid.fingerprint;

/**
 * Measures of one impression: the minutiae SourceAFIS kept, and the area its segmentation judged to
 * be fingerprint (the "filtered-mask"), as a share of the image and in square millimetres.
 */
public record FingerprintQuality(int minutiae, double usableFraction, double usableAreaMm2) {
}

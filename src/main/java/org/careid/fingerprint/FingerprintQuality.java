package org.careid.fingerprint;

/**
 * Measures of one impression: the minutiae SourceAFIS kept; the share of the image SourceAFIS's
 * segmentation kept ("filtered-mask"); the share showing coherent ridge flow ({@link RidgeFlow});
 * the usable area in square millimetres, the image area times the smaller of the two shares; and the
 * share showing a periodic ridge-valley pattern ({@link RidgePattern}), which oriented edges of a
 * photo or drawing lack; and the ridge clarity, the mean orientation coherence of the blocks that hold
 * any grey contrast (an NFIQ-like local quality: clear parallel ridges near 1, smudged, dry or wet
 * areas lower).
 */
public record FingerprintQuality(int minutiae, double maskFraction, double ridgeFlowFraction, double usableAreaMm2,
        double ridgePatternFraction, double ridgeClarity) {
    /** Measures without a ridge-clarity measurement: the coherent share stands in for it. */
    public FingerprintQuality(int minutiae, double maskFraction, double ridgeFlowFraction, double usableAreaMm2,
            double ridgePatternFraction) {
        this(minutiae, maskFraction, ridgeFlowFraction, usableAreaMm2, ridgePatternFraction, ridgeFlowFraction);
    }

    /** Measures without a ridge-pattern measurement: counted as a full ridge pattern. */
    public FingerprintQuality(int minutiae, double maskFraction, double ridgeFlowFraction, double usableAreaMm2) {
        this(minutiae, maskFraction, ridgeFlowFraction, usableAreaMm2, ridgeFlowFraction);
    }

    /** The periodic share of the oriented share: about 0.3 to 1.6 for fingers, mostly under 0.2 for photos. */
    public double ridgePatternRatio() {
        return ridgeFlowFraction <= 0 ? 0 : ridgePatternFraction / ridgeFlowFraction;
    }

    public double usableFraction() {
        return Math.min(maskFraction, ridgeFlowFraction);
    }
}

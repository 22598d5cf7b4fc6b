package org.careid.fingerprint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses impressions too poor to enroll. On the 320 FVC impressions SourceAFIS kept 10 to 100
 * minutiae (5th percentile 19) and the usable area was 69 to about 400 mm2 (5th percentile 129); a
 * blank image yields no minutiae, and pure noise yields 100 minutiae but no ridge flow, so under 1 mm2
 * of usable area. The defaults sit below every real impression. Photos of faces and drawings show
 * oriented edges but no periodic ridge pattern: on the 320 FVC impressions, prepared as the server
 * does (CLAHE), the ridge-pattern ratio ({@link FingerprintQuality#ridgePatternRatio()}) was 0.36 to
 * 1.53 (1st percentile 0.41); on face photos it is mostly under 0.2, so they are refused as "not a
 * fingerprint". Colour photos are refused at enrollment whatever their ratio ({@link ColourPhoto}).
 */
@ApplicationScoped
public class FingerprintQualityGate {
    /** How a refusal of a picture that is not a fingerprint at all starts. */
    public static final String NOT_A_FINGERPRINT = "not a fingerprint";

    private final int minMinutiae;
    private final double minUsableAreaMm2;
    private final double minRidgePatternRatio;

    @Inject
    public FingerprintQualityGate(
            @ConfigProperty(name = "careid.fingerprint.min-minutiae", defaultValue = "10") int minMinutiae,
            @ConfigProperty(name = "careid.fingerprint.min-usable-area-mm2", defaultValue = "40") double minUsableAreaMm2,
            @ConfigProperty(name = "careid.fingerprint.min-ridge-pattern-ratio", defaultValue = "0.25") double minRidgePatternRatio) {
        this.minMinutiae = minMinutiae;
        this.minUsableAreaMm2 = minUsableAreaMm2;
        this.minRidgePatternRatio = minRidgePatternRatio;
    }

    public static FingerprintQualityGate defaults() {
        return new FingerprintQualityGate(10, 40, 0.25);
    }

    /** Reasons for refusal; empty when the impression is good enough. */
    public List<String> check(FingerprintQuality quality) {
        List<String> reasons = new ArrayList<>();
        if (quality.ridgePatternRatio() < minRidgePatternRatio) {
            reasons.add(String.format(Locale.ROOT, "%s: no fingerprint ridge pattern found (ridge-pattern ratio %.2f, at least %.2f needed)",
                    NOT_A_FINGERPRINT, quality.ridgePatternRatio(), minRidgePatternRatio));
        }
        if (quality.minutiae() < minMinutiae) {
            reasons.add("too few minutiae: " + quality.minutiae() + " (at least " + minMinutiae + " needed)");
        }
        if (quality.usableAreaMm2() < minUsableAreaMm2) {
            reasons.add(String.format(Locale.ROOT, "usable fingerprint area too small: %.0f mm2 (at least %.0f mm2 needed)",
                    quality.usableAreaMm2(), minUsableAreaMm2));
        }
        return reasons;
    }
}

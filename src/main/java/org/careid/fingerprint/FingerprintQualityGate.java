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
 * of usable area. The defaults sit below every real impression.
 */
@ApplicationScoped
public class FingerprintQualityGate {
    private final int minMinutiae;
    private final double minUsableAreaMm2;

    @Inject
    public FingerprintQualityGate(
            @ConfigProperty(name = "careid.fingerprint.min-minutiae", defaultValue = "10") int minMinutiae,
            @ConfigProperty(name = "careid.fingerprint.min-usable-area-mm2", defaultValue = "40") double minUsableAreaMm2) {
        this.minMinutiae = minMinutiae;
        this.minUsableAreaMm2 = minUsableAreaMm2;
    }

    public static FingerprintQualityGate defaults() {
        return new FingerprintQualityGate(10, 40);
    }

    /** Reasons for refusal; empty when the impression is good enough. */
    public List<String> check(FingerprintQuality quality) {
        List<String> reasons = new ArrayList<>();
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

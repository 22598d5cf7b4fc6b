package org.careid.fingerprint;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.biometric.MatchOutcome;

/**
 * A fingerprint presented at a device, as evidence for the authentication flow: 1:1 against the
 * claimed person (one named finger or all of theirs) or 1:N with open-set rejection.
 */
@ApplicationScoped
public class FingerprintAuthenticator {
    static final String AMR = "fpt";

    @Inject
    FingerprintPipeline pipeline;
    @Inject
    FingerprintGallery gallery;
    @Inject
    FingerprintQualityGate qualityGate;

    /**
     * @param finger 1-10, or 0 when the device does not know which finger was used
     * @throws org.careid.image.ImageException for unusable bytes (4xx)
     */
    public MatchOutcome match(byte[] image, int dpi, int finger, UUID claimedStaffId) {
        long t0 = System.nanoTime();
        ExtractedFingerprint probe = pipeline.extract(image, dpi);
        long t1 = System.nanoTime();
        java.util.List<String> quality = qualityGate.check(probe.quality());
        if (!quality.isEmpty()) {
            return MatchOutcome.unusable(AMR, "fingerprint quality: " + String.join(", ", quality), false, timings(t0, t1, t1));
        }
        FingerprintMatch match;
        if (claimedStaffId != null) {
            match = finger > 0 ? gallery.verify(probe.template(), claimedStaffId, finger) : gallery.verify(probe.template(), claimedStaffId);
        } else {
            match = gallery.identify(probe.template());
        }
        long t2 = System.nanoTime();
        if (match == null || match.staffId() == null) {
            return new MatchOutcome(AMR, null, false, match == null ? 0 : match.score(), match == null ? Double.NaN : match.threshold(),
                    0, "no enrolled fingerprint matched", false, timings(t0, t1, t2));
        }
        double searchPenalty = claimedStaffId == null ? Math.log10(Math.max(1, gallery.fingerCount())) : 0;
        double strength = Math.max(0, FingerprintScoreNormalizer.toLogFmr(match.score()) - searchPenalty);
        return new MatchOutcome(AMR, match.staffId(), match.matched(), match.score(), match.threshold(), strength,
                match.matched() ? null : "score below threshold", false, timings(t0, t1, t2));
    }

    private static Map<String, Double> timings(long t0, long t1, long t2) {
        return Map.of("extractMs", (t1 - t0) / 1e6, "matchMs", (t2 - t1) / 1e6);
    }
}

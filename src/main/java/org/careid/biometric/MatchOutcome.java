package org.careid.biometric;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One biometric factor's result at a device, modality-independent, for the authentication flow.
 *
 * @param modality    "face" or "fpt" (the {@code amr} value)
 * @param staffId     whom the sample matched (null when it matched nobody)
 * @param matched     the score reached this modality's threshold for the attempt (1:1 or 1:N)
 * @param score       the raw score (cosine for faces, SourceAFIS score for fingerprints)
 * @param threshold   the threshold it was compared with
 * @param strength    evidence on a common scale: the estimated -log10 false-match rate at this
 *                    score, from the modality's measured impostor distribution (0 = no evidence)
 * @param failure     why it did not match (for the audit; never shown to the caller), or null
 * @param secondFactorRequired the sample cannot authenticate alone (e.g. a masked face)
 * @param timingsMs   stage timings for the audit and metrics
 * @param liveness    the presentation-attack check's result on this sample, or null when none ran
 * @param captureIssues why the sample could not be compared at all (stable names such as NO_FACE,
 *                    TOO_DARK); empty when it was compared. Says nothing about who is enrolled.
 */
public record MatchOutcome(String modality, UUID staffId, boolean matched, double score, double threshold,
                           double strength, String failure, boolean secondFactorRequired, Map<String, Double> timingsMs,
                           LivenessEvidence liveness, List<String> captureIssues) {

    public MatchOutcome(String modality, UUID staffId, boolean matched, double score, double threshold,
                        double strength, String failure, boolean secondFactorRequired, Map<String, Double> timingsMs) {
        this(modality, staffId, matched, score, threshold, strength, failure, secondFactorRequired, timingsMs, null, List.of());
    }

    public MatchOutcome(String modality, UUID staffId, boolean matched, double score, double threshold,
                        double strength, String failure, boolean secondFactorRequired, Map<String, Double> timingsMs,
                        LivenessEvidence liveness) {
        this(modality, staffId, matched, score, threshold, strength, failure, secondFactorRequired, timingsMs, liveness, List.of());
    }

    /** The sample was judged a presentation attack: never evidence, whatever it matched. */
    public boolean presentationAttack() {
        return liveness != null && liveness.attack();
    }

    /** The same outcome with the liveness check's result attached. */
    public MatchOutcome withLiveness(LivenessEvidence evidence) {
        return new MatchOutcome(modality, staffId, matched, score, threshold, strength, failure, secondFactorRequired, timingsMs,
                evidence, captureIssues);
    }

    public static MatchOutcome unusable(String modality, String failure, boolean secondFactorRequired, Map<String, Double> timingsMs) {
        return unusable(modality, failure, secondFactorRequired, timingsMs, List.of());
    }

    /** A sample that could not be compared, with the capture issues a device may show. */
    public static MatchOutcome unusable(String modality, String failure, boolean secondFactorRequired, Map<String, Double> timingsMs,
                                        List<String> captureIssues) {
        return new MatchOutcome(modality, null, false, 0, Double.NaN, 0, failure, secondFactorRequired, timingsMs,
                null, List.copyOf(captureIssues));
    }
}

package org.careid.face;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.biometric.LivenessEvidence;
import org.careid.biometric.MatchOutcome;
import org.careid.face.gallery.FaceGallery;
import org.careid.face.gallery.IdentificationResult;
import org.careid.face.gallery.VerificationResult;
import org.careid.face.pad.PadVerdict;
import org.careid.face.quality.QualityIssue;
import org.careid.face.threshold.FaceThresholds;

/**
 * A face captured at a device, as evidence for the authentication flow: 1:1 against the claimed
 * person (best of their samples) or 1:N with open-set rejection (under the gallery-size threshold,
 * or too close to the runner-up, is "no match"). A masked face is never evidence, nor is a face the
 * passive presentation-attack check judged an attack: that outcome keeps the person it resembles
 * (for the audit and threat detection) but carries no strength and never matches.
 */
@ApplicationScoped
public class FaceAuthenticator {
    static final String AMR = "face";

    @Inject
    FacePipeline pipeline;
    @Inject
    FaceGallery gallery;
    @Inject
    FaceThresholds thresholds;

    public MatchOutcome match(byte[] image, UUID claimedStaffId) {
        return match(pipeline.analyze(image, FacePurpose.AUTHENTICATION), claimedStaffId);
    }

    /** The outcome of an analysed face (a still image, or the best frontal frame of a challenge burst). */
    public MatchOutcome match(FaceAnalysis analysis, UUID claimedStaffId) {
        MatchOutcome outcome = score(analysis, claimedStaffId);
        PadVerdict pad = analysis.liveness();
        if (pad == null) {
            return outcome;
        }
        LivenessEvidence evidence = passiveEvidence(pad);
        if (pad.live()) {
            return outcome.withLiveness(evidence);
        }
        return new MatchOutcome(AMR, outcome.staffId(), false, outcome.score(), outcome.threshold(), 0,
                "presentation attack suspected", false, outcome.timingsMs(), evidence);
    }

    /** The passive model's verdict as policy and audit evidence. */
    public static LivenessEvidence passiveEvidence(PadVerdict pad) {
        return new LivenessEvidence(LivenessEvidence.PASSIVE, pad.live(), round(pad.score()), pad.threshold(),
                pad.live() ? null : "passive score below threshold");
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private MatchOutcome score(FaceAnalysis analysis, UUID claimedStaffId) {
        Map<String, Double> timings = timings(analysis);
        if (!analysis.accepted()) {
            java.util.List<String> issues = analysis.quality().issues().stream().map(QualityIssue::name).sorted().toList();
            return MatchOutcome.unusable(AMR, "face not usable: " + String.join(",", issues), analysis.secondFactorRequired(),
                    timings, issues);
        }
        long t0 = System.nanoTime();
        MatchOutcome outcome;
        if (claimedStaffId != null) {
            double threshold = thresholds.verificationThreshold();
            VerificationResult v = gallery.verify(claimedStaffId, analysis.embedding(), threshold);
            outcome = new MatchOutcome(AMR, v.enrolled() ? claimedStaffId : null, v.matched(), v.score(), threshold,
                    strength(v.score(), 1), v.matched() ? null : (v.enrolled() ? "score below threshold" : "no face enrolled"),
                    false, timings);
        } else {
            int persons = gallery.personCount();
            double threshold = thresholds.identificationThreshold(persons);
            IdentificationResult r = gallery.identify(analysis.embedding(), threshold, thresholds.identifyMargin());
            outcome = new MatchOutcome(AMR, r.staffId(), r.matched(), r.bestScore(), threshold, strength(r.bestScore(), persons),
                    r.matched() ? null : r.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), false, timings);
        }
        timings.put("matchMs", (System.nanoTime() - t0) / 1e6);
        return outcome;
    }

    /** Evidence: -log10 of the impostor tail's false-match rate at this score, less the search's log10(N). */
    private double strength(double score, int searched) {
        double fmr = thresholds.calibration().tail().fmr(score);
        double logFmr = fmr <= 0 ? 12 : Math.min(12, -Math.log10(fmr));
        return Math.max(0, logFmr - Math.log10(Math.max(1, searched)));
    }

    private static Map<String, Double> timings(FaceAnalysis a) {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("decodeMs", a.timings().decodeMs());
        t.put("detectMs", a.timings().detectMs());
        t.put("alignMs", a.timings().alignMs());
        t.put("qualityMs", a.timings().qualityMs());
        t.put("embedMs", a.timings().embedMs());
        t.put("padMs", a.timings().padMs());
        return t;
    }
}

package org.careid.fingerprint;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Enrolls one finger from several impressions: every impression must pass the quality gate, and the
 * impressions must be of one finger: each must match at least one other at the consistency threshold
 * (SourceAFIS score for FMR 1e-3), and together they must form one connected group. Requiring every
 * pair to match would refuse many genuine enrolments (impressions 1 and 3 of a finger may barely
 * overlap) without adding protection, since a foreign impression matches none of the others.
 */
@ApplicationScoped
public class FingerprintEnrollment {
    public static final int MIN_IMPRESSIONS = 3;
    public static final int MAX_IMPRESSIONS = 10;

    private final FingerprintPipeline pipeline;
    private final FingerprintQualityGate qualityGate;
    private final FingerprintThresholds thresholds;

    @Inject
    public FingerprintEnrollment(FingerprintPipeline pipeline, FingerprintQualityGate qualityGate,
            FingerprintThresholds thresholds) {
        this.pipeline = pipeline;
        this.qualityGate = qualityGate;
        this.thresholds = thresholds;
    }

    /**
     * @param impressions encoded images (PNG, JPEG, BMP, TIFF or WSQ) of one finger
     * @param dpi resolution of the reader
     * @param finger ISO/IEC 19794 finger position 1-10
     * @throws org.careid.image.ImageException for an undecodable or oversized image
     */
    public FingerprintEnrollmentResult enroll(List<byte[]> impressions, int dpi, int finger) {
        if (finger < 1 || finger > 10) {
            throw new IllegalArgumentException("finger position must be 1-10");
        }
        if (impressions.size() < MIN_IMPRESSIONS || impressions.size() > MAX_IMPRESSIONS) {
            return refused(finger, List.of(), List.of("between " + MIN_IMPRESSIONS + " and " + MAX_IMPRESSIONS
                    + " impressions of the finger are needed, got " + impressions.size()));
        }
        List<ExtractedFingerprint> extracted = new ArrayList<>();
        for (byte[] impression : impressions) {
            extracted.add(pipeline.extract(impression, dpi));
        }
        return enrollExtracted(extracted, dpi, finger);
    }

    /** Same checks on impressions already extracted (evaluation, re-enrolment). */
    public FingerprintEnrollmentResult enrollExtracted(List<ExtractedFingerprint> extracted, int dpi, int finger) {
        List<FingerprintQuality> qualities = extracted.stream().map(ExtractedFingerprint::quality).toList();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < extracted.size(); i++) {
            for (String reason : qualityGate.check(extracted.get(i).quality())) {
                reasons.add("impression " + (i + 1) + ": " + reason);
            }
        }
        if (reasons.isEmpty()) {
            reasons.addAll(consistencyProblems(extracted.stream().map(ExtractedFingerprint::template).toList()));
        }
        if (!reasons.isEmpty()) {
            return refused(finger, qualities, reasons);
        }
        List<StoredFingerprintTemplate> templates = extracted.stream()
                .map(e -> StoredFingerprintTemplate.of(e.template(), finger, dpi)).toList();
        return new FingerprintEnrollmentResult(true, finger, templates, qualities, List.of());
    }

    /** Reasons why the templates do not look like impressions of one finger; empty when they do. */
    List<String> consistencyProblems(List<FingerprintTemplate> templates) {
        int n = templates.size();
        double[][] scores = pairwiseScores(templates);
        double threshold = thresholds.consistency();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double best = 0;
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    best = Math.max(best, scores[i][j]);
                }
            }
            if (best < threshold) {
                reasons.add(String.format(Locale.ROOT,
                        "impression %d matches none of the other impressions (best score %.1f, %.1f needed): "
                                + "another finger or a poor capture", i + 1, best, threshold));
            }
        }
        if (reasons.isEmpty() && !connected(scores, threshold)) {
            reasons.add("the impressions form separate groups that do not match each other: more than one finger");
        }
        return reasons;
    }

    /** Symmetric scores: SourceAFIS is slightly asymmetric, so the better direction counts. */
    private static double[][] pairwiseScores(List<FingerprintTemplate> templates) {
        int n = templates.size();
        double[][] scores = new double[n][n];
        for (int i = 0; i < n; i++) {
            FingerprintMatcher matcher = new FingerprintMatcher(templates.get(i));
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    scores[i][j] = matcher.match(templates.get(j));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double symmetric = Math.max(scores[i][j], scores[j][i]);
                scores[i][j] = symmetric;
                scores[j][i] = symmetric;
            }
        }
        return scores;
    }

    private static boolean connected(double[][] scores, double threshold) {
        int n = scores.length;
        boolean[] reached = new boolean[n];
        reached[0] = true;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (reached[i] && !reached[j] && scores[i][j] >= threshold) {
                        reached[j] = true;
                        grew = true;
                    }
                }
            }
        }
        for (boolean r : reached) {
            if (!r) {
                return false;
            }
        }
        return true;
    }

    private static FingerprintEnrollmentResult refused(int finger, List<FingerprintQuality> qualities, List<String> reasons) {
        return new FingerprintEnrollmentResult(false, finger, List.of(), qualities, reasons);
    }
}

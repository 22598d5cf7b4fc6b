package org.careid.fingerprint;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.careid.image.ImageException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    /** Which three impressions are kept when more are captured (see {@link ImpressionSelection}). */
    public static final ImpressionSelection.Rule DEFAULT_SELECTION = ImpressionSelection.Rule.FIRST;

    private final FingerprintPipeline pipeline;
    private final FingerprintQualityGate qualityGate;
    private final FingerprintThresholds thresholds;
    private final ImpressionSelection.Rule selection;

    public FingerprintEnrollment(FingerprintPipeline pipeline, FingerprintQualityGate qualityGate,
            FingerprintThresholds thresholds) {
        this(pipeline, qualityGate, thresholds, DEFAULT_SELECTION);
    }

    @Inject
    public FingerprintEnrollment(FingerprintPipeline pipeline, FingerprintQualityGate qualityGate,
            FingerprintThresholds thresholds,
            @ConfigProperty(name = "careid.fingerprint.enrollment-selection", defaultValue = "FIRST") ImpressionSelection.Rule selection) {
        this.pipeline = pipeline;
        this.qualityGate = qualityGate;
        this.thresholds = thresholds;
        this.selection = selection;
    }

    public ImpressionSelection.Rule selection() {
        return selection;
    }

    /**
     * @param impressions encoded images (PNG, JPEG, BMP, TIFF or WSQ) of one finger
     * @param dpi resolution of the reader
     * @param finger ISO/IEC 19794 finger position 1-10
     * An impression that is not a readable image is refused with the others' reasons (so the operator
     * learns about every file at once); only an oversized one (413) still ends the request.
     * @throws org.careid.image.ImageException for an oversized image
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
        List<String> unreadable = new ArrayList<>();   // unreadable files and colour photographs
        for (int i = 0; i < impressions.size(); i++) {
            try {
                extracted.add(pipeline.extract(impressions.get(i), dpi));
                if (ColourPhoto.isColourPhoto(impressions.get(i))) {
                    unreadable.add(IMPRESSION_PREFIX + (i + 1) + ": " + FingerprintQualityGate.NOT_A_FINGERPRINT
                            + ": a colour photograph (fingerprint readers deliver grey images)");
                }
            } catch (ImageException e) {
                if (e.httpStatus() != 422) {
                    throw e;
                }
                unreadable.add(IMPRESSION_PREFIX + (i + 1) + ": not a fingerprint image the server can read (" + e.getMessage() + ")");
                extracted.add(null);
            }
        }
        if (unreadable.isEmpty()) {
            return enrollExtracted(extracted, dpi, finger);
        }
        List<String> reasons = new ArrayList<>(unreadable);
        List<FingerprintQuality> qualities = new ArrayList<>();
        for (int i = 0; i < extracted.size(); i++) {
            if (extracted.get(i) != null) {
                qualities.add(extracted.get(i).quality());
                for (String reason : qualityGate.check(extracted.get(i).quality())) {
                    reasons.add(IMPRESSION_PREFIX + (i + 1) + ": " + reason);
                }
            }
        }
        reasons.sort(java.util.Comparator.comparingInt(FingerprintEnrollment::impressionOf));
        return refused(finger, qualities, reasons);
    }

    private static final String IMPRESSION_PREFIX = "impression ";
    private static final Pattern IMPRESSION_REASON = Pattern.compile("^impression (\\d+)(?::| matches) ?(.*)$");

    /** The 1-based impression a reason is about, or 0 for a reason about the set as a whole. */
    static int impressionOf(String reason) {
        Matcher m = IMPRESSION_REASON.matcher(reason);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Reasons per 0-based impression index (reasons about the whole set under -1), in order. */
    public static Map<Integer, List<String>> reasonsByImpression(List<String> reasons) {
        Map<Integer, List<String>> byIndex = new TreeMap<>();
        for (String reason : reasons) {
            int impression = impressionOf(reason);
            String text = impression == 0 ? reason : reason.replaceFirst("^impression \\d+: ", "");
            byIndex.computeIfAbsent(impression - 1, k -> new ArrayList<>()).add(text);
        }
        return byIndex;
    }

    /**
     * Same checks on impressions already extracted (evaluation, re-enrolment). Every impression must
     * pass the gate and the consistency check; of more than {@link ImpressionSelection#KEEP}, the
     * configured selection rule then keeps three (the fused score is calibrated for three).
     */
    public FingerprintEnrollmentResult enrollExtracted(List<ExtractedFingerprint> extracted, int dpi, int finger) {
        List<FingerprintQuality> qualities = extracted.stream().map(ExtractedFingerprint::quality).toList();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < extracted.size(); i++) {
            for (String reason : qualityGate.check(extracted.get(i).quality())) {
                reasons.add(IMPRESSION_PREFIX + (i + 1) + ": " + reason);
            }
        }
        double[][] scores = null;
        if (reasons.isEmpty()) {
            scores = pairwiseScores(extracted.stream().map(ExtractedFingerprint::template).toList());
            reasons.addAll(consistencyProblems(scores));
        }
        if (!reasons.isEmpty()) {
            return refused(finger, qualities, reasons);
        }
        int[] kept = ImpressionSelection.choose(selection, ImpressionSelection.KEEP,
                qualities.toArray(FingerprintQuality[]::new), scores, thresholds.consistency());
        List<StoredFingerprintTemplate> templates = java.util.Arrays.stream(kept)
                .mapToObj(i -> StoredFingerprintTemplate.of(extracted.get(i).template(), finger, dpi)).toList();
        return new FingerprintEnrollmentResult(true, finger, templates, qualities, List.of(),
                java.util.Arrays.stream(kept).boxed().toList());
    }

    /** Reasons why the templates do not look like impressions of one finger; empty when they do. */
    List<String> consistencyProblems(List<FingerprintTemplate> templates) {
        return consistencyProblems(pairwiseScores(templates));
    }

    private List<String> consistencyProblems(double[][] scores) {
        int n = scores.length;
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
        return new FingerprintEnrollmentResult(false, finger, List.of(), qualities, reasons, List.of());
    }
}

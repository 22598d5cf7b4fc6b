package org.careid.biometric.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careid.biometric.OperatingPoint;

/**
 * Modality-independent summary of a score distribution as an ordered map (ready for JSON): pair
 * counts, EER, rates at a default threshold and operating points for target FMRs. Callers add their
 * own fields (images, failure to enroll, protocol) to the map before writing it.
 */
public final class EvaluationReport {

    /** The FMR targets every report lists. */
    public static final double[] STANDARD_FMR_TARGETS = {1e-2, 1e-3, 1e-4};

    private EvaluationReport() {
    }

    public static Map<String, Object> summarize(ScoreDistribution scores, double defaultThreshold, double... fmrTargets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("genuine_pairs", scores.genuineCount());
        out.put("impostor_pairs", scores.impostorCount());
        EqualErrorRate eer = scores.equalErrorRate();
        out.put("eer", eer.rate());
        out.put("eer_threshold", eer.threshold());
        out.put("default_threshold", defaultThreshold);
        out.put("fmr_at_default", scores.fmr(defaultThreshold));
        out.put("fnmr_at_default", scores.fnmr(defaultThreshold));
        List<Map<String, Object>> points = new ArrayList<>();
        for (double target : fmrTargets.length == 0 ? STANDARD_FMR_TARGETS : fmrTargets) {
            points.add(toMap(scores.operatingPoint(target)));
        }
        out.put("operating_points", points);
        out.put("genuine_score_min", scores.genuineScores()[0]);
        out.put("genuine_score_mean", mean(scores.genuineScores()));
        double[] imp = scores.impostorScores();
        out.put("impostor_score_max", imp[imp.length - 1]);
        out.put("impostor_score_mean", mean(imp));
        return out;
    }

    public static Map<String, Object> toMap(OperatingPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!Double.isNaN(p.targetFmr())) {
            m.put("target_fmr", p.targetFmr());
        }
        m.put("threshold", p.threshold());
        m.put("fmr", p.fmr());
        m.put("fnmr", p.fnmr());
        m.put("measurable", p.measurable());
        return m;
    }

    /** Pretty-printed JSON, parent folders created. */
    public static void writeJson(Path file, Object report) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}

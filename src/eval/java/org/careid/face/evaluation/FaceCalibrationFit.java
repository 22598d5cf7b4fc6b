package org.careid.face.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careid.biometric.ImpostorTail;
import org.careid.biometric.OperatingPoint;
import org.careid.biometric.evaluation.EvaluationReport;
import org.careid.biometric.evaluation.ScoreDistribution;
import org.careid.face.threshold.FaceCalibration;

/**
 * Fits the face calibration table the server ships ({@link FaceCalibration#RESOURCE}) from a measured
 * score distribution, and writes it in the JSON form {@link FaceCalibration#fromJson} reads.
 */
public final class FaceCalibrationFit {

    /** Target FMRs the table lists operating points for. */
    static final double[] TARGETS = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
    /** Share of the highest impostor scores the exponential tail is fitted to. */
    static final double TAIL_FRACTION = 0.05;

    private FaceCalibrationFit() {
    }

    public static FaceCalibration measure(String source, ScoreDistribution scores) {
        List<OperatingPoint> points = new ArrayList<>();
        for (double t : TARGETS) {
            points.add(scores.operatingPoint(t));
        }
        ImpostorTail tail = ImpostorTail.fit(scores.impostorScores(), TAIL_FRACTION);
        return new FaceCalibration(source, scores.genuineCount(), scores.impostorCount(), List.copyOf(points),
                tail.tailFraction(), tail.tailStart(), tail.beta());
    }

    public static Map<String, Object> toJson(FaceCalibration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", c.source());
        m.put("score", "per-person best cosine similarity (probe vs a person's enrolled samples)");
        m.put("genuine_pairs", c.genuinePairs());
        m.put("impostor_pairs", c.impostorPairs());
        List<Map<String, Object>> ps = new ArrayList<>();
        for (OperatingPoint p : c.points()) {
            ps.add(EvaluationReport.toMap(p));
        }
        m.put("operating_points", ps);
        Map<String, Object> tail = new LinkedHashMap<>();
        tail.put("model", "exponential excess over the top tail_fraction of impostor scores: FMR(t) = tail_fraction * exp(-(t - tail_start) / beta)");
        tail.put("tail_fraction", c.tailFraction());
        tail.put("tail_start", c.tailStart());
        tail.put("beta", c.tailBeta());
        m.put("impostor_tail", tail);
        return m;
    }
}

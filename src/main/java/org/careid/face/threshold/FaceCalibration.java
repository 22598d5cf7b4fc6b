package org.careid.face.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careid.biometric.EvaluationReport;
import org.careid.biometric.ImpostorTail;
import org.careid.biometric.OperatingPoint;
import org.careid.biometric.ScoreDistribution;

/**
 * Calibration table of the face matcher: measured operating points (threshold and FNMR per target
 * FMR) and the fitted impostor tail used to extrapolate below what the impostor sample resolves.
 * Produced by {@code scripts/evaluate-faces --calibration-out}, shipped as the classpath resource
 * {@value #RESOURCE}. Scores are per-person scores: best cosine similarity of a probe against a
 * person's enrolled samples, exactly what {@code FaceGallery} computes.
 */
public record FaceCalibration(String source, int genuinePairs, int impostorPairs, List<OperatingPoint> points,
                              double tailFraction, double tailStart, double tailBeta) {

    public static final String RESOURCE = "org/careid/face/face-calibration.json";
    static final double[] TARGETS = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
    static final double TAIL_FRACTION = 0.05;

    public static FaceCalibration measure(String source, ScoreDistribution scores) {
        List<OperatingPoint> points = new ArrayList<>();
        for (double t : TARGETS) {
            points.add(scores.operatingPoint(t));
        }
        ImpostorTail tail = ImpostorTail.fit(scores.impostorScores(), TAIL_FRACTION);
        return new FaceCalibration(source, scores.genuineCount(), scores.impostorCount(), List.copyOf(points),
                tail.tailFraction(), tail.tailStart(), tail.beta());
    }

    public ImpostorTail tail() {
        return ImpostorTail.of(tailFraction, tailStart, tailBeta);
    }

    /** The bundled table, or null when the resource is absent. */
    public static FaceCalibration bundled() {
        try (InputStream in = FaceCalibration.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? null : fromJson(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    static FaceCalibration fromJson(JsonNode n) {
        List<OperatingPoint> points = new ArrayList<>();
        for (JsonNode p : n.path("operating_points")) {
            points.add(new OperatingPoint(p.path("target_fmr").asDouble(), p.path("threshold").asDouble(),
                    p.path("fmr").asDouble(), p.path("fnmr").asDouble(), p.path("measurable").asBoolean()));
        }
        JsonNode t = n.path("impostor_tail");
        return new FaceCalibration(n.path("source").asText(), n.path("genuine_pairs").asInt(), n.path("impostor_pairs").asInt(),
                List.copyOf(points), t.path("tail_fraction").asDouble(), t.path("tail_start").asDouble(), t.path("beta").asDouble());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("score", "per-person best cosine similarity (probe vs a person's enrolled samples)");
        m.put("genuine_pairs", genuinePairs);
        m.put("impostor_pairs", impostorPairs);
        List<Map<String, Object>> ps = new ArrayList<>();
        for (OperatingPoint p : points) {
            ps.add(EvaluationReport.toMap(p));
        }
        m.put("operating_points", ps);
        Map<String, Object> tail = new LinkedHashMap<>();
        tail.put("model", "exponential excess over the top tail_fraction of impostor scores: FMR(t) = tail_fraction * exp(-(t - tail_start) / beta)");
        tail.put("tail_fraction", tailFraction);
        tail.put("tail_start", tailStart);
        tail.put("beta", tailBeta);
        m.put("impostor_tail", tail);
        return m;
    }
}

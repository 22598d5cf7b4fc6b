package org.careid.face.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.careid.biometric.ImpostorTail;
import org.careid.biometric.OperatingPoint;

/**
 * Calibration table of the face matcher: measured operating points (threshold and FNMR per target
 * FMR) and the fitted impostor tail used to extrapolate below what the impostor sample resolves.
 * Produced by {@code scripts/evaluate-faces --calibration-out} (the evaluation tools' FaceCalibrationFit),
 * shipped as the classpath resource {@value #RESOURCE}. Scores are per-person scores: best cosine similarity of a probe against a
 * person's enrolled samples, exactly what {@code FaceGallery} computes.
 */
public record FaceCalibration(String source, int genuinePairs, int impostorPairs, List<OperatingPoint> points,
                              double tailFraction, double tailStart, double tailBeta) {

    public static final String RESOURCE = "org/careid/face/face-calibration.json";

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

    public static FaceCalibration fromJson(JsonNode n) {
        List<OperatingPoint> points = new ArrayList<>();
        for (JsonNode p : n.path("operating_points")) {
            points.add(new OperatingPoint(p.path("target_fmr").asDouble(), p.path("threshold").asDouble(),
                    p.path("fmr").asDouble(), p.path("fnmr").asDouble(), p.path("measurable").asBoolean()));
        }
        JsonNode t = n.path("impostor_tail");
        return new FaceCalibration(n.path("source").asText(), n.path("genuine_pairs").asInt(), n.path("impostor_pairs").asInt(),
                List.copyOf(points), t.path("tail_fraction").asDouble(), t.path("tail_start").asDouble(), t.path("beta").asDouble());
    }

}

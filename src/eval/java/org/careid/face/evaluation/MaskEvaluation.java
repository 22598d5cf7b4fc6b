package org.careid.face.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careid.biometric.evaluation.EvaluationReport;
import org.careid.face.model.FaceModels;
import org.careid.face.quality.MaskClassifier;

/**
 * The shipped mask classifier on a folder of labelled photos (scripts/evaluate-masks): DIR holds
 * {@code with_mask/} and {@code without_mask/}, images anywhere beneath them, at any size. Faces are
 * found and aligned by the server's pipeline; the verdict is the classifier's at its shipped
 * threshold. {@code --held-out-only} keeps only the photos the training split held out (meaningful
 * for the shared detection set, whose photos are their own groups).
 *
 * <p>Usage: MaskEvaluation DIR REPORT.json [--held-out-only]
 */
public final class MaskEvaluation {

    private MaskEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MaskEvaluation DIR REPORT.json [--held-out-only]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        boolean heldOutOnly = args.length > 2 && args[2].equals("--held-out-only");
        if (!Files.isDirectory(dir.resolve("with_mask")) || !Files.isDirectory(dir.resolve("without_mask"))) {
            System.err.println(dir + " must hold with_mask/ and without_mask/");
            System.exit(2);
        }
        MaskClassifier classifier = MaskClassifier.bundled();
        List<FaceSample> samples;
        Path modelsDir = Path.of(System.getProperty("careid.models.dir", "models"));
        try (FaceModels models = FaceModels.load(modelsDir, 1);
             FaceSampleExtractor x = new FaceSampleExtractor(models, cache())) {
            if (!models.ready()) {
                System.err.println("face models unavailable: " + models.failure());
                System.exit(1);
            }
            samples = MaskDatasets.withWithout("detection", dir, x);
        }
        if (heldOutOnly) {
            samples = samples.stream().filter(s -> MaskDatasets.heldOut(s.group())).toList();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", dir.toAbsolutePath().normalize().toString());
        out.put("held_out_only", heldOutOnly);
        out.putAll(MaskRates.of(samples, classifier::masked));
        out.put("threshold", classifier.threshold());
        out.put("classifier", MaskClassifier.RESOURCE);
        out.put("classifier_provenance", classifier.provenance());
        out.put("note", "mask_found_rate and bare_flagged_rate are over photos where a face was found; no_face_rate over all photos "
                + "(the server refuses those with NO_FACE)");
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FaceSample s : samples) {
            if (s.faceFound() && classifier.masked(s.embedding()) != s.masked()) {
                errors.add(Map.of("image", s.file(), "probability", Math.round(classifier.probability(s.embedding()) * 1000) / 1000.0));
            }
        }
        out.put("errors", errors);
        out.put("no_face", samples.stream().filter(s -> !s.faceFound()).map(s -> s.file() + " (" + s.failure() + ")").toList());
        EvaluationReport.writeJson(Path.of(args[1]), out);
        System.out.printf("with_mask %d, without_mask %d: masks found %.1f %%, bare faces flagged %.2f %%, no face %.1f %% (threshold %.4f)%n",
                out.get("with_mask"), out.get("without_mask"), 100 * (double) out.get("mask_found_rate"),
                100 * (double) out.get("bare_flagged_rate"), 100 * (double) out.get("no_face_rate"), classifier.threshold());
        System.out.println("report written: " + Path.of(args[1]).toAbsolutePath());
    }

    static Path cache() {
        String c = System.getProperty("careid.embedding-cache");
        return c == null || c.isEmpty() ? null : Path.of(c);
    }
}

package org.careid.fingerprint.evaluation;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.careid.biometric.evaluation.DetCurve;
import org.careid.biometric.evaluation.EvaluationReport;
import org.careid.biometric.evaluation.ScoreDistribution;
import org.careid.fingerprint.ExtractedFingerprint;
import org.careid.fingerprint.FingerprintEnrollment;
import org.careid.fingerprint.FingerprintPipeline;
import org.careid.fingerprint.FingerprintQualityGate;
import org.careid.fingerprint.FingerprintScoreFusion;
import org.careid.fingerprint.FingerprintTemplates;
import org.careid.fingerprint.FingerprintThresholds;
import org.careid.image.ImageException;

/**
 * Accuracy of the fingerprint pipeline on a folder of fingers (run through scripts/evaluate-fingerprints).
 *
 * <p>Protocols, fixed before looking at results: enroll impression 1 (resp. impressions 1-3) of every
 * finger; every remaining impression is a probe. A probe against its own finger's enrollment is a
 * genuine trial, against every other finger's enrollment an impostor trial. The probe's score
 * against an enrollment is the fused score of {@link FingerprintScoreFusion} (the raw score with one
 * impression). For comparison the plain best-of-3 score is reported too. Nothing here is tuned:
 * thresholds come from {@link FingerprintThresholds}, and the fusion's calibration used impostor
 * scores only. Fingers whose enrollment the quality gate or the consistency check would refuse are
 * counted in {@code failure_to_enroll} but still evaluated, so the figures stay comparable.
 */
public final class FingerprintEvaluation {
    private FingerprintEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FingerprintEvaluation DATASET_DIR REPORT.json [--dpi N] [--no-clahe] [--iso-dir DIR] "
                    + "[--no-hard-sensors] [--cache DIR]");
            System.exit(2);
        }
        Path dataset = Path.of(args[0]);
        Path report = Path.of(args[1]);
        OptionalInt dpi = OptionalInt.empty();
        boolean clahe = true;
        Path isoDir = null;
        boolean hardSensors = true;
        Path cache = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--dpi" -> dpi = OptionalInt.of(Integer.parseInt(args[++i]));
                case "--no-clahe" -> clahe = false;
                case "--iso-dir" -> isoDir = Path.of(args[++i]);
                case "--no-hard-sensors" -> hardSensors = false;
                case "--cache" -> cache = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        FingerDataset data = FingerDataset.load(dataset, dpi);
        if (data.fingers().size() < 2) {
            throw new IllegalArgumentException("need at least two finger folders in " + dataset);
        }
        FingerprintPipeline pipeline = FingerprintPipeline.standalone(clahe);
        FingerprintThresholds thresholds = FingerprintThresholds.defaults();
        FingerprintEnrollment enrollment = new FingerprintEnrollment(pipeline, FingerprintQualityGate.defaults(), thresholds);

        long start = System.nanoTime();
        List<List<ExtractedFingerprint>> extracted = new ArrayList<>();
        int failedExtraction = 0;
        for (FingerDataset.Finger finger : data.fingers()) {
            List<ExtractedFingerprint> impressions = new ArrayList<>();
            for (Path image : finger.impressions()) {
                try {
                    impressions.add(pipeline.extract(Files.readAllBytes(image), finger.dpi()));
                } catch (ImageException e) {
                    failedExtraction++;
                    System.err.println("cannot use " + dataset.relativize(image) + ": " + e.getMessage());
                }
            }
            extracted.add(impressions);
        }
        double extractSeconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", dataset.toAbsolutePath().toString());
        out.put("sourceafis_version", FingerprintTemplates.sourceAfisVersion());
        out.put("clahe", clahe);
        out.put("images", data.imageCount());
        out.put("identities", data.fingers().size());
        out.put("failure_to_extract", failedExtraction);
        out.put("extraction_seconds_total", extractSeconds);
        out.put("default_threshold", thresholds.verification());
        out.put("protocol", "enroll the first k impressions of each finger (k = 1 or 3), probe with the rest; "
                + "genuine = probe vs own finger, impostor = probe vs every other finger; fused score "
                + "(best + 0.5 second) / 1.22 for k = 3; thresholds fixed (SourceAFIS scale), nothing tuned on probes");

        Path base = report.toAbsolutePath();
        String stem = base.getFileName().toString().replaceFirst("\\.json$", "");
        Map<String, Object> protocols = new LinkedHashMap<>();
        protocols.put("one_impression", protocol(data, extracted, 1, FingerprintScoreFusion::fuse, enrollment,
                base.resolveSibling(stem + "-det-1-impression.png")));
        protocols.put("three_impressions", protocol(data, extracted, 3, FingerprintScoreFusion::fuse, enrollment,
                base.resolveSibling(stem + "-det-3-impressions.png")));
        protocols.put("three_impressions_best_of_baseline", protocol(data, extracted, 3, FingerprintEvaluation::max,
                enrollment, null));
        out.put("protocols", protocols);
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("description", "re-capture the worst: four impressions captured, the three of best quality enrolled "
                + "(usable area x ridge-flow share), impressions 5-8 probe with the fused score; baseline: impressions 1-3 enrolled, "
                + "the same probes. Nothing is fitted, so every database is held out");
        selection.put("first_three", QualitySelection.run(data, extracted, false));
        selection.put("best_three_of_four", QualitySelection.run(data, extracted, true));
        out.put("quality_selected_enrollment", selection);
        out.put("fusion_calibration_check", FusionCalibrationCheck.run(data, extracted));
        if (hardSensors) {
            // per database, three enrolled impressions, preparations and selection rules, leave one database out;
            // held-out calibration of the normaliser and of the fusion constants
            out.put("hard_sensors", HardSensorStudy.run(data, cache, List.of(HardSensorStudy.PREPARATIONS)));
        }
        if (isoDir != null) {
            out.put("iso_import", IsoImportCheck.run(isoDir, data, extracted, thresholds.verification()));
        }
        EvaluationReport.writeJson(report, out);
        System.out.println(summary(protocols));
        System.out.println("report: " + report);
    }

    private static double max(double... scores) {
        double best = 0;
        for (double s : scores) {
            best = Math.max(best, s);
        }
        return best;
    }

    private static Map<String, Object> protocol(FingerDataset data, List<List<ExtractedFingerprint>> extracted, int enrolled,
            ToDoubleFunction<double[]> fusion, FingerprintEnrollment enrollment, Path detPng) throws Exception {
        FingerprintThresholds thresholds = FingerprintThresholds.defaults();
        List<FingerprintTemplate[]> galleries = new ArrayList<>();
        int refused = 0;
        List<String> refusals = new ArrayList<>();
        for (int f = 0; f < extracted.size(); f++) {
            List<ExtractedFingerprint> impressions = extracted.get(f);
            List<ExtractedFingerprint> enrolledImpressions = impressions.subList(0, Math.min(enrolled, impressions.size()));
            galleries.add(enrolledImpressions.stream().map(ExtractedFingerprint::template).toArray(FingerprintTemplate[]::new));
            List<String> reasons = enrolled >= FingerprintEnrollment.MIN_IMPRESSIONS
                    ? enrollment.enrollExtracted(enrolledImpressions, data.fingers().get(f).dpi(), 1).reasons()
                    : FingerprintQualityGate.defaults().check(enrolledImpressions.get(0).quality());
            if (!reasons.isEmpty()) {
                refused++;
                refusals.add(data.fingers().get(f).name() + ": " + String.join("; ", reasons));
            }
        }
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        Map<String, int[]> perDatabase = new TreeMap<>(); // database -> {genuine, below threshold}
        double threshold = thresholds.verification();
        for (int f = 0; f < extracted.size(); f++) {
            List<ExtractedFingerprint> impressions = extracted.get(f);
            String database = data.fingers().get(f).database();
            for (ExtractedFingerprint probe : impressions.subList(Math.min(enrolled, impressions.size()), impressions.size())) {
                FingerprintMatcher matcher = new FingerprintMatcher(probe.template());
                for (int g = 0; g < galleries.size(); g++) {
                    FingerprintTemplate[] gallery = galleries.get(g);
                    double[] scores = new double[gallery.length];
                    for (int i = 0; i < gallery.length; i++) {
                        scores[i] = matcher.match(gallery[i]);
                    }
                    double score = fusion.applyAsDouble(scores);
                    if (g == f) {
                        genuine.add(score);
                        int[] counts = perDatabase.computeIfAbsent(database, k -> new int[2]);
                        counts[0]++;
                        if (score < threshold) {
                            counts[1]++;
                        }
                    } else {
                        impostor.add(score);
                    }
                }
            }
        }
        ScoreDistribution scores = ScoreDistribution.of(genuine, impostor);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enrolled_impressions", enrolled);
        out.put("images", data.imageCount());
        out.put("identities", data.fingers().size());
        out.put("failure_to_enroll", refused);
        out.put("failure_to_enroll_reasons", refusals);
        out.putAll(EvaluationReport.summarize(scores, threshold));
        Map<String, Object> fnmrByDatabase = new LinkedHashMap<>();
        perDatabase.forEach((db, c) -> fnmrByDatabase.put(db, c[1] / (double) c[0]));
        out.put("fnmr_at_default_by_database", fnmrByDatabase);
        if (detPng != null) {
            DetCurve.of(scores, scores.at(threshold)).writePng(detPng,
                    "SourceAFIS " + FingerprintTemplates.sourceAfisVersion() + ", " + enrolled + " enrolled impression(s)");
            out.put("det_png", detPng.getFileName().toString());
        }
        return out;
    }

    private static String summary(Map<String, Object> protocols) {
        StringBuilder text = new StringBuilder();
        protocols.forEach((name, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) value;
            text.append(String.format(Locale.ROOT, "%-36s genuine %5s impostor %6s EER %.4f FMR@default %.5f FNMR@default %.4f FTE %s%n",
                    name, p.get("genuine_pairs"), p.get("impostor_pairs"), (Double) p.get("eer"), (Double) p.get("fmr_at_default"),
                    (Double) p.get("fnmr_at_default"), p.get("failure_to_enroll")));
        });
        return text.toString();
    }
}

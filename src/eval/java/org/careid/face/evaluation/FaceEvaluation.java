package org.careid.face.evaluation;

import org.careid.face.detect.FaceDetector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.careid.biometric.evaluation.DetCurve;
import org.careid.biometric.evaluation.EvaluationReport;
import org.careid.biometric.evaluation.HeldOutCalibration;
import org.careid.biometric.evaluation.ScoreDistribution;
import org.careid.face.FaceAnalysis;
import org.careid.face.FacePipeline;
import org.careid.face.FacePurpose;
import org.careid.face.embed.FaceEmbedder;
import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.careid.image.ImageException;
import org.careid.face.model.FaceModels;
import org.careid.face.quality.QualityIssue;
import org.careid.face.threshold.FaceCalibration;
import org.careid.face.threshold.FaceThresholds;
import org.opencv.core.Mat;

/**
 * Accuracy evaluation of the real face pipeline over a folder with one sub-folder per identity
 * (scripts/evaluate-faces). Writes a JSON report and DET curves (PNG) beside it. Only file names,
 * counts, scores and rates are written: no image data, no embeddings.
 *
 * <p>Usage: FaceEvaluation DATASET_DIR REPORT.json [--calibration-out FILE] (models from the system
 * property careid.models.dir, default "models").
 */
public final class FaceEvaluation {

    private record Sample(String identity, String file, FaceAnalysis enrollment, float[] probe, String failure) {
    }

    private FaceEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FaceEvaluation DATASET_DIR REPORT.json [--calibration-out FILE]");
            System.exit(2);
        }
        Path dataset = Path.of(args[0]);
        Path report = Path.of(args[1]);
        Path calibrationOut = null;
        Path masked = dataset.toAbsolutePath().getParent().resolve("masked/mfr2");
        for (int i = 2; i < args.length - 1; i++) {
            if (args[i].equals("--calibration-out")) {
                calibrationOut = Path.of(args[i + 1]);
            } else if (args[i].equals("--masked")) {
                masked = Path.of(args[i + 1]);
            }
        }
        Path modelsDir = Path.of(System.getProperty("careid.models.dir", "models"));
        try (FaceModels models = FaceModels.load(modelsDir, 1, System.getProperty("careid.face.detector-model", FaceModels.DETECTOR_DYNAMIC))) {
            if (!models.ready()) {
                System.err.println("face models unavailable: " + models.failure());
                System.exit(1);
            }
            Map<String, Object> out = evaluate(FacePipeline.forTools(models), dataset, report, calibrationOut);
            if (Files.isRegularFile(masked.resolve("pairs.txt"))) {
                String cache = System.getProperty("careid.embedding-cache");
                try (FaceSampleExtractor x = new FaceSampleExtractor(models, cache == null ? null : Path.of(cache))) {
                    out.put("masked_verification_mfr2", MaskedVerification.evaluate(masked, x, (double) out.get("default_threshold")));
                }
            } else {
                out.put("masked_verification_mfr2", "skipped: no MFR2 at " + masked + " (--masked DIR)");
            }
            EvaluationReport.writeJson(report, out);
            System.out.println("report written: " + report.toAbsolutePath());
        }
    }

    static Map<String, Object> evaluate(FacePipeline pipeline, Path dataset, Path report, Path calibrationOut) throws IOException {
        Map<String, List<Sample>> byIdentity = new TreeMap<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        Map<String, Integer> failureReasons = new TreeMap<>();
        List<double[]> stageTimes = new ArrayList<>();
        int images = 0;
        int multiFaceImages = 0;
        int bareMaskFlags = 0;
        int acceptedBare = 0;
        Map<String, int[]> maskHits = new LinkedHashMap<>();
        String[] colourNames = {"light_blue", "white", "black", "green"};
        for (String c : colourNames) {
            maskHits.put(c, new int[3]);
        }
        FaceImageDecoder decoder = FaceImageDecoder.withDefaults();

        for (Path dir : listSorted(dataset)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            String identity = dir.getFileName().toString();
            List<Sample> samples = new ArrayList<>();
            for (Path file : listSorted(dir)) {
                if (!Files.isRegularFile(file) || file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                images++;
                byte[] bytes = Files.readAllBytes(file);
                String name = identity + "/" + file.getFileName();
                FaceAnalysis enroll;
                try {
                    enroll = pipeline.analyze(bytes, FacePurpose.ENROLLMENT);
                } catch (ImageException e) {
                    failures.add(Map.of("image", name, "reasons", List.of(e.reason().name())));
                    failureReasons.merge(e.reason().name(), 1, Integer::sum);
                    samples.add(new Sample(identity, name, null, null, e.reason().name()));
                    continue;
                }
                stageTimes.add(new double[] {enroll.timings().decodeMs(), enroll.timings().detectMs(), enroll.timings().alignMs(),
                    enroll.timings().qualityMs(), enroll.timings().embedMs(), enroll.timings().totalMs()});
                float[] probe = enroll.embedding();
                if (enroll.quality().issues().contains(QualityIssue.MULTIPLE_FACES)) {
                    multiFaceImages++;
                    probe = pipeline.analyze(bytes, FacePurpose.AUTHENTICATION).embedding();
                }
                if (!enroll.accepted()) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("image", name);
                    f.put("reasons", enroll.quality().issues().stream().map(Enum::name).sorted().toList());
                    f.put("faces", enroll.faceCount());
                    if (enroll.quality().eyeDistance() > 0) {
                        f.put("eye_distance", enroll.quality().eyeDistance());
                        f.put("sharpness", enroll.quality().sharpness());
                        f.put("brightness", enroll.quality().brightness());
                        f.put("yaw", enroll.quality().yawDegrees());
                        f.put("roll", enroll.quality().rollDegrees());
                        f.put("detector_score", enroll.quality().detectorScore());
                        f.put("mask_score", enroll.quality().maskScore());
                        f.put("inside_fraction", enroll.quality().insideFraction());
                    } else if (enroll.faceCount() > 1) {
                        f.put("face_areas", enroll.faces().stream().map(d -> Math.round(d.area())).toList());
                        f.put("face_scores", enroll.faces().stream().map(d -> Math.round(d.score() * 100) / 100.0).toList());
                    }
                    failures.add(f);
                    for (QualityIssue q : enroll.quality().issues()) {
                        failureReasons.merge(q.name(), 1, Integer::sum);
                    }
                } else {
                    acceptedBare++;
                    try (DecodedImage img = decoder.decode(bytes)) {
                        for (int c = 0; c < colourNames.length; c++) {
                            Mat copy = img.bgr().clone();
                            SyntheticMask.draw(copy, enroll.chosen(), SyntheticMask.COLOURS.get(c));
                            FaceAnalysis masked = pipeline.analyze(copy, FacePurpose.ENROLLMENT);
                            copy.release();
                            int[] h = maskHits.get(colourNames[c]);
                            h[2]++;
                            // the detector's own verdict (also where another issue refuses the sample anyway)
                            if (masked.chosen() == null || masked.quality().masked()) {
                                h[0]++;
                            }
                            if (!masked.accepted()) {
                                h[1]++; // never matched: flagged or refused for another reason
                            }
                        }
                    }
                }
                samples.add(new Sample(identity, name, enroll, probe, null));
            }
            byIdentity.put(identity, samples);
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", dataset.toAbsolutePath().normalize().toString());
        out.put("pipeline", "YuNet " + System.getProperty("careid.face.detector-model", FaceModels.DETECTOR_DYNAMIC)
                + " (longer side " + (System.getProperty("careid.face.detector-input") != null ? System.getProperty("careid.face.detector-input") + " px)"
                        : FaceDetector.DEFAULT_INPUT_SIDE + " px, camera frames up to 640 px at " + FaceDetector.DEFAULT_FRAME_INPUT_SIDE + " px)")
                + " + 5-point ArcFace alignment + MobileFaceNet (DJL, ONNX Runtime), cosine similarity");
        out.put("images", images);
        out.put("identities", byIdentity.size());
        int refused = failures.size();
        out.put("failure_to_enroll", images == 0 ? 0 : refused / (double) images);
        out.put("failure_to_enroll_count", refused);
        out.put("multi_face_images", multiFaceImages);
        out.put("failure_to_enroll_single_face", images - multiFaceImages == 0 ? 0
                : (refused - multiFaceImages) / (double) (images - multiFaceImages));
        out.put("failure_reasons", failureReasons);
        out.put("failures", failures);

        // all pairs of accepted (probe) embeddings
        List<Double> gen = new ArrayList<>();
        List<Double> imp = new ArrayList<>();
        List<Sample> all = byIdentity.values().stream().flatMap(List::stream).filter(s -> s.probe() != null).toList();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                double s = FaceEmbedder.similarity(all.get(i).probe(), all.get(j).probe());
                (all.get(i).identity().equals(all.get(j).identity()) ? gen : imp).add(s);
            }
        }
        ScoreDistribution pairs = ScoreDistribution.of(gen, imp);

        // enrollment protocol: first 3 accepted samples enrolled, others probe best-of-3
        Map<String, List<float[]>> enrolled = new LinkedHashMap<>();
        Map<String, List<Sample>> probes = new LinkedHashMap<>();
        for (Map.Entry<String, List<Sample>> e : byIdentity.entrySet()) {
            List<float[]> templates = new ArrayList<>();
            List<Sample> rest = new ArrayList<>();
            for (Sample s : e.getValue()) {
                if (templates.size() < 3 && s.enrollment() != null && s.enrollment().accepted()) {
                    templates.add(s.enrollment().embedding());
                } else if (s.probe() != null) {
                    rest.add(s);
                }
            }
            if (templates.size() == 3) {
                enrolled.put(e.getKey(), templates);
            }
            probes.put(e.getKey(), rest);
        }
        List<Double> eGen = new ArrayList<>();
        List<Double> eImp = new ArrayList<>();
        List<HeldOutCalibration.Comparison> comparisons = new ArrayList<>();
        for (Map.Entry<String, List<Sample>> e : probes.entrySet()) {
            for (Sample p : e.getValue()) {
                for (Map.Entry<String, List<float[]>> t : enrolled.entrySet()) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (float[] v : t.getValue()) {
                        best = Math.max(best, FaceEmbedder.similarity(p.probe(), v));
                    }
                    (t.getKey().equals(e.getKey()) ? eGen : eImp).add(best);
                    comparisons.add(new HeldOutCalibration.Comparison(best, e.getKey(), t.getKey()));
                }
            }
        }
        ScoreDistribution protocol = ScoreDistribution.of(eGen, eImp);
        FaceCalibration measured = FaceCalibrationFit.measure(
                "scripts/evaluate-faces on " + dataset.getFileName() + " (enrollment protocol, " + enrolled.size() + " enrolled identities)",
                protocol);
        if (calibrationOut != null) {
            EvaluationReport.writeJson(calibrationOut, FaceCalibrationFit.toJson(measured));
        }
        FaceCalibration bundled = FaceCalibration.bundled();
        FaceThresholds thresholds = new FaceThresholds(bundled != null ? bundled : measured, 1e-4, 1e-3, 0.05);
        double defaultThreshold = thresholds.verificationThreshold();
        out.put("threshold_source", bundled != null ? "bundled calibration table " + FaceCalibration.RESOURCE : "measured in this run");
        out.put("default_target_fmr", 1e-4);
        out.putAll(EvaluationReport.summarize(pairs, defaultThreshold));

        Map<String, Object> proto = new LinkedHashMap<>();
        proto.put("description", "each identity's first 3 accepted images enrolled (identities with fewer are only strangers); "
                + "every other accepted image is a probe scored as its best match against each enrolled identity's 3 templates");
        proto.put("enrolled_identities", enrolled.size());
        proto.put("probes", probes.values().stream().mapToInt(List::size).sum());
        proto.putAll(EvaluationReport.summarize(protocol, defaultThreshold));
        out.put("enrollment_protocol", proto);

        Map<String, Object> idThresholds = new LinkedHashMap<>();
        for (int n : new int[] {1, 10, 100, 1000, 10000, 100000}) {
            double t = thresholds.identificationThreshold(n);
            idThresholds.put("N=" + n, Map.of("threshold", t, "protocol_fnmr", protocol.fnmr(t)));
        }
        out.put("identification_thresholds_fpir_1e-3", idThresholds);
        out.put("calibration_measured", FaceCalibrationFit.toJson(measured));
        Map<String, Object> heldOut = new LinkedHashMap<>();
        heldOut.put("description", "the shipped procedure (impostor-tail fit of the enrollment protocol, 1:1 threshold for FMR 1e-4) "
                + "fitted on half of the identities and measured on the other half");
        heldOut.put("shipped_table", bundled != null ? bundled.source() : "none");
        heldOut.put("enrollment_protocol_fmr_1e-4", HeldOutCalibration.evaluate(comparisons, d -> new FaceThresholds(
                FaceCalibrationFit.measure("half", d), 1e-4, 1e-3, 0.05).verificationThreshold()));
        out.put("held_out_calibration", heldOut);

        Map<String, Object> mask = new LinkedHashMap<>();
        mask.put("bare_accepted_images", acceptedBare);
        mask.put("bare_refused_as_masked", failureReasons.getOrDefault("MASKED", 0));
        mask.put("note", "flagged = the mask classifier's verdict (MASKED) or no face found; never_accepted = no embedding produced");
        for (Map.Entry<String, int[]> e : maskHits.entrySet()) {
            int[] h = e.getValue();
            mask.put("synthetic_" + e.getKey() + "_flagged", h[2] == 0 ? 0 : h[0] / (double) h[2]);
            mask.put("synthetic_" + e.getKey() + "_never_accepted", h[2] == 0 ? 0 : h[1] / (double) h[2]);
        }
        out.put("mask_detection", mask);
        out.put("stage_ms_median", medians(stageTimes));

        String base = report.getFileName().toString().replaceFirst("\\.json$", "");
        Path parent = report.toAbsolutePath().getParent();
        DetCurve.of(pairs, pairs.at(defaultThreshold)).writePng(parent.resolve(base + "-det.png"), "Faces, all pairs: DET");
        DetCurve.of(protocol, protocol.at(defaultThreshold)).writePng(parent.resolve(base + "-enrollment-det.png"),
                "Faces, enrollment protocol (best of 3): DET");
        out.put("det_png", List.of(base + "-det.png", base + "-enrollment-det.png"));
        return out;
    }

    private static Map<String, Double> medians(List<double[]> rows) {
        String[] names = {"decode", "detect", "align", "quality", "embed", "total"};
        Map<String, Double> m = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            final int col = c;
            double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
            m.put(names[c], v.length == 0 ? 0 : v[v.length / 2]);
        }
        return m;
    }

    private static List<Path> listSorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

}

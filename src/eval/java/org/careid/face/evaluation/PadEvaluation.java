package org.careid.face.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.careid.biometric.evaluation.DetCurve;
import org.careid.biometric.evaluation.EvaluationReport;
import org.careid.biometric.evaluation.ScoreDistribution;
import org.careid.face.FaceAnalysis;
import org.careid.face.FacePipeline;
import org.careid.face.FacePurpose;
import org.careid.face.model.FaceModels;
import org.careid.face.pad.PadFusion;
import org.careid.face.pad.PadVerdict;
import org.careid.face.pad.PresentationAttackDetector;
import org.careid.face.quality.QualityIssue;
import org.careid.image.ImageException;

/**
 * Presentation-attack detection evaluation in ISO/IEC 30107-3 terms (scripts/evaluate-pad) over a
 * folder laid out like ../shared/datasets/spoof:
 * <ul>
 *   <li>{@code nuaa/ImposterRaw/<subject>/} print attacks, {@code nuaa/ClientRaw/<subject>/} bona fide;</li>
 *   <li>{@code replay/<set>/fake/} replay attacks, {@code replay/<set>/real/} bona fide;</li>
 *   <li>{@code silentface_minivision/} MiniFASNet's own demo pictures: reported apart as "seen by the
 *       model", never in the figures.</li>
 * </ul>
 * A missing part is absent from the report. Every image goes through the real pipeline (decode,
 * detect, choose a face, PAD); an image without a usable face is a failure to acquire, counted apart
 * and never as a PAD success.
 *
 * <p>Threshold protocol: NUAA subjects are split in two halves and every replay set is a unit of its
 * own; each unit is judged at a threshold fitted on the other units of the fitting sources (the
 * highest threshold whose BPCER there is at most {@value #BPCER_TARGET}), so the headline APCER and BPCER
 * are held-out figures. The fitting sources are by default the camera frames with context (NUAA):
 * the replay sets are tight face crops without the context MiniFASNet judges, so their bona fide
 * scores are out of distribution and would drag any fitted threshold down (the report also gives the
 * leave-one-unit-out figures over all sources). Figures at the configured threshold and at upstream's
 * argmax rule are reported beside them. Only names, sizes and scores are written, never image data.
 *
 * <p>Usage: PadEvaluation DIR REPORT.json [--fit-on nuaa,replay] (models from careid.models.dir,
 * threshold from careid.face.pad.threshold).
 */
public final class PadEvaluation {

    static final double BPCER_TARGET = 0.05;
    static final String PRINT = "print";
    static final String REPLAY = "replay";
    static final Set<String> DEFAULT_FIT_SOURCES = Set.of("nuaa");

    /** One presentation and what the pipeline made of it (verdict null: failure to acquire). */
    record Presentation(String image, String source, String unit, String attackType, PadVerdict verdict, String failure,
                        int width, int height, double padMs) {

        boolean attack() {
            return attackType != null;
        }

        boolean scored() {
            return verdict != null;
        }

        double score() {
            return verdict.score();
        }

        double model(String id) {
            return verdict.models().stream().filter(m -> m.model().equals(id)).findFirst().orElseThrow().live();
        }

        boolean upstreamLive() {
            return PadFusion.upstreamLive(verdict.models().stream().map(PadVerdict.ModelScore::probabilities).toArray(double[][]::new));
        }
    }

    private PadEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PadEvaluation DIR REPORT.json [--fit-on nuaa,replay]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Path report = Path.of(args[1]);
        Set<String> fitSources = DEFAULT_FIT_SOURCES;
        for (int i = 2; i < args.length - 1; i++) {
            if (args[i].equals("--fit-on")) {
                fitSources = Set.of(args[i + 1].split(","));
            }
        }
        double threshold = Double.parseDouble(System.getProperty("careid.face.pad.threshold",
                Double.toString(PresentationAttackDetector.DEFAULT_THRESHOLD)));
        Path modelsDir = Path.of(System.getProperty("careid.models.dir", "models"));
        try (FaceModels models = FaceModels.load(modelsDir, 1)) {
            if (!models.ready()) {
                System.err.println("face models unavailable: " + models.failure());
                System.exit(1);
            }
            Map<String, Object> out = evaluate(FacePipeline.forTools(models), dir, report, threshold, fitSources);
            EvaluationReport.writeJson(report, out);
            System.out.println("report written: " + report.toAbsolutePath());
            System.out.println("held-out: APCER " + out.get("apcer") + ", BPCER " + out.get("bpcer") + "; failure to acquire "
                    + ((Map<?, ?>) out.get("failure_to_acquire")).get("count"));
        }
    }

    static Map<String, Object> evaluate(FacePipeline pipeline, Path dir, Path report, double threshold, Set<String> fitSources)
            throws IOException {
        List<Presentation> all = new ArrayList<>();
        Path nuaa = dir.resolve("nuaa");
        List<String> subjects = new ArrayList<>(new TreeSet<>(Stream.concat(folders(nuaa.resolve("ImposterRaw")).stream(),
                folders(nuaa.resolve("ClientRaw")).stream()).map(p -> p.getFileName().toString()).toList()));
        int half = (subjects.size() + 1) / 2;
        for (String kind : new String[] {"ImposterRaw", "ClientRaw"}) {
            for (Path subject : folders(nuaa.resolve(kind))) {
                int i = subjects.indexOf(subject.getFileName().toString());
                List<String> part = i < half ? subjects.subList(0, half) : subjects.subList(half, subjects.size());
                String unit = "nuaa subjects " + String.join(",", part);
                for (Path f : files(subject)) {
                    all.add(present(pipeline, dir, f, "nuaa", unit, kind.equals("ImposterRaw") ? PRINT : null));
                }
            }
        }
        for (Path set : folders(dir.resolve("replay"))) {
            String unit = "replay set " + set.getFileName();
            for (Path f : files(set.resolve("fake"))) {
                all.add(present(pipeline, dir, f, "replay", unit, REPLAY));
            }
            for (Path f : files(set.resolve("real"))) {
                all.add(present(pipeline, dir, f, "replay", unit, null));
            }
        }
        List<Presentation> seen = new ArrayList<>();
        for (Path f : files(dir.resolve("silentface_minivision"))) {
            seen.add(present(pipeline, dir, f, "silentface", "seen by the model",
                    f.getFileName().toString().startsWith("image_F") ? "silentface demo attack" : null));
        }

        List<Presentation> scored = all.stream().filter(Presentation::scored).toList();
        List<String> types = all.stream().filter(Presentation::attack).map(Presentation::attackType).distinct().sorted().toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", dir.toAbsolutePath().normalize().toString());
        out.put("standard", "ISO/IEC 30107-3: APCER per attack type (share of attack presentations accepted as live), "
                + "BPCER (share of bona fide presentations refused as attacks); failures to acquire are apart");
        out.put("pipeline", "YuNet detection (largest face, authentication policy) + MiniFASNetV2 (crop 2.7x) and MiniFASNetV1SE "
                + "(crop 4.0x), 80x80 BGR, live probabilities averaged; live when score >= threshold");
        out.put("attacks", counts(all, true, types));
        out.put("bona_fide", counts(all, false, List.of("nuaa", "replay")));
        out.put("threshold", threshold);

        HeldOut fused = heldOut(scored, Presentation::score, fitSources);
        out.put("figures", "apcer and bpcer: held out (each presentation judged at a threshold fitted without its subjects, see "
                + "calibration); at_configured_threshold: the threshold the server uses");
        out.put("apcer", fused.apcer(types));
        out.put("apcer_max", fused.apcer(types).values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        out.put("bpcer", fused.bpcer(null));
        out.put("bpcer_by_source", bySource(fused, scored));

        Map<String, Object> atConfigured = rates(scored, types, p -> p.score() >= threshold);
        double fittedOnAll = fitThreshold(fitPool(scored, fitSources), Presentation::score);
        atConfigured.put("note", !Double.isNaN(fittedOnAll) && Math.abs(fittedOnAll - threshold) <= 0.005
                ? "the configured threshold is the one fitted on all of this data: these figures are in-sample, not held out"
                : "the configured threshold was not fitted on this data by this evaluation");
        out.put("at_configured_threshold", atConfigured);
        out.put("upstream_rule", withNote(rates(scored, types, Presentation::upstreamLive),
                "upstream's decision (live when class 1 is the argmax of the averaged softmax): nothing fitted"));

        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("fit_rule", "highest threshold whose BPCER on the fitting part is at most " + BPCER_TARGET
                + " (lowest APCER that BPCER allows)");
        calibration.put("protocol", "subject-disjoint units: NUAA subjects split in two halves, every replay set a unit; each unit "
                + "is judged at a threshold fitted on the other units of the fitting sources (leave one unit out); the silentface "
                + "pictures are never used");
        calibration.put("fit_sources", new TreeSet<>(fitSources));
        calibration.put("why", "the replay sets are tight face crops: the 2.7x/4x context MiniFASNet judges is missing, their bona fide "
                + "scores are out of distribution; devices send camera frames with context, as NUAA does");
        calibration.put("units", fused.units);
        calibration.put("folds", fused.folds);
        calibration.put("held_out_undecided", fused.undecided);
        Map<String, Object> allFit = new LinkedHashMap<>();
        allFit.put("threshold", fittedOnAll);
        if (!Double.isNaN(fittedOnAll)) {
            allFit.putAll(rates(scored, types, p -> p.score() >= fittedOnAll));
        }
        allFit.put("note", "fitted on every scored presentation of the fitting sources: the candidate default threshold; its figures "
                + "are in-sample for those sources and held out for the others");
        calibration.put("fitted_on_all_data", allFit);
        out.put("calibration", calibration);

        Map<String, Object> alternatives = new LinkedHashMap<>();
        for (String model : List.of(FaceModels.PAD_V2_ID, FaceModels.PAD_V1SE_ID)) {
            HeldOut h = heldOut(scored, p -> p.model(model), fitSources);
            alternatives.put(model + "_alone", Map.of("apcer", h.apcer(types), "bpcer", h.bpcer(null)));
        }
        HeldOut min = heldOut(scored, p -> Math.min(p.model(FaceModels.PAD_V2_ID), p.model(FaceModels.PAD_V1SE_ID)), fitSources);
        alternatives.put("min_of_both", Map.of("apcer", min.apcer(types), "bpcer", min.bpcer(null)));
        Set<String> allSources = scored.stream().map(Presentation::source).collect(Collectors.toSet());
        if (!allSources.equals(fitSources)) {
            HeldOut everywhere = heldOut(scored, Presentation::score, allSources);
            alternatives.put("fused_fitted_on_all_sources", Map.of("apcer", everywhere.apcer(types), "bpcer", everywhere.bpcer(null),
                    "bpcer_by_source", bySource(everywhere, scored), "thresholds",
                    everywhere.folds().stream().map(f -> String.valueOf(f.get("threshold"))).toList()));
        }
        out.put("held_out_alternatives", alternatives);

        out.put("failure_to_acquire", failures(all));
        out.put("replay_size_check", sizeCheck(scored));
        out.put("pad_latency_ms", latency(scored));
        out.put("det_curves", detCurves(scored, types, threshold, report));
        out.put("seen_by_model", seenByModel(seen));
        out.put("scores", scoreRows(all, fused));
        return out;
    }

    /** Held-out decisions of one score over the units, and the folds that made them. */
    record HeldOut(List<String> units, List<Map<String, Object>> folds, Map<Presentation, Boolean> live, int undecided) {

        Map<String, Double> apcer(List<String> types) {
            Map<String, Double> m = new TreeMap<>();
            for (String type : types) {
                List<Boolean> d = live.entrySet().stream().filter(e -> type.equals(e.getKey().attackType())).map(Map.Entry::getValue).toList();
                if (!d.isEmpty()) {
                    m.put(type, d.stream().filter(b -> b).count() / (double) d.size());
                }
            }
            return m;
        }

        Double bpcer(String source) {
            List<Boolean> d = live.entrySet().stream()
                    .filter(e -> !e.getKey().attack() && (source == null || source.equals(e.getKey().source())))
                    .map(Map.Entry::getValue).toList();
            return d.isEmpty() ? null : d.stream().filter(b -> !b).count() / (double) d.size();
        }
    }

    /** Presentations a threshold may be fitted on; all of them when none comes from the fitting sources. */
    static List<Presentation> fitPool(List<Presentation> presentations, Set<String> fitSources) {
        List<Presentation> pool = presentations.stream().filter(p -> fitSources.contains(p.source())).toList();
        return pool.stream().anyMatch(p -> !p.attack()) ? pool : presentations;
    }

    static HeldOut heldOut(List<Presentation> scored, ToDoubleFunction<Presentation> score, Set<String> fitSources) {
        List<String> units = scored.stream().map(Presentation::unit).distinct().sorted().toList();
        List<Map<String, Object>> folds = new ArrayList<>();
        Map<Presentation, Boolean> live = new IdentityHashMap<>();
        int undecided = 0;
        for (String unit : units) {
            List<Presentation> fit = fitPool(scored.stream().filter(p -> !p.unit().equals(unit)).toList(), fitSources);
            List<Presentation> test = scored.stream().filter(p -> p.unit().equals(unit)).toList();
            double t = fitThreshold(fit, score);
            Map<String, Object> fold = new LinkedHashMap<>();
            fold.put("held_out", unit);
            fold.put("fitted_on", fit.stream().map(Presentation::unit).distinct().sorted().toList());
            if (Double.isNaN(t)) {
                fold.put("threshold", null);
                fold.put("note", "no bona fide presentation outside this unit: not judged");
                undecided += test.size();
            } else {
                fold.put("threshold", t);
                List<String> types = test.stream().filter(Presentation::attack).map(Presentation::attackType).distinct().sorted().toList();
                fold.putAll(rates(test, types, p -> score.applyAsDouble(p) >= t));
                for (Presentation p : test) {
                    live.put(p, score.applyAsDouble(p) >= t);
                }
            }
            folds.add(fold);
        }
        return new HeldOut(units, folds, live, undecided);
    }

    /** Highest threshold with BPCER at most the target on these presentations; NaN without bona fide ones. */
    static double fitThreshold(List<Presentation> presentations, ToDoubleFunction<Presentation> score) {
        double[] bona = presentations.stream().filter(p -> !p.attack()).mapToDouble(score).sorted().toArray();
        if (bona.length == 0) {
            return Double.NaN;
        }
        // exactly the k lowest bona fide scores may fall below the threshold
        return bona[(int) Math.floor(BPCER_TARGET * bona.length)];
    }

    /** APCER per attack type and BPCER for one decision rule. */
    static Map<String, Object> rates(List<Presentation> scored, List<String> types, Predicate<Presentation> live) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Double> apcer = new TreeMap<>();
        for (String type : types) {
            List<Presentation> a = scored.stream().filter(p -> type.equals(p.attackType())).toList();
            if (!a.isEmpty()) {
                apcer.put(type, a.stream().filter(live).count() / (double) a.size());
            }
        }
        m.put("apcer", apcer);
        List<Presentation> bona = scored.stream().filter(p -> !p.attack()).toList();
        m.put("bpcer", bona.isEmpty() ? null : bona.stream().filter(live.negate()).count() / (double) bona.size());
        Map<String, Double> bySource = new TreeMap<>();
        for (String source : bona.stream().map(Presentation::source).distinct().toList()) {
            List<Presentation> b = bona.stream().filter(p -> p.source().equals(source)).toList();
            bySource.put(source, b.stream().filter(live.negate()).count() / (double) b.size());
        }
        m.put("bpcer_by_source", bySource);
        m.put("attacks", scored.size() - bona.size());
        m.put("bona_fide", bona.size());
        return m;
    }

    private static Map<String, Object> withNote(Map<String, Object> m, String note) {
        m.put("note", note);
        return m;
    }

    private static Map<String, Object> counts(List<Presentation> all, boolean attacks, List<String> keys) {
        List<Presentation> these = all.stream().filter(p -> p.attack() == attacks).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("presentations", these.size());
        m.put("scored", these.stream().filter(Presentation::scored).count());
        for (String k : keys) {
            long n = these.stream().filter(p -> attacks ? k.equals(p.attackType()) : k.equals(p.source())).count();
            if (n > 0) {
                m.put(k, n);
            }
        }
        return m;
    }

    private static Map<String, Object> bySource(HeldOut h, List<Presentation> scored) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String source : scored.stream().filter(p -> !p.attack()).map(Presentation::source).distinct().sorted().toList()) {
            m.put(source, h.bpcer(source));
        }
        return m;
    }

    private static Map<String, Object> failures(List<Presentation> all) {
        List<Presentation> failed = all.stream().filter(p -> !p.scored()).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("note", "no usable face: not scored, never counted as a PAD success or error");
        m.put("count", failed.size());
        m.put("rate", all.isEmpty() ? 0 : failed.size() / (double) all.size());
        m.put("attacks", failed.stream().filter(Presentation::attack).count());
        m.put("bona_fide", failed.stream().filter(p -> !p.attack()).count());
        Map<String, Integer> reasons = new TreeMap<>();
        failed.forEach(p -> reasons.merge(p.failure(), 1, Integer::sum));
        m.put("reasons", reasons);
        m.put("images", failed.stream().map(p -> Map.of("image", p.image(), "reason", p.failure())).toList());
        return m;
    }

    /**
     * The dataset's trap: replay fakes are often smaller crops than the real ones. Per replay set, how
     * well image area alone would separate them (AUC) beside the PAD score's AUC; the PAD score never
     * sees the image size (the crop is resized to 80x80).
     */
    private static List<Map<String, Object>> sizeCheck(List<Presentation> scored) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String unit : scored.stream().filter(p -> p.source().equals("replay")).map(Presentation::unit).distinct().sorted().toList()) {
            List<Presentation> u = scored.stream().filter(p -> p.unit().equals(unit)).toList();
            double[] realArea = u.stream().filter(p -> !p.attack()).mapToDouble(p -> (double) p.width() * p.height()).toArray();
            double[] fakeArea = u.stream().filter(Presentation::attack).mapToDouble(p -> (double) p.width() * p.height()).toArray();
            if (realArea.length == 0 || fakeArea.length == 0) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("set", unit);
            m.put("median_real_pixels", median(realArea));
            m.put("median_fake_pixels", median(fakeArea));
            m.put("auc_image_area", auc(realArea, fakeArea));
            m.put("auc_pad_score", auc(u.stream().filter(p -> !p.attack()).mapToDouble(Presentation::score).toArray(),
                    u.stream().filter(Presentation::attack).mapToDouble(Presentation::score).toArray()));
            out.add(m);
        }
        return out;
    }

    /** Probability that a bona fide value exceeds an attack value (ties count half). */
    static double auc(double[] bona, double[] attack) {
        double s = 0;
        for (double b : bona) {
            for (double a : attack) {
                s += b > a ? 1 : b == a ? 0.5 : 0;
            }
        }
        return s / ((double) bona.length * attack.length);
    }

    private static Map<String, Object> latency(List<Presentation> scored) {
        double[] ms = scored.stream().mapToDouble(Presentation::padMs).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("faces", ms.length);
        if (ms.length > 0) {
            m.put("median", median(ms));
            m.put("p90", ms[Math.min(ms.length - 1, (int) Math.floor(0.9 * ms.length))]);
        }
        m.put("note", "both models, one thread, measured inside this run (see scripts/bench-pad for a quiet benchmark)");
        return m;
    }

    private static Map<String, Object> detCurves(List<Presentation> scored, List<String> types, double threshold, Path report)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Double> bona = scored.stream().filter(p -> !p.attack()).map(Presentation::score).toList();
        if (bona.isEmpty()) {
            return m;
        }
        String base = report.getFileName().toString().replaceFirst("\\.json$", "");
        List<String> kinds = new ArrayList<>(types);
        if (types.size() > 1) {
            kinds.add(0, "all");
        }
        for (String kind : kinds) {
            List<Double> attacks = scored.stream().filter(p -> p.attack() && (kind.equals("all") || kind.equals(p.attackType())))
                    .map(Presentation::score).toList();
            if (attacks.isEmpty()) {
                continue;
            }
            // bona fide as the "genuine" side, attacks as the "impostor" side: FMR = APCER, FNMR = BPCER
            ScoreDistribution d = ScoreDistribution.of(bona, attacks);
            Path png = report.resolveSibling(base + (kind.equals("all") ? "-det.png" : "-det-" + kind + ".png"));
            DetCurve.of(d, d.at(threshold)).writePng(png, "PAD DET, " + (kind.equals("all") ? "all attacks" : kind + " attacks")
                    + " (fused MiniFASNet score)", "APCER", "BPCER");
            m.put(kind, png.getFileName().toString());
        }
        return m;
    }

    private static Map<String, Object> seenByModel(List<Presentation> seen) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (seen.isEmpty()) {
            return m;
        }
        m.put("note", "MiniFASNet's own demo pictures (Silent-Face-Anti-Spoofing): prove nothing about the model, kept out of every figure");
        m.put("images", seen.stream().map(p -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("image", p.image());
            r.put("attack", p.attack());
            r.put("score", p.scored() ? p.score() : null);
            r.put("failure", p.failure());
            return r;
        }).toList());
        return m;
    }

    private static List<Map<String, Object>> scoreRows(List<Presentation> all, HeldOut fused) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Presentation p : all) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("image", p.image());
            r.put("unit", p.unit());
            r.put("type", p.attack() ? p.attackType() : "bona_fide");
            r.put("width", p.width());
            r.put("height", p.height());
            if (p.scored()) {
                r.put("score", round(p.score()));
                r.put(FaceModels.PAD_V2_ID, round(p.model(FaceModels.PAD_V2_ID)));
                r.put(FaceModels.PAD_V1SE_ID, round(p.model(FaceModels.PAD_V1SE_ID)));
                r.put("upstream_live", p.upstreamLive());
                Boolean live = fused.live().get(p);
                r.put("held_out_live", live);
            } else {
                r.put("failure", p.failure());
            }
            rows.add(r);
        }
        return rows;
    }

    private static Presentation present(FacePipeline pipeline, Path root, Path file, String source, String unit, String attackType)
            throws IOException {
        String name = root.relativize(file).toString();
        try {
            FaceAnalysis a = pipeline.analyze(Files.readAllBytes(file), FacePurpose.AUTHENTICATION);
            if (a.liveness() == null) {
                String reason = a.quality().issues().contains(QualityIssue.MULTIPLE_FACES) ? QualityIssue.MULTIPLE_FACES.name()
                        : QualityIssue.NO_FACE.name();
                return new Presentation(name, source, unit, attackType, null, reason, a.imageWidth(), a.imageHeight(), 0);
            }
            return new Presentation(name, source, unit, attackType, a.liveness(), null, a.imageWidth(), a.imageHeight(),
                    a.timings().padMs());
        } catch (ImageException e) {
            return new Presentation(name, source, unit, attackType, null, e.reason().name(), 0, 0, 0);
        }
    }

    private static List<Path> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 1e5) / 1e5;
    }
}

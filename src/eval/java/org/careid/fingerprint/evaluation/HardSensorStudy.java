package org.careid.fingerprint.evaluation;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.careid.fingerprint.ExtractedFingerprint;
import org.careid.fingerprint.FingerprintExtractor;
import org.careid.fingerprint.FingerprintImagePreparation;
import org.careid.fingerprint.FingerprintQuality;
import org.careid.fingerprint.FingerprintScoreFusion;
import org.careid.fingerprint.FingerprintScoreNormalizer;
import org.careid.fingerprint.FingerprintThresholds;
import org.careid.fingerprint.GaborEnhancement;
import org.careid.fingerprint.ImpressionSelection;
import org.careid.fingerprint.image.FingerprintImageDecoder;
import org.careid.fingerprint.image.GreyscaleImage;

/**
 * Per-database accuracy with three enrolled impressions ("hard sensors", issue 17) and the held-out
 * calibration of the score normaliser and of the fusion constants.
 *
 * <p>Everything is computed from one score matrix per image preparation (every image against every
 * other, SourceAFIS probe-to-candidate), so the many protocols below cost no further matching.
 * Preparations: {@code plain} (SourceAFIS on the decoded image), {@code clahe} (the server's
 * default), {@code gabor} (CLAHE then {@link GaborEnhancement}). Templates and matrices can be cached
 * in a folder between runs ({@code --cache DIR}).
 *
 * <p>Enrollment protocol ("halves"): the impressions of a finger are split into two halves (1-4 and
 * 5-8); three of one half are enrolled, chosen by an {@link ImpressionSelection.Rule} (as a kiosk that
 * captures four and keeps three), and the other half are the probes; then the halves swap. Genuine
 * trials: probe against its own finger's enrollment (80 per database). Impostor trials: every image of
 * every other finger (all databases) against the enrollment (6,240 per database). A database's figures
 * are those of the fingers enrolled in it.
 *
 * <p>Leave one database out: the method (preparation x selection rule x score) is chosen on the other
 * three databases (lowest pooled FNMR at the shipped threshold among methods with no false match there)
 * and reported on the held-out one, so a gain is shown on a sensor nothing was chosen on.
 */
final class HardSensorStudy {
    static final String[] PREPARATIONS = {"plain", "clahe", "gabor"};
    private static final double THRESHOLD = FingerprintThresholds.thresholdForFmr(1e-4);
    private static final double CONSISTENCY = FingerprintThresholds.thresholdForFmr(1e-3);

    /** One image prepared one way: template, quality, ridge clarity (of the CLAHE image). */
    record Item(FingerprintTemplate template, FingerprintQuality quality) {
    }

    private final FingerDataset data;
    private final int[] fingerOf;       // image -> finger
    private final int[] impressionOf;   // image -> 0-based impression
    private final int[] dbOf;           // finger -> database index
    private final int[][] imagesOf;     // finger -> images
    private final List<String> databases;
    private final Map<String, float[][]> scores = new LinkedHashMap<>();
    private final Map<String, FingerprintQuality[]> qualities = new LinkedHashMap<>();

    private HardSensorStudy(FingerDataset data) {
        this.data = data;
        int n = data.imageCount();
        fingerOf = new int[n];
        impressionOf = new int[n];
        imagesOf = new int[data.fingers().size()][];
        int i = 0;
        for (int f = 0; f < data.fingers().size(); f++) {
            int size = data.fingers().get(f).impressions().size();
            imagesOf[f] = new int[size];
            for (int k = 0; k < size; k++, i++) {
                fingerOf[i] = f;
                impressionOf[i] = k;
                imagesOf[f][k] = i;
            }
        }
        databases = new ArrayList<>(new TreeSet<>(data.fingers().stream().map(FingerDataset.Finger::database).toList()));
        dbOf = data.fingers().stream().mapToInt(f -> databases.indexOf(f.database())).toArray();
    }

    /** {@code HardSensorStudy DATASET_DIR REPORT.json [--cache DIR] [--preparations plain,clahe,gabor]} */
    public static void main(String[] args) throws IOException {
        Path cache = null;
        List<String> preparations = List.of(PREPARATIONS);
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--cache" -> cache = Path.of(args[++i]);
                case "--preparations" -> preparations = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, Object> out = run(FingerDataset.load(Path.of(args[0]), java.util.OptionalInt.empty()), cache, preparations);
        org.careid.biometric.evaluation.EvaluationReport.writeJson(Path.of(args[1]), out);
    }

    static Map<String, Object> run(FingerDataset data, Path cache, List<String> preparations) throws IOException {
        HardSensorStudy study = new HardSensorStudy(data);
        List<String> all = new ArrayList<>(preparations);
        for (String preparation : preparations) {
            study.load(preparation, cache);
        }
        if (study.scores.containsKey("clahe") && study.scores.containsKey("gabor")) {
            // two extractions per image, scores averaged (multi-preparation fusion; twice the templates and time)
            study.scores.put("clahe+gabor", mean(study.scores.get("clahe"), study.scores.get("gabor")));
            all.add("clahe+gabor");
        }
        return study.report(all);
    }

    // ---------------------------------------------------------------- extraction and matching

    private void load(String preparation, Path cache) throws IOException {
        Path templateFile = cache == null ? null : cache.resolve(preparation + "-templates.bin");
        Path scoreFile = cache == null ? null : cache.resolve(preparation + "-scores.bin");
        List<Item> items;
        if (templateFile != null && Files.exists(templateFile)) {
            items = readItems(templateFile);
        } else {
            long start = System.nanoTime();
            items = extractAll(preparation);
            System.err.printf(Locale.ROOT, "%s: extracted %d images in %.1f s%n", preparation, items.size(), (System.nanoTime() - start) / 1e9);
            if (templateFile != null) {
                Files.createDirectories(cache);
                writeItems(templateFile, items);
            }
        }
        qualities.put(preparation, items.stream().map(Item::quality).toArray(FingerprintQuality[]::new));
        float[][] matrix;
        if (scoreFile != null && Files.exists(scoreFile)) {
            matrix = readMatrix(scoreFile, items.size());
        } else {
            long start = System.nanoTime();
            matrix = new float[items.size()][items.size()];
            for (int i = 0; i < items.size(); i++) {
                FingerprintMatcher matcher = new FingerprintMatcher(items.get(i).template());
                for (int j = 0; j < items.size(); j++) {
                    if (i != j) {
                        matrix[i][j] = (float) matcher.match(items.get(j).template());
                    }
                }
            }
            System.err.printf(Locale.ROOT, "%s: matched %d pairs in %.1f s%n", preparation, items.size() * (items.size() - 1),
                    (System.nanoTime() - start) / 1e9);
            if (scoreFile != null) {
                writeMatrix(scoreFile, matrix);
            }
        }
        scores.put(preparation, matrix);
    }

    private List<Item> extractAll(String preparation) throws IOException {
        FingerprintImageDecoder decoder = new FingerprintImageDecoder(FingerprintImageDecoder.DEFAULT_LIMITS);
        FingerprintImagePreparation clahe = new FingerprintImagePreparation(!"plain".equals(preparation));
        FingerprintExtractor extractor = new FingerprintExtractor();
        List<Item> items = new ArrayList<>();
        for (FingerDataset.Finger finger : data.fingers()) {
            for (Path file : finger.impressions()) {
                GreyscaleImage image = clahe.clahe(decoder.decode(Files.readAllBytes(file)));
                GreyscaleImage enhanced = "gabor".equals(preparation) ? GaborEnhancement.enhance(image, finger.dpi()) : image;
                ExtractedFingerprint e = extractor.extract(enhanced, image, finger.dpi());
                String samples = System.getProperty("careid.eval.gabor-samples");
                if (samples != null && "gabor".equals(preparation) && FingerDataset.impressionNumber(file) == 1) {
                    writePng(Path.of(samples).resolve(finger.name() + "-gabor.png"), enhanced);
                    writePng(Path.of(samples).resolve(finger.name() + "-clahe.png"), image);
                }
                items.add(new Item(e.template(), e.quality()));
            }
        }
        return items;
    }

    private static void writePng(Path file, GreyscaleImage image) throws IOException {
        Files.createDirectories(file.getParent());
        java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(image.width(), image.height(),
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        b.getRaster().setDataElements(0, 0, image.width(), image.height(), image.pixels());
        javax.imageio.ImageIO.write(b, "png", file.toFile());
    }

    private static void writeItems(Path file, List<Item> items) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(items.size());
            for (Item item : items) {
                byte[] bytes = item.template().toByteArray();
                out.writeInt(bytes.length);
                out.write(bytes);
                FingerprintQuality q = item.quality();
                out.writeInt(q.minutiae());
                out.writeDouble(q.maskFraction());
                out.writeDouble(q.ridgeFlowFraction());
                out.writeDouble(q.usableAreaMm2());
                out.writeDouble(q.ridgePatternFraction());
                out.writeDouble(q.ridgeClarity());
            }
        }
    }

    private static List<Item> readItems(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                FingerprintQuality q = new FingerprintQuality(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble());
                items.add(new Item(new FingerprintTemplate(bytes), q));
            }
            return items;
        }
    }

    private static void writeMatrix(Path file, float[][] m) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (float[] row : m) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
        }
    }

    private static float[][] readMatrix(Path file, int n) throws IOException {
        float[][] m = new float[n][n];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (float[] row : m) {
                for (int j = 0; j < n; j++) {
                    row[j] = in.readFloat();
                }
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- protocols

    /** A way to enroll and score: preparation, selection rule, score (fused or best-of-3). */
    record Method(String preparation, ImpressionSelection.Rule rule, boolean fused) {
        String name() {
            return preparation + "/" + (rule == null ? "all-4" : rule.name().toLowerCase(Locale.ROOT)) + "/" + (fused ? "fused" : "best-of-3");
        }
    }

    /** Genuine and impostor trials of one method, by the database of the enrolled finger. */
    record Trials(double[][] genuine, double[][] impostor, double[][] otherProbeMax) {
    }

    private Trials trials(Method m) {
        float[][] s = scores.get(m.preparation());
        FingerprintQuality[] q = qualities.get("clahe") != null ? qualities.get("clahe") : qualities.get(m.preparation());
        int dbs = databases.size();
        List<List<Double>> genuine = lists(dbs);
        List<List<Double>> impostor = lists(dbs);
        double[][] maxExcluding = new double[dbs][dbs];   // [enrolled db][db the probe is not in]
        for (double[] row : maxExcluding) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        for (int f = 0; f < imagesOf.length; f++) {
            int[] images = imagesOf[f];
            if (images.length < 8) {
                continue;
            }
            for (int half = 0; half < 2; half++) {
                int[] candidates = Arrays.copyOfRange(images, half * 4, half * 4 + 4);
                int[] probes = Arrays.copyOfRange(images, (1 - half) * 4, (1 - half) * 4 + 4);
                int[] enrolled = m.rule() == null ? candidates : enroll(m, candidates, s, q);
                for (int p : probes) {
                    genuine.get(dbOf[f]).add(score(s, p, enrolled, m.fused()));
                }
                for (int p = 0; p < fingerOf.length; p++) {
                    if (fingerOf[p] != f) {
                        double v = score(s, p, enrolled, m.fused());
                        impostor.get(dbOf[f]).add(v);
                        for (int x = 0; x < dbs; x++) {
                            if (dbOf[fingerOf[p]] != x) {
                                maxExcluding[dbOf[f]][x] = Math.max(maxExcluding[dbOf[f]][x], v);
                            }
                        }
                    }
                }
            }
        }
        return new Trials(arrays(genuine), arrays(impostor), maxExcluding);
    }

    private int[] enroll(Method m, int[] candidates, float[][] s, FingerprintQuality[] q) {
        FingerprintQuality[] cq = new FingerprintQuality[candidates.length];
        double[][] pair = new double[candidates.length][candidates.length];
        for (int a = 0; a < candidates.length; a++) {
            cq[a] = q[candidates[a]];
            for (int b = 0; b < candidates.length; b++) {
                if (a != b) {
                    pair[a][b] = Math.max(s[candidates[a]][candidates[b]], s[candidates[b]][candidates[a]]);
                }
            }
        }
        int[] chosen = ImpressionSelection.choose(m.rule(), ImpressionSelection.KEEP, cq, pair, CONSISTENCY);
        return Arrays.stream(chosen).map(i -> candidates[i]).toArray();
    }

    private static double score(float[][] s, int probe, int[] enrolled, boolean fused) {
        double[] v = new double[enrolled.length];
        double best = 0;
        for (int i = 0; i < enrolled.length; i++) {
            v[i] = s[probe][enrolled[i]];
            best = Math.max(best, v[i]);
        }
        return fused ? FingerprintScoreFusion.fuse(v) : best;
    }

    private Map<String, Object> report(List<String> preparations) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("protocol", "halves: enroll 3 of impressions 1-4 (probes 5-8), then 3 of 5-8 (probes 1-4); genuine 80 "
                + "per database; impostors: every image of every other finger against each enrollment (6,240 per database); "
                + "threshold " + THRESHOLD + " (shipped, SourceAFIS scale, FMR 1e-4); FMR 0 = above the highest impostor of the database");
        List<Method> methods = new ArrayList<>();
        for (String preparation : preparations) {
            for (ImpressionSelection.Rule rule : ImpressionSelection.Rule.values()) {
                methods.add(new Method(preparation, rule, true));
                if (rule == ImpressionSelection.Rule.FIRST) {
                    methods.add(new Method(preparation, rule, false));
                }
            }
        }
        if (preparations.contains("clahe")) {
            // what storing every captured impression did before: four enrolled, the same fused score
            methods.add(new Method("clahe", null, true));
        }
        Map<Method, Trials> all = new LinkedHashMap<>();
        methods.forEach(m -> all.put(m, trials(m)));
        Map<String, Object> byMethod = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-28s", "FNMR at 40 (FMR 0?)"));
        databases.forEach(d -> table.append(String.format(Locale.ROOT, " %16s", d)));
        table.append(String.format(Locale.ROOT, " %10s%n", "pooled"));
        for (Method m : methods) {
            Trials t = all.get(m);
            Map<String, Object> perDb = new LinkedHashMap<>();
            table.append(String.format(Locale.ROOT, "%-28s", m.name()));
            for (int d = 0; d < databases.size(); d++) {
                perDb.put(databases.get(d), figures(t.genuine()[d], t.impostor()[d]));
                table.append(String.format(Locale.ROOT, " %7.1f%% (%5.1f%%)", 100 * fnmr(t.genuine()[d], THRESHOLD),
                        100 * fnmr(t.genuine()[d], max(t.impostor()[d]))));
            }
            double[] g = concat(t.genuine());
            double[] i = concat(t.impostor());
            perDb.put("pooled", figures(g, i));
            table.append(String.format(Locale.ROOT, " %9.1f%%%n", 100 * fnmr(g, THRESHOLD)));
            byMethod.put(m.name(), perDb);
        }
        out.put("methods", byMethod);
        out.put("leave_one_database_out_method_choice", leaveOneOut(methods, all, table));
        Map<String, Object> fusion = new LinkedHashMap<>();
        Map<String, Object> normaliser = new LinkedHashMap<>();
        for (String preparation : List.of("clahe", "gabor")) {
            if (scores.containsKey(preparation)) {
                fusion.put(preparation, fusionWeightLodo(preparation));
                normaliser.put(preparation, normaliserHeldOut(preparation));
            }
        }
        fusion.forEach((preparation, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) value;
            table.append(String.format(Locale.ROOT, "%nfusion weight and calibration fitted without the database (%s): ", preparation));
            databases.forEach(db -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) f.get(db);
                table.append(String.format(Locale.ROOT, "%s w %.2f / %.3f FNMR %.1f%% (shipped 0.5: %.1f%%); ", db, e.get("chosen_weight"),
                        e.get("calibration"), 100 * (Double) e.get("fnmr_held_out"), 100 * (Double) e.get("shipped_weight_fnmr_held_out")));
            });
        });
        normaliser.forEach((preparation, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> n = (Map<String, Object>) value;
            table.append(String.format(Locale.ROOT, "%nnormaliser refitted without the database (%s), held-out FMR at claimed 1e-1/1e-2/1e-3/1e-4: ", preparation));
            databases.forEach(db -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) n.get(db);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> levels = (List<Map<String, Object>>) e.get("refitted_levels");
                table.append(db).append(' ');
                levels.forEach(l -> table.append(String.format(Locale.ROOT, "%.1e ", (Double) l.get("held_out_fmr"))));
                table.append("; ");
            });
            table.append(String.format(Locale.ROOT, "%n"));
        });
        out.put("fusion_weight_leave_one_database_out", fusion);
        out.put("normaliser_held_out", normaliser);
        System.out.print(table);
        return out;
    }

    private Map<String, Object> figures(double[] genuine, double[] impostor) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("genuine", genuine.length);
        f.put("impostor", impostor.length);
        f.put("fnmr_at_40", fnmr(genuine, THRESHOLD));
        f.put("fmr_at_40", fmr(impostor, THRESHOLD));
        double highest = max(impostor);
        f.put("highest_impostor", highest);
        f.put("fnmr_at_fmr_0", fnmr(genuine, Math.nextUp(highest)));
        double t3 = quantileThreshold(impostor, 1e-3);
        f.put("fnmr_at_fmr_1e-3", impostor.length >= 3000 ? fnmr(genuine, t3) : null);
        f.put("fnmr_at_fmr_1e-4", impostor.length >= 30000 ? fnmr(genuine, quantileThreshold(impostor, 1e-4)) : null);
        return f;
    }

    /**
     * For each held-out database: the method with the lowest pooled FNMR on the other three at their
     * FMR-0 threshold (just above the highest impostor trial with neither side in the held-out
     * database), then measured on the held-out database at that same threshold.
     */
    private Map<String, Object> leaveOneOut(List<Method> methods, Map<Method, Trials> all, StringBuilder table) {
        Map<String, Object> out = new LinkedHashMap<>();
        table.append(String.format(Locale.ROOT, "%nleave one database out (method and FMR-0 threshold fitted on the other three):%n"));
        int missed = 0;
        int genuineTotal = 0;
        for (int d = 0; d < databases.size(); d++) {
            Method best = null;
            double bestFnmr = Double.MAX_VALUE;
            for (Method m : methods) {
                if (m.rule() == null) {
                    continue;   // four enrolled: not a three-impression method
                }
                Trials t = all.get(m);
                List<double[]> g = new ArrayList<>();
                List<double[]> imp = new ArrayList<>();
                for (int o = 0; o < databases.size(); o++) {
                    if (o != d) {
                        g.add(t.genuine()[o]);
                        imp.add(t.impostor()[o]);
                    }
                }
                double[] gen = concat(g.toArray(double[][]::new));
                double value = fnmr(gen, lodoThreshold(t, d));
                if (value < bestFnmr - 1e-12) {
                    bestFnmr = value;
                    best = m;
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            if (best == null) {
                entry.put("chosen", null);
            } else {
                Trials t = all.get(best);
                double threshold = lodoThreshold(t, d);
                entry.put("chosen", best.name());
                entry.put("fnmr_on_other_databases", bestFnmr);
                entry.put("threshold_fmr_0_other_databases", threshold);
                entry.put("held_out_fnmr", fnmr(t.genuine()[d], threshold));
                entry.put("held_out_fmr", fmr(t.impostor()[d], threshold));
                entry.putAll(figures(t.genuine()[d], t.impostor()[d]));
                missed += (int) Math.round(fnmr(t.genuine()[d], threshold) * t.genuine()[d].length);
                genuineTotal += t.genuine()[d].length;
                table.append(String.format(Locale.ROOT, "  %-16s chosen %-28s threshold %.1f: FNMR %.1f%% FMR %.5f (at 40: %.1f%%)%n",
                        databases.get(d), best.name(), threshold, 100 * fnmr(t.genuine()[d], threshold),
                        fmr(t.impostor()[d], threshold), 100 * fnmr(t.genuine()[d], THRESHOLD)));
            }
            out.put(databases.get(d), entry);
        }
        out.put("pooled_held_out_fnmr", genuineTotal == 0 ? null : missed / (double) genuineTotal);
        return out;
    }

    /** Just above the highest impostor trial in which neither the enrolled finger nor the probe is in database d. */
    private double lodoThreshold(Trials t, int d) {
        double highest = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < databases.size(); o++) {
            if (o != d) {
                highest = Math.max(highest, t.otherProbeMax()[o][d]);
            }
        }
        return Math.nextUp(highest);
    }

    /**
     * The fusion's second-score weight and its calibration, leave one database out: for each weight,
     * the calibration comes from the 1e-4 impostor quantile of every 3-of-8 enrollment of the other
     * databases' fingers against their images (no image of the held-out database); the weight with the
     * lowest FNMR at 40 on the other databases (halves protocol, first three) is then measured on the held-out one.
     */
    private Map<String, Object> fusionWeightLodo(String preparation) {
        float[][] s = scores.get(preparation);
        if (s == null) {
            return Map.of();
        }
        double[] weights = {0, 0.25, 0.5, 0.75, 1.0};
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("weights_tried", weights);
        int missed = 0;
        int total = 0;
        for (int d = 0; d < databases.size(); d++) {
            double bestWeight = Double.NaN;
            double bestCalibration = Double.NaN;
            double bestFnmr = Double.MAX_VALUE;
            Map<String, Object> tried = new LinkedHashMap<>();
            for (double w : weights) {
                double calibration = impostorQuantileRaw(s, w, d) / THRESHOLD;
                int[] counts = genuineCounts(s, w, calibration, d, false);
                double value = counts[1] / (double) counts[0];
                tried.put(String.valueOf(w), Map.of("calibration", calibration, "fnmr_other_databases", value));
                if (value < bestFnmr - 1e-12) {
                    bestFnmr = value;
                    bestWeight = w;
                    bestCalibration = calibration;
                }
            }
            int[] held = genuineCounts(s, bestWeight, bestCalibration, d, true);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("tried", tried);
            entry.put("chosen_weight", bestWeight);
            entry.put("calibration", bestCalibration);
            entry.put("fnmr_held_out", held[1] / (double) held[0]);
            double shippedRaw = impostorQuantileRaw(s, FingerprintScoreFusion.SECOND_WEIGHT, d);
            entry.put("shipped_weight_calibration_from_other_databases", shippedRaw / THRESHOLD);
            int[] shipped = genuineCounts(s, FingerprintScoreFusion.SECOND_WEIGHT, shippedRaw / THRESHOLD, d, true);
            entry.put("shipped_weight_fnmr_held_out", shipped[1] / (double) shipped[0]);
            out.put(databases.get(d), entry);
            missed += held[1];
            total += held[0];
        }
        out.put("pooled_fnmr_held_out", total == 0 ? null : missed / (double) total);
        return out;
    }

    private double impostorQuantileRaw(float[][] s, double w, int excludedDb) {
        List<Double> values = new ArrayList<>();
        for (int f = 0; f < imagesOf.length; f++) {
            if (dbOf[f] == excludedDb) {
                continue;
            }
            int[] im = imagesOf[f];
            for (int a = 0; a < im.length; a++) {
                for (int b = a + 1; b < im.length; b++) {
                    for (int c = b + 1; c < im.length; c++) {
                        for (int p = 0; p < fingerOf.length; p++) {
                            if (fingerOf[p] == f || dbOf[fingerOf[p]] == excludedDb) {
                                continue;
                            }
                            values.add(raw(w, s[p][im[a]], s[p][im[b]], s[p][im[c]]));
                        }
                    }
                }
            }
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil((1 - 1e-4) * v.length) - 1)];
    }

    /** {genuine, below 40}: halves protocol, first three enrolled, over the held-out database or the others. */
    private int[] genuineCounts(float[][] s, double w, double calibration, int d, boolean heldOut) {
        int genuine = 0;
        int missed = 0;
        for (int f = 0; f < imagesOf.length; f++) {
            if ((dbOf[f] == d) != heldOut || imagesOf[f].length < 8) {
                continue;
            }
            int[] im = imagesOf[f];
            for (int half = 0; half < 2; half++) {
                int e = half * 4;
                for (int k = 0; k < 4; k++) {
                    int p = im[(1 - half) * 4 + k];
                    double v = raw(w, s[p][im[e]], s[p][im[e + 1]], s[p][im[e + 2]]) / calibration;
                    genuine++;
                    missed += v < THRESHOLD ? 1 : 0;
                }
            }
        }
        return new int[] {genuine, missed};
    }

    private static double raw(double w, double a, double b, double c) {
        double best = Math.max(a, Math.max(b, c));
        double second = a + b + c - best - Math.min(a, Math.min(b, c));
        return best + w * second;
    }

    /**
     * The score normaliser refitted without each database and checked on it: the impostor survival
     * table is fitted on single-impression impostor pairs with neither image in the held-out database,
     * and at the scores where the refitted normaliser claims FMR 1e-1, 1e-2, 1e-3 and 1e-4 the share of
     * held-out impostor pairs (the probe in the held-out database, any other finger) reaching them is
     * measured. The shipped normaliser is checked the same way on fused 3-impression scores, which is
     * what the authentication fusion receives (strength 2 = FMR 1e-2 is the face+finger rule's bar
     * for each factor).
     */
    private Map<String, Object> normaliserHeldOut(String preparation) {
        float[][] s = scores.get(preparation);
        if (s == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        double[] grid = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 35};
        for (int d = 0; d < databases.size(); d++) {
            List<Double> train = new ArrayList<>();
            List<Double> test = new ArrayList<>();
            for (int i = 0; i < fingerOf.length; i++) {
                for (int j = 0; j < fingerOf.length; j++) {
                    if (fingerOf[i] == fingerOf[j]) {
                        continue;
                    }
                    boolean touches = dbOf[fingerOf[i]] == d || dbOf[fingerOf[j]] == d;
                    if (!touches) {
                        train.add((double) s[i][j]);
                    } else if (dbOf[fingerOf[i]] == d) {
                        test.add((double) s[i][j]);
                    }
                }
            }
            double[] tr = train.stream().mapToDouble(Double::doubleValue).toArray();
            double[] te = test.stream().mapToDouble(Double::doubleValue).toArray();
            double[] table = new double[grid.length];
            for (int g = 0; g < grid.length; g++) {
                double share = fmr(tr, grid[g]);
                table[g] = share <= 0 ? Double.POSITIVE_INFINITY : -Math.log10(share);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("fit_pairs", tr.length);
            entry.put("test_pairs", te.length);
            double maxDiff = 0;
            for (double score = 0; score <= 40; score += 0.5) {
                maxDiff = Math.max(maxDiff, Math.abs(refitted(score, grid, table) - FingerprintScoreNormalizer.toLogFmr(score)));
            }
            entry.put("max_difference_to_shipped_log_fmr", maxDiff);
            List<Map<String, Object>> levels = new ArrayList<>();
            for (int level = 1; level <= 4; level++) {
                double at = scoreFor(level, grid, table);
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("claimed_fmr", Math.pow(10, -level));
                l.put("score", at);
                l.put("held_out_fmr", fmr(te, at));
                l.put("held_out_false_matches", (int) Math.round(fmr(te, at) * te.length));
                levels.add(l);
            }
            entry.put("refitted_levels", levels);
            out.put(databases.get(d), entry);
        }
        // shipped normaliser on fused 3-impression impostor trials (halves, first three), per database
        Trials fused = trials(new Method(preparation, ImpressionSelection.Rule.FIRST, true));
        Map<String, Object> shipped = new LinkedHashMap<>();
        for (int d = 0; d < databases.size(); d++) {
            double[] imp = fused.impostor()[d];
            List<Map<String, Object>> levels = new ArrayList<>();
            for (int level = 1; level <= 4; level++) {
                int hits = 0;
                for (double v : imp) {
                    hits += FingerprintScoreNormalizer.toLogFmr(v) >= level ? 1 : 0;
                }
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("strength", level);
                l.put("claimed_fmr", Math.pow(10, -level));
                l.put("measured_fmr", hits / (double) imp.length);
                l.put("false_matches", hits);
                levels.add(l);
            }
            shipped.put(databases.get(d), Map.of("impostor_trials", imp.length, "levels", levels));
        }
        out.put("shipped_normaliser_on_fused_scores", shipped);
        return out;
    }

    private static double refitted(double score, double[] grid, double[] table) {
        if (score <= 0) {
            return 0;
        }
        double vendor = score / FingerprintThresholds.POINTS_PER_DECADE;
        double measured;
        int last = grid.length - 1;
        if (score >= grid[last]) {
            measured = table[last] + (score - grid[last]) / FingerprintThresholds.POINTS_PER_DECADE;
        } else {
            int i = 1;
            while (score > grid[i]) {
                i++;
            }
            measured = table[i - 1] + (score - grid[i - 1]) / (grid[i] - grid[i - 1]) * (table[i] - table[i - 1]);
        }
        return Math.min(FingerprintScoreNormalizer.MAX_LOG_FMR, Math.min(vendor, measured));
    }

    private static double scoreFor(double level, double[] grid, double[] table) {
        for (double score = 0; score <= 200; score += 0.1) {
            if (refitted(score, grid, table) >= level) {
                return score;
            }
        }
        return Double.NaN;
    }

    // ---------------------------------------------------------------- small helpers

    private static float[][] mean(float[][] a, float[][] b) {
        float[][] m = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            m[i] = new float[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                m[i][j] = (a[i][j] + b[i][j]) / 2;
            }
        }
        return m;
    }

    private static List<List<Double>> lists(int n) {
        List<List<Double>> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static double[][] arrays(List<List<Double>> lists) {
        return lists.stream().map(l -> l.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }

    static double fnmr(double[] genuine, double threshold) {
        if (genuine.length == 0) {
            return 0;
        }
        int below = 0;
        for (double g : genuine) {
            below += g < threshold ? 1 : 0;
        }
        return below / (double) genuine.length;
    }

    static double fmr(double[] impostor, double threshold) {
        if (impostor.length == 0) {
            return 0;
        }
        int above = 0;
        for (double v : impostor) {
            above += v >= threshold ? 1 : 0;
        }
        return above / (double) impostor.length;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Lowest threshold at which at most fmr x n impostors reach it. */
    private static double quantileThreshold(double[] impostor, double fmr) {
        double[] sorted = impostor.clone();
        Arrays.sort(sorted);
        int allowed = (int) Math.floor(fmr * sorted.length);
        return Math.nextUp(sorted[sorted.length - 1 - allowed]);
    }
}

package org.careid.face.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.careid.biometric.evaluation.EvaluationReport;
import org.careid.face.model.FaceModels;
import org.careid.face.quality.MaskClassifier;

/**
 * Trains the mask classifier shipped in {@link MaskClassifier#RESOURCE} (scripts/train-mask-classifier).
 * Training data: the groups {@link MaskDatasets#heldOut} leaves in (MFR2 identities, detection-set
 * photos, faces/ identities); regularisation and threshold are chosen by 5-fold cross-validation
 * over training groups only; the report then gives the rates on the held-out groups, which the
 * training never saw. The resource holds weights, standardisation and provenance, no image data.
 *
 * <p>Usage: MaskClassifierTraining DATASETS_DIR CLASSIFIER.json REPORT.json
 */
public final class MaskClassifierTraining {

    private static final double[] LAMBDAS = {1e-3, 1e-2, 1e-1};
    private static final int FOLDS = 5;
    /** Targets the threshold is chosen for (on out-of-fold training scores). */
    static final double TARGET_FOUND = 0.98;
    static final double TARGET_BARE_FLAGGED = 0.01;

    private MaskClassifierTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: MaskClassifierTraining DATASETS_DIR CLASSIFIER.json REPORT.json");
            System.exit(2);
        }
        Path datasets = Path.of(args[0]);
        Path modelsDir = Path.of(System.getProperty("careid.models.dir", "models"));
        List<FaceSample> all = new ArrayList<>();
        try (FaceModels models = FaceModels.load(modelsDir, 1);
             FaceSampleExtractor x = new FaceSampleExtractor(models, Path.of(System.getProperty("careid.embedding-cache",
                     "target/face-features.tsv")))) {
            if (!models.ready()) {
                System.err.println("face models unavailable: " + models.failure());
                System.exit(1);
            }
            all.addAll(MaskDatasets.mfr2(datasets.resolve("masked/mfr2"), x));
            all.addAll(MaskDatasets.withWithout("detection", datasets.resolve("masked/detection"), x));
            all.addAll(MaskDatasets.bareIdentities("faces", datasets.resolve("faces"), x));
        }
        List<FaceSample> train = all.stream().filter(s -> !MaskDatasets.heldOut(s.group()) && s.faceFound()).toList();
        List<FaceSample> test = all.stream().filter(s -> MaskDatasets.heldOut(s.group())).toList();

        Map<String, Object> cv = new LinkedHashMap<>();
        double bestLambda = LAMBDAS[0];
        double bestLoss = Double.MAX_VALUE;
        double[] bestOof = null;
        for (double lambda : LAMBDAS) {
            double[] oof = outOfFold(train, lambda);
            double loss = balancedLogLoss(train, oof);
            cv.put("lambda_" + lambda + "_balanced_log_loss", loss);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestLambda = lambda;
                bestOof = oof;
            }
        }
        double threshold = chooseThreshold(train, bestOof);
        Map<String, Object> ablation = new LinkedHashMap<>();
        int e = org.careid.face.embed.FaceEmbedder.DIMENSIONS;
        int h = org.careid.face.quality.MaskFeatures.HOG_LENGTH;
        int[][] ranges = {{0, e}, {e, e + h}, {e + h, e + h + org.careid.face.quality.MaskFeatures.COLOUR_LENGTH}, {e, e + h
            + org.careid.face.quality.MaskFeatures.COLOUR_LENGTH}};
        String[] names = {"embedding_only", "lower_face_hog_only", "colour_contrast_only", "hog_and_colour"};
        for (int r = 0; r < ranges.length; r++) {
            List<FaceSample> sub = slice(train, ranges[r][0], ranges[r][1]);
            double[] oof = outOfFold(sub, bestLambda);
            double t = chooseThreshold(sub, oof);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("balanced_log_loss", balancedLogLoss(sub, oof));
            m.put("threshold", t);
            m.put("out_of_fold", MaskRates.of(sub, new IndexedFlag(sub, oof, t)));
            ablation.put(names[r], m);
        }
        cv.put("feature_ablation_same_lambda", ablation);
        cv.put("lambda", bestLambda);
        cv.put("threshold", threshold);
        final double[] oofScores = bestOof;
        cv.put("out_of_fold_at_threshold", MaskRates.of(train, new IndexedFlag(train, oofScores, threshold)));

        String provenance = "trained " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " at commit " + gitCommit()
                + " by scripts/train-mask-classifier on " + train.size() + " photos with a face ("
                + train.stream().filter(FaceSample::masked).count() + " masked) of ../shared/datasets: masked/mfr2, masked/detection, "
                + "faces (training part of the split: " + MaskDatasets.SPLIT_RULE + ")";
        MaskClassifier c = LogisticRegression.fit(features(train), labels(train), bestLambda, threshold, provenance);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", "logistic regression on MaskFeatures of the aligned 112x112 face crop (L2-normalised 128-d "
                + "MobileFaceNet embedding, lower-face HOG, lower/upper colour contrast); masked when probability >= threshold");
        json.put("provenance", provenanceMap(provenance, train, test, bestLambda));
        json.put("threshold", threshold);
        json.put("bias", c.bias());
        json.put("weights", c.weights());
        json.put("mean", c.mean());
        json.put("scale", c.scale());
        EvaluationReport.writeJson(Path.of(args[1]), json);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("split", MaskDatasets.SPLIT_RULE);
        report.put("training_photos_with_face", train.size());
        report.put("held_out_photos", test.size());
        report.put("cross_validation_on_training_groups", cv);
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("all_sources", MaskRates.of(test, c::masked));
        for (String source : new String[] {"mfr2", "detection", "faces"}) {
            held.put(source, MaskRates.of(test.stream().filter(s -> s.source().equals(source)).toList(), c::masked));
        }
        Map<String, Object> perType = new TreeMap<>();
        for (String type : test.stream().filter(s -> s.source().equals("mfr2")).map(FaceSample::maskType).distinct().toList()) {
            perType.put(type, MaskRates.of(test.stream().filter(s -> s.source().equals("mfr2") && s.maskType().equals(type)).toList(),
                    c::masked));
        }
        held.put("mfr2_per_mask_type", perType);
        held.put("held_out_mfr2_identities", test.stream().filter(s -> s.source().equals("mfr2")).map(FaceSample::group).distinct().count());
        held.put("held_out_faces_identities", test.stream().filter(s -> s.source().equals("faces")).map(FaceSample::group).distinct().count());
        report.put("held_out", held);
        report.put("training_fit", MaskRates.of(train, c::masked));
        EvaluationReport.writeJson(Path.of(args[2]), report);
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(held));
        System.out.println("classifier written: " + Path.of(args[1]).toAbsolutePath() + "; report: " + Path.of(args[2]).toAbsolutePath());
    }

    private static Map<String, Object> provenanceMap(String text, List<FaceSample> train, List<FaceSample> test, double lambda) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("summary", text);
        p.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("commit", gitCommit());
        p.put("command", "scripts/train-mask-classifier ../shared/datasets src/main/resources/" + MaskClassifier.RESOURCE + " REPORT.json");
        p.put("data", "../shared/datasets masked/mfr2 (MFR2), masked/detection (chandrikadeb7 Face-Mask-Detection), faces/ (bare)");
        p.put("split", MaskDatasets.SPLIT_RULE);
        Map<String, Long> counts = new TreeMap<>();
        for (FaceSample s : train) {
            counts.merge(s.source() + (s.masked() ? "_masked" : "_bare"), 1L, Long::sum);
        }
        p.put("training_counts", counts);
        p.put("held_out_photos", test.size());
        p.put("lambda", lambda);
        p.put("threshold_rule", "on 5-fold out-of-fold training scores: midpoint of the thresholds meeting masks found >= "
                + TARGET_FOUND + " and bare flagged <= " + TARGET_BARE_FLAGGED + ", else the lowest threshold with bare flagged <= "
                + TARGET_BARE_FLAGGED);
        return p;
    }

    /** Out-of-fold probabilities: each training group scored by a model fitted without its fold. */
    static double[] outOfFold(List<FaceSample> train, double lambda) {
        double[] oof = new double[train.size()];
        for (int f = 0; f < FOLDS; f++) {
            List<FaceSample> fit = new ArrayList<>();
            for (FaceSample s : train) {
                if (fold(s.group()) != f) {
                    fit.add(s);
                }
            }
            MaskClassifier c = LogisticRegression.fit(features(fit), labels(fit), lambda, 0.5, "cv");
            for (int i = 0; i < train.size(); i++) {
                if (fold(train.get(i).group()) == f) {
                    oof[i] = c.probability(train.get(i).embedding());
                }
            }
        }
        return oof;
    }

    private static int fold(String group) {
        CRC32 crc = new CRC32();
        crc.update(("fold:" + group).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % FOLDS);
    }

    static double chooseThreshold(List<FaceSample> train, double[] p) {
        double lowOk = Double.NaN;
        double highOk = Double.NaN;
        double lowestBareOk = Double.NaN;
        for (int k = 1; k < 1000; k++) {
            double t = k / 1000.0;
            int masked = 0;
            int found = 0;
            int bare = 0;
            int flagged = 0;
            for (int i = 0; i < p.length; i++) {
                if (train.get(i).masked()) {
                    masked++;
                    found += p[i] >= t ? 1 : 0;
                } else {
                    bare++;
                    flagged += p[i] >= t ? 1 : 0;
                }
            }
            boolean bareOk = flagged <= TARGET_BARE_FLAGGED * bare;
            if (bareOk && Double.isNaN(lowestBareOk)) {
                lowestBareOk = t;
            }
            if (bareOk && found >= TARGET_FOUND * masked) {
                if (Double.isNaN(lowOk)) {
                    lowOk = t;
                }
                highOk = t;
            }
        }
        return !Double.isNaN(lowOk) ? (lowOk + highOk) / 2 : lowestBareOk;
    }

    private static double balancedLogLoss(List<FaceSample> train, double[] p) {
        double pos = 0;
        double neg = 0;
        int np = 0;
        int nn = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(Math.max(p[i], 1e-9), 1 - 1e-9);
            if (train.get(i).masked()) {
                pos -= Math.log(q);
                np++;
            } else {
                neg -= Math.log(1 - q);
                nn++;
            }
        }
        return (pos / np + neg / nn) / 2;
    }

    private static List<FaceSample> slice(List<FaceSample> s, int from, int to) {
        return s.stream().map(x -> new FaceSample(x.source(), x.group(), x.file(), x.masked(), x.maskType(),
                java.util.Arrays.copyOfRange(x.embedding(), from, to), x.failure())).toList();
    }

    static float[][] features(List<FaceSample> s) {
        return s.stream().map(FaceSample::embedding).toArray(float[][]::new);
    }

    static boolean[] labels(List<FaceSample> s) {
        boolean[] y = new boolean[s.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = s.get(i).masked();
        }
        return y;
    }

    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    /** Flags a training sample by its out-of-fold score (looked up by identity of the embedding array). */
    private record IndexedFlag(List<FaceSample> samples, double[] scores, double threshold) implements java.util.function.Predicate<float[]> {
        @Override
        public boolean test(float[] e) {
            for (int i = 0; i < samples.size(); i++) {
                if (samples.get(i).embedding() == e) {
                    return scores[i] >= threshold;
                }
            }
            throw new IllegalStateException("not a training sample");
        }
    }
}

package org.careid.face.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.careid.biometric.evaluation.EvaluationReport;
import org.careid.biometric.evaluation.ScoreDistribution;
import org.careid.face.embed.FaceEmbedder;

/**
 * Masked-probe verification on MFR2 (real masks on 53 identities): the published pairs (pairs.txt,
 * per mask type), and an enrollment protocol where every masked photo is a probe against each
 * identity's enrollment in three variants: bare photos only; bare photos plus one real masked
 * photo (that photo then is no probe); bare photos plus synthetic masked templates (a mask drawn on
 * each bare photo in four colours). The threshold for FMR 1e-3 is calibrated on masked impostor
 * scores of one half of the identities and measured on the other half (then the halves swap): the
 * reported FMR and FNMR come from identities the threshold never saw.
 */
final class MaskedVerification {

    private static final double TARGET_FMR = 1e-3;

    private record Photo(String identity, int number, String type, float[] embedding) {
        boolean masked() {
            return !type.equals("no-mask");
        }
    }

    private MaskedVerification() {
    }

    static Map<String, Object> evaluate(Path mfr2, FaceSampleExtractor x, double defaultThreshold) throws IOException {
        List<FaceSample> samples = MaskDatasets.mfr2(mfr2, x);
        Map<String, Photo> byKey = new HashMap<>();
        List<Photo> photos = new ArrayList<>();
        int noFace = 0;
        for (FaceSample s : samples) {
            String identity = s.file().substring(0, s.file().indexOf('/'));
            int number = Integer.parseInt(s.file().replaceAll(".*_(\\d+)\\.[^.]+$", "$1"));
            if (!s.faceFound()) {
                noFace++;
                continue;
            }
            Photo p = new Photo(identity, number, s.maskType(), FaceSampleExtractor.embeddingOf(s.embedding()));
            photos.add(p);
            byKey.put(identity + "#" + number, p);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", mfr2.toAbsolutePath().normalize().toString());
        out.put("photos_with_face", photos.size());
        out.put("photos_without_face", noFace);
        out.put("pairs_txt", pairs(mfr2.resolve("pairs.txt"), byKey, defaultThreshold));

        Map<String, List<float[]>> bare = new TreeMap<>();
        Map<String, float[]> firstMasked = new HashMap<>();
        for (Photo p : photos) {
            if (!p.masked()) {
                bare.computeIfAbsent(p.identity(), k -> new ArrayList<>()).add(p.embedding());
            } else {
                firstMasked.merge(p.identity(), p.embedding(), (a, b) -> a);
            }
        }
        Map<String, List<float[]>> synthetic = new TreeMap<>();
        for (FaceSample s : samples) {
            if (!s.masked() && s.faceFound()) {
                String identity = s.file().substring(0, s.file().indexOf('/'));
                synthetic.computeIfAbsent(identity, k -> new ArrayList<>(bare.get(identity)))
                        .addAll(x.syntheticMaskedEmbeddings(mfr2.resolve(s.file())));
            }
        }
        Map<String, List<float[]>> withReal = new TreeMap<>();
        for (Map.Entry<String, List<float[]>> e : bare.entrySet()) {
            List<float[]> t = new ArrayList<>(e.getValue());
            if (firstMasked.containsKey(e.getKey())) {
                t.add(firstMasked.get(e.getKey()));
            }
            withReal.put(e.getKey(), t);
        }
        Map<String, Object> protocols = new LinkedHashMap<>();
        protocols.put("bare_enrollment", protocol(photos, bare, null, defaultThreshold));
        protocols.put("bare_plus_one_real_masked", protocol(photos, withReal, firstMasked, defaultThreshold));
        protocols.put("bare_plus_synthetic_masked", protocol(photos, synthetic, null, defaultThreshold));
        out.put("masked_probe_protocols", protocols);
        out.put("note", "scores: best cosine of a masked probe over an identity's enrolled templates; held_out_* figures: threshold "
                + "for FMR " + TARGET_FMR + " fitted on the masked impostor scores of one half of the identities (both probe and "
                + "enrolled identity in it), measured on the other half, halves swapped and pooled");
        return out;
    }

    private static Map<String, Object> pairs(Path file, Map<String, Photo> byKey, double defaultThreshold) throws IOException {
        List<Double> gen = new ArrayList<>();
        List<Double> imp = new ArrayList<>();
        Map<String, List<Double>> genuineByType = new TreeMap<>();
        int missing = 0;
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            Photo a;
            Photo b;
            if (f.length == 3) {
                a = byKey.get(f[0] + "#" + f[1]);
                b = byKey.get(f[0] + "#" + f[2]);
            } else if (f.length == 4) {
                a = byKey.get(f[0] + "#" + f[1]);
                b = byKey.get(f[2] + "#" + f[3]);
            } else {
                continue;
            }
            if (a == null || b == null) {
                missing++;
                continue;
            }
            double s = FaceEmbedder.similarity(a.embedding(), b.embedding());
            if (f.length == 3) {
                gen.add(s);
                String type = a.masked() ? a.type() : b.type();
                genuineByType.computeIfAbsent(a.masked() && b.masked() ? "both_masked" : type, k -> new ArrayList<>()).add(s);
                if (a.masked() && b.masked()) {
                    genuineByType.computeIfAbsent(a.type(), k -> new ArrayList<>()).add(s);
                }
            } else {
                imp.add(s);
            }
        }
        ScoreDistribution d = ScoreDistribution.of(gen, imp);
        Map<String, Object> m = new LinkedHashMap<>(EvaluationReport.summarize(d, defaultThreshold));
        m.put("pairs_without_face", missing);
        Map<String, Object> perType = new TreeMap<>();
        for (Map.Entry<String, List<Double>> e : genuineByType.entrySet()) {
            long below = e.getValue().stream().filter(v -> v < defaultThreshold).count();
            perType.put(e.getKey(), Map.of("genuine_pairs", e.getValue().size(), "fnmr_at_default", below / (double) e.getValue().size()));
        }
        m.put("genuine_pairs_per_mask_type", perType);
        m.put("note", "LFW-format pairs; a pair's mask type is its masked photo's (both_masked: both photos masked, counted again under "
                + "the first photo's type); no-mask: both bare");
        return m;
    }

    /** Every masked photo (except those enrolled) is a probe against every identity's templates. */
    private static Map<String, Object> protocol(List<Photo> photos, Map<String, List<float[]>> enrolled, Map<String, float[]> excluded,
                                                double defaultThreshold) {
        List<double[]> gen = new ArrayList<>(); // {score, half of identity}
        List<double[]> imp = new ArrayList<>(); // {score, half, 1 if probe and enrolled in the same half}
        Map<String, List<Double>> genuineByType = new TreeMap<>();
        for (Photo p : photos) {
            if (!p.masked() || (excluded != null && excluded.get(p.identity()) == p.embedding())) {
                continue;
            }
            for (Map.Entry<String, List<float[]>> e : enrolled.entrySet()) {
                double best = Double.NEGATIVE_INFINITY;
                for (float[] t : e.getValue()) {
                    best = Math.max(best, FaceEmbedder.similarity(p.embedding(), t));
                }
                int half = half(p.identity());
                if (e.getKey().equals(p.identity())) {
                    gen.add(new double[] {best, half});
                    genuineByType.computeIfAbsent(p.type(), k -> new ArrayList<>()).add(best);
                } else {
                    imp.add(new double[] {best, half, half == half(e.getKey()) ? 1 : 0});
                }
            }
        }
        ScoreDistribution all = ScoreDistribution.of(gen.stream().map(g -> g[0]).toList(), imp.stream().map(g -> g[0]).toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("in_sample", EvaluationReport.summarize(all, defaultThreshold));
        int falseMatches = 0;
        int impostors = 0;
        int falseNonMatches = 0;
        int genuines = 0;
        List<Double> thresholds = new ArrayList<>();
        for (int h = 0; h < 2; h++) {
            final int fit = h;
            double[] calib = imp.stream().filter(g -> g[1] == fit && g[2] == 1).mapToDouble(g -> g[0]).sorted().toArray();
            double t = thresholdFor(calib, TARGET_FMR);
            thresholds.add(t);
            for (double[] g : imp) {
                if (g[1] != fit && g[2] == 1) {
                    impostors++;
                    falseMatches += g[0] >= t ? 1 : 0;
                }
            }
            for (double[] g : gen) {
                if (g[1] != fit) {
                    genuines++;
                    falseNonMatches += g[0] < t ? 1 : 0;
                }
            }
        }
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("thresholds_per_half", thresholds);
        held.put("impostor_pairs", impostors);
        held.put("genuine_probes", genuines);
        held.put("fmr", impostors == 0 ? 0 : falseMatches / (double) impostors);
        held.put("fnmr", genuines == 0 ? 0 : falseNonMatches / (double) genuines);
        held.put("resolution", "FMR 1e-3 is resolved only to about 1 false match in " + impostors + " impostor scores");
        m.put("held_out_fmr_1e-3", held);
        Map<String, Object> perType = new TreeMap<>();
        double mean = thresholds.stream().mapToDouble(Double::doubleValue).average().orElse(defaultThreshold);
        for (Map.Entry<String, List<Double>> e : genuineByType.entrySet()) {
            long below = e.getValue().stream().filter(v -> v < mean).count();
            perType.put(e.getKey(), Map.of("genuine_probes", e.getValue().size(), "fnmr_at_mean_held_out_threshold",
                    below / (double) e.getValue().size(), "fnmr_at_default", e.getValue().stream().filter(v -> v < defaultThreshold).count()
                    / (double) e.getValue().size()));
        }
        m.put("per_mask_type", perType);
        return m;
    }

    /** Lowest threshold whose share of impostor scores at or above it is at most {@code fmr} (sorted ascending input). */
    static double thresholdFor(double[] sortedImpostors, double fmr) {
        int allowed = (int) Math.floor(fmr * sortedImpostors.length);
        int n = sortedImpostors.length;
        if (n == 0) {
            return 1;
        }
        double above = sortedImpostors[n - 1 - allowed];
        return Math.nextUp(above);
    }

    private static int half(String identity) {
        CRC32 crc = new CRC32();
        crc.update(("verify:" + identity).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 2);
    }
}

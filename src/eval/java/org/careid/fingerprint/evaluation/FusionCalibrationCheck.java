package org.careid.fingerprint.evaluation;

import com.machinezoo.sourceafis.FingerprintMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.careid.fingerprint.ExtractedFingerprint;
import org.careid.fingerprint.FingerprintScoreFusion;

/**
 * Re-derives the calibration of {@link FingerprintScoreFusion} from impostor trials only and checks it
 * without leakage. Impostor trials: every 3-impression enrollment (each 3 of a finger's impressions)
 * against every image of every other finger. The uncalibrated fused value best + 0.5 x second that
 * 1e-4 of them reach, divided by 40, is the calibration. Leave one database out: the threshold at FMR
 * 1e-4 comes from trials in which neither side belongs to the held-out database, and the false
 * non-match rate is measured on that database's genuine trials of the standard protocol (impressions
 * 1-3 enrolled, the rest probes), so no genuine score and no score of the tested sensor sets it.
 */
final class FusionCalibrationCheck {
    private static final double TARGET_FMR = 1e-4;

    private FusionCalibrationCheck() {
    }

    static Map<String, Object> run(FingerDataset data, List<List<ExtractedFingerprint>> extracted) {
        List<ExtractedFingerprint> images = new ArrayList<>();
        List<Integer> fingerOf = new ArrayList<>();
        for (int f = 0; f < extracted.size(); f++) {
            for (ExtractedFingerprint e : extracted.get(f)) {
                images.add(e);
                fingerOf.add(f);
            }
        }
        int n = images.size();
        double[][] scores = new double[n][n];
        for (int i = 0; i < n; i++) {
            FingerprintMatcher matcher = new FingerprintMatcher(images.get(i).template());
            for (int j = 0; j < n; j++) {
                if (fingerOf.get(i) != fingerOf.get(j).intValue()) {
                    scores[i][j] = matcher.match(images.get(j).template());
                }
            }
        }
        List<String> databases = new ArrayList<>(new TreeSet<>(data.fingers().stream().map(FingerDataset.Finger::database).toList()));
        int[] databaseOfFinger = data.fingers().stream().mapToInt(f -> databases.indexOf(f.database())).toArray();
        // trials[d1][d2]: fused raw impostor values, enrolled finger in database d1, probe in d2
        int dbCount = databases.size();
        List<List<List<Double>>> collect = new ArrayList<>();
        for (int a = 0; a < dbCount; a++) {
            collect.add(new ArrayList<>());
            for (int b = 0; b < dbCount; b++) {
                collect.get(a).add(new ArrayList<>());
            }
        }
        int start = 0;
        for (int f = 0; f < extracted.size(); f++) {
            int size = extracted.get(f).size();
            for (int a = 0; a < size; a++) {
                for (int b = a + 1; b < size; b++) {
                    for (int c = b + 1; c < size; c++) {
                        int[] enrolled = {start + a, start + b, start + c};
                        for (int p = 0; p < n; p++) {
                            if (fingerOf.get(p) == f) {
                                continue;
                            }
                            double fused = raw(scores[p][enrolled[0]], scores[p][enrolled[1]], scores[p][enrolled[2]]);
                            collect.get(databaseOfFinger[f]).get(databaseOfFinger[fingerOf.get(p)]).add(fused);
                        }
                    }
                }
            }
            start += size;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        double[] all = gather(collect, -1);
        out.put("impostor_trials", all.length);
        double fusedAtTarget = quantile(all, 1 - TARGET_FMR);
        out.put("uncalibrated_fused_at_fmr_1e-4", fusedAtTarget);
        out.put("implied_calibration", fusedAtTarget / 40);
        out.put("shipped_calibration", FingerprintScoreFusion.CALIBRATION);
        Map<String, Object> lodo = new LinkedHashMap<>();
        int genuineTotal = 0;
        int missedTotal = 0;
        start = 0;
        int[] firstImage = new int[extracted.size()];
        for (int f = 0; f < extracted.size(); f++) {
            firstImage[f] = start;
            start += extracted.get(f).size();
        }
        for (int d = 0; d < dbCount; d++) {
            double threshold = quantile(gather(collect, d), 1 - TARGET_FMR);
            int genuine = 0;
            int missed = 0;
            for (int f = 0; f < extracted.size(); f++) {
                if (databaseOfFinger[f] != d || extracted.get(f).size() < 4) {
                    continue;
                }
                int base = firstImage[f];
                for (int k = 3; k < extracted.get(f).size(); k++) {
                    FingerprintMatcher matcher = new FingerprintMatcher(images.get(base + k).template());
                    double fused = raw(matcher.match(images.get(base).template()), matcher.match(images.get(base + 1).template()),
                            matcher.match(images.get(base + 2).template()));
                    genuine++;
                    if (fused < threshold) {
                        missed++;
                    }
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("threshold_from_other_databases", threshold);
            entry.put("genuine_trials", genuine);
            entry.put("fnmr", genuine == 0 ? 0 : missed / (double) genuine);
            lodo.put(databases.get(d), entry);
            genuineTotal += genuine;
            missedTotal += missed;
        }
        out.put("leave_one_database_out", lodo);
        out.put("leave_one_database_out_fnmr", genuineTotal == 0 ? 0 : missedTotal / (double) genuineTotal);
        return out;
    }

    private static double raw(double a, double b, double c) {
        return FingerprintScoreFusion.fuse(a, b, c) * FingerprintScoreFusion.CALIBRATION;
    }

    /** All trials, or (excluded >= 0) those where neither side is in the excluded database. */
    private static double[] gather(List<List<List<Double>>> collect, int excluded) {
        List<Double> values = new ArrayList<>();
        for (int a = 0; a < collect.size(); a++) {
            for (int b = 0; b < collect.size(); b++) {
                if (excluded < 0 || (a != excluded && b != excluded)) {
                    values.addAll(collect.get(a).get(b));
                }
            }
        }
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}

package org.careid.fingerprint.evaluation;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careid.fingerprint.ExtractedFingerprint;
import org.careid.fingerprint.FingerprintQuality;
import org.careid.fingerprint.FingerprintScoreFusion;
import org.careid.fingerprint.FingerprintThresholds;

/**
 * Quality-based impression selection at enrollment: of the first four impressions of a finger, the
 * three with the largest usable ridge area (usable area x share with coherent ridge flow) are
 * enrolled, as a kiosk that re-captures its worst impression would; impressions 5-8 are probes.
 * FNMR (fused score, shipped threshold) per database and FMR over all impostor trials.
 */
final class QualitySelection {

    private QualitySelection() {
    }

    static double usableRidgeArea(FingerprintQuality q) {
        return q.usableAreaMm2() * q.ridgeFlowFraction();
    }

    static Map<String, Object> run(FingerDataset data, List<List<ExtractedFingerprint>> extracted, boolean byQuality) {
        double threshold = FingerprintThresholds.defaults().verification();
        List<FingerprintTemplate[]> galleries = new ArrayList<>();
        for (List<ExtractedFingerprint> impressions : extracted) {
            List<ExtractedFingerprint> candidates = new ArrayList<>(impressions.subList(0, Math.min(4, impressions.size())));
            if (byQuality) {
                candidates.sort(Comparator.comparingDouble((ExtractedFingerprint e) -> usableRidgeArea(e.quality())).reversed());
            }
            galleries.add(candidates.subList(0, Math.min(3, candidates.size())).stream().map(ExtractedFingerprint::template)
                    .toArray(FingerprintTemplate[]::new));
        }
        Map<String, int[]> perDatabase = new TreeMap<>();
        int impostors = 0;
        int falseMatches = 0;
        int genuine = 0;
        int falseNonMatches = 0;
        for (int f = 0; f < extracted.size(); f++) {
            List<ExtractedFingerprint> impressions = extracted.get(f);
            for (ExtractedFingerprint probe : impressions.subList(Math.min(4, impressions.size()), impressions.size())) {
                FingerprintMatcher matcher = new FingerprintMatcher(probe.template());
                for (int g = 0; g < galleries.size(); g++) {
                    FingerprintTemplate[] gallery = galleries.get(g);
                    double[] scores = new double[gallery.length];
                    for (int i = 0; i < gallery.length; i++) {
                        scores[i] = matcher.match(gallery[i]);
                    }
                    double score = FingerprintScoreFusion.fuse(scores);
                    if (g == f) {
                        int[] c = perDatabase.computeIfAbsent(data.fingers().get(f).database(), k -> new int[2]);
                        c[0]++;
                        genuine++;
                        if (score < threshold) {
                            c[1]++;
                            falseNonMatches++;
                        }
                    } else {
                        impostors++;
                        falseMatches += score >= threshold ? 1 : 0;
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("genuine", genuine);
        out.put("impostor", impostors);
        out.put("fnmr_at_default", genuine == 0 ? 0 : falseNonMatches / (double) genuine);
        out.put("fmr_at_default", impostors == 0 ? 0 : falseMatches / (double) impostors);
        Map<String, Object> byDb = new LinkedHashMap<>();
        perDatabase.forEach((db, c) -> byDb.put(db, c[1] / (double) c[0]));
        out.put("fnmr_at_default_by_database", byDb);
        return out;
    }
}

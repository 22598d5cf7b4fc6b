package org.careid.biometric.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.zip.CRC32;

/**
 * Calibration measured on people it was not fitted on: subjects are split into two halves by a hash
 * of their name; the threshold is fitted on the scores where both sides of the comparison belong to
 * one half, then FMR and FNMR are counted on the other half's scores; the halves swap and the counts
 * are pooled. Two halves rather than k folds because impostor pairs must stay within one part and
 * small sets would leave each of k parts with too few of them.
 */
public final class HeldOutCalibration {

    /** One comparison: its score, the probe's subject and the enrolled (or other) subject. */
    public record Comparison(double score, String probeSubject, String enrolledSubject) {
        public boolean genuine() {
            return probeSubject.equals(enrolledSubject);
        }
    }

    private HeldOutCalibration() {
    }

    public static int half(String subject) {
        CRC32 crc = new CRC32();
        crc.update(("half:" + subject).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 2);
    }

    /**
     * @param fit fits a threshold on a score distribution (the same procedure that made the shipped value)
     */
    public static Map<String, Object> evaluate(List<Comparison> comparisons, ToDoubleFunction<ScoreDistribution> fit) {
        int falseMatches = 0;
        int impostors = 0;
        int falseNonMatches = 0;
        int genuines = 0;
        List<Map<String, Object>> halves = new ArrayList<>();
        for (int h = 0; h < 2; h++) {
            List<Double> gen = new ArrayList<>();
            List<Double> imp = new ArrayList<>();
            List<Comparison> test = new ArrayList<>();
            for (Comparison c : comparisons) {
                int hp = half(c.probeSubject());
                if (hp != half(c.enrolledSubject())) {
                    continue;
                }
                if (hp == h) {
                    (c.genuine() ? gen : imp).add(c.score());
                } else {
                    test.add(c);
                }
            }
            double t = fit.applyAsDouble(ScoreDistribution.of(gen, imp));
            int fm = 0;
            int im = 0;
            int fnm = 0;
            int ge = 0;
            for (Comparison c : test) {
                if (c.genuine()) {
                    ge++;
                    fnm += c.score() < t ? 1 : 0;
                } else {
                    im++;
                    fm += c.score() >= t ? 1 : 0;
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fitted_on_genuine", gen.size());
            m.put("fitted_on_impostor", imp.size());
            m.put("threshold", t);
            m.put("measured_genuine", ge);
            m.put("measured_impostor", im);
            m.put("fmr", im == 0 ? 0 : fm / (double) im);
            m.put("fnmr", ge == 0 ? 0 : fnm / (double) ge);
            halves.add(m);
            falseMatches += fm;
            impostors += im;
            falseNonMatches += fnm;
            genuines += ge;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("split", "subjects in two halves by CRC32(\"half:\" + subject) % 2; fit on one half's within-half comparisons, "
                + "measure on the other half's, swap, pool");
        out.put("halves", halves);
        out.put("measured_genuine", genuines);
        out.put("measured_impostor", impostors);
        out.put("false_matches", falseMatches);
        out.put("false_non_matches", falseNonMatches);
        out.put("fmr", impostors == 0 ? 0 : falseMatches / (double) impostors);
        out.put("fnmr", genuines == 0 ? 0 : falseNonMatches / (double) genuines);
        return out;
    }
}

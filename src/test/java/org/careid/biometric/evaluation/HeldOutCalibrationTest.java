package org.careid.biometric.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Held-out calibration fits on one half of the subjects and counts errors only on the other. */
class HeldOutCalibrationTest {

    @Test
    void thresholdFittedOnOneHalfIsJudgedOnTheOther() {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; subjects.size() < 4; i++) {
            String s = "s" + i;
            long inHalf0 = subjects.stream().filter(x -> HeldOutCalibration.half(x) == 0).count();
            if (HeldOutCalibration.half(s) == 0 ? inHalf0 < 2 : subjects.size() - inHalf0 < 2) {
                subjects.add(s);
            }
        }
        List<HeldOutCalibration.Comparison> c = new ArrayList<>();
        for (String p : subjects) {
            for (String e : subjects) {
                boolean half0 = HeldOutCalibration.half(p) == 0;
                // half 0 scores high for everyone, half 1 low: a threshold from one half misjudges the other
                double score = p.equals(e) ? (half0 ? 0.9 : 0.5) : (half0 ? 0.6 : 0.2);
                c.add(new HeldOutCalibration.Comparison(score, p, e));
            }
        }
        Map<String, Object> r = HeldOutCalibration.evaluate(c, d -> d.impostorScores()[d.impostorCount() - 1] + 0.01);
        // fitted on half 0 (t = 0.61), half 1's genuine 0.5 all fail; fitted on half 1 (t = 0.21), half 0's impostors 0.6 all pass
        assertEquals(4, r.get("measured_genuine"));
        assertEquals(4, r.get("measured_impostor"), "only within-half impostor pairs are counted");
        assertEquals(0.5, (double) r.get("fnmr"), 1e-12);
        assertEquals(0.5, (double) r.get("fmr"), 1e-12);
    }
}

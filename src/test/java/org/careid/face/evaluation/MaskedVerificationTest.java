package org.careid.face.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The masked-probe threshold rule: at most the target share of impostor scores reach it. */
class MaskedVerificationTest {

    @Test
    void thresholdLetsThroughAtMostTheTargetShareOfImpostors() {
        double[] impostors = new double[2000];
        for (int i = 0; i < impostors.length; i++) {
            impostors[i] = i / 2000.0;
        }
        double t = MaskedVerification.thresholdFor(impostors, 1e-3); // 2 of 2000 may reach it
        long reaching = java.util.Arrays.stream(impostors).filter(s -> s >= t).count();
        assertEquals(2, reaching);
        assertTrue(t > impostors[1997] && t <= impostors[1998]);
        double strict = MaskedVerification.thresholdFor(new double[] {0.1, 0.2, 0.3}, 1e-3);
        assertTrue(strict > 0.3, "fewer than 1,000 impostors: nothing may reach it");
    }
}

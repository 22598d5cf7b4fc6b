package org.careid.face.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Softmax, the averaged live probability, upstream's argmax rule and the thresholded verdict. */
class PadFusionTest {

    @Test
    void softmaxIsStableAndSumsToOne() {
        double[] p = PadFusion.softmax(new float[] {1000f, 1001f, 999f});
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        assertTrue(p[1] > p[0] && p[0] > p[2]);
        assertEquals(Math.exp(1) / (1 + Math.exp(1) + Math.exp(-1)), p[1], 1e-12);
    }

    @Test
    void fusedScoreIsTheMeanLiveProbability() {
        assertEquals(0.55, PadFusion.fuse(0.9, 0.2), 1e-12);
        assertEquals(0.3, PadFusion.fuse(0.3), 1e-12);
        assertThrows(IllegalArgumentException.class, PadFusion::fuse);
    }

    @Test
    void upstreamArgmaxCanCallLiveWhatAThresholdRefuses() {
        // live probability 0.4 is the largest of the three classes on average
        double[] a = {0.35, 0.40, 0.25};
        double[] b = {0.25, 0.40, 0.35};
        assertTrue(PadFusion.upstreamLive(a, b));
        assertFalse(new PadVerdict(PadFusion.fuse(a[1], b[1]), 0.5, PadFusion.fuse(a[1], b[1]) >= 0.5, List.of()).live());
        // one confident attack model outweighs a lukewarm live one
        assertFalse(PadFusion.upstreamLive(new double[] {0.05, 0.9, 0.05}, new double[] {0.98, 0.01, 0.01}));
    }

    @Test
    void verdictKeepsModelProbabilities() {
        double[] p = {0.1, 0.7, 0.2};
        PadVerdict.ModelScore m = new PadVerdict.ModelScore("minifasnet_v2", 2.7, p);
        p[1] = 0;
        assertEquals(0.7, m.live(), 1e-12, "defensive copy");
        PadVerdict v = new PadVerdict(0.7, 0.7, true, List.of(m));
        assertTrue(v.live());
        assertFalse(v.attack());
    }
}

package org.careid.fingerprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.careid.fingerprint.ImpressionSelection.Rule;
import org.junit.jupiter.api.Test;

/** The enrollment selection rules: which three of the captured impressions are kept. */
class ImpressionSelectionTest {
    private static final double CONSISTENCY = 30;

    private static FingerprintQuality quality(int minutiae, double usableArea, double ridgeFlow, double clarity) {
        return new FingerprintQuality(minutiae, 0.8, ridgeFlow, usableArea, ridgeFlow, clarity);
    }

    /** Impressions 0, 2, 3 agree strongly; 1 overlaps little with anyone; 4 matches 0 only moderately. */
    private static double[][] scores() {
        double[][] s = new double[5][5];
        set(s, 0, 1, 31);
        set(s, 0, 2, 90);
        set(s, 0, 3, 80);
        set(s, 0, 4, 35);
        set(s, 1, 2, 32);
        set(s, 1, 3, 33);
        set(s, 1, 4, 5);
        set(s, 2, 3, 85);
        set(s, 2, 4, 31);
        set(s, 3, 4, 12);
        return s;
    }

    private static void set(double[][] s, int a, int b, double v) {
        s[a][b] = v;
        s[b][a] = v;
    }

    private static final FingerprintQuality[] QUALITIES = {
        quality(40, 200, 0.60, 0.55),
        quality(70, 150, 0.50, 0.80),
        quality(30, 300, 0.70, 0.50),
        quality(50, 250, 0.65, 0.75),
        quality(20, 100, 0.40, 0.70),
    };

    @Test
    void firstKeepsCaptureOrder() {
        assertArrayEquals(new int[] {0, 1, 2}, ImpressionSelection.choose(Rule.FIRST, 3, QUALITIES, scores(), CONSISTENCY));
    }

    @Test
    void qualityRulesKeepTheBestByTheirMeasure() {
        // usable ridge area x ridge flow: 120, 75, 210, 162.5, 40
        assertArrayEquals(new int[] {0, 2, 3}, ImpressionSelection.choose(Rule.USABLE_AREA, 3, QUALITIES, scores(), CONSISTENCY));
        assertArrayEquals(new int[] {0, 1, 3}, ImpressionSelection.choose(Rule.MINUTIAE, 3, QUALITIES, scores(), CONSISTENCY));
        assertArrayEquals(new int[] {1, 3, 4}, ImpressionSelection.choose(Rule.CLARITY, 3, QUALITIES, scores(), CONSISTENCY));
    }

    @Test
    void mutualKeepsTheTripleThatAgreesBest() {
        assertArrayEquals(new int[] {0, 2, 3}, ImpressionSelection.choose(Rule.MUTUAL, 3, QUALITIES, scores(), CONSISTENCY));
    }

    @Test
    void diverseKeepsTheLeastOverlappingTripleThatStillMatchesPairwise() {
        // triples with every pair >= 30: {0,1,2} 153, {0,1,3} 144, {0,2,3} 255, {0,2,4} 156, {1,2,3} 150
        assertArrayEquals(new int[] {0, 1, 3}, ImpressionSelection.choose(Rule.DIVERSE, 3, QUALITIES, scores(), CONSISTENCY));
        // no triple matches pairwise: falls back to the mutual rule
        double[][] weak = new double[4][4];
        set(weak, 0, 1, 50);
        set(weak, 1, 2, 40);
        set(weak, 2, 3, 45);
        set(weak, 0, 3, 10);
        set(weak, 0, 2, 20);
        set(weak, 1, 3, 28);
        assertArrayEquals(ImpressionSelection.choose(Rule.MUTUAL, 3, null, weak, CONSISTENCY),
                ImpressionSelection.choose(Rule.DIVERSE, 3, null, weak, CONSISTENCY));
        assertArrayEquals(new int[] {1, 2, 3}, ImpressionSelection.choose(Rule.MUTUAL, 3, null, weak, CONSISTENCY));
    }

    @Test
    void tiesGoToTheEarlierImpressionAndFewImpressionsAreAllKept() {
        FingerprintQuality same = quality(40, 200, 0.6, 0.6);
        FingerprintQuality[] equal = {same, same, same, same};
        assertArrayEquals(new int[] {0, 1, 2}, ImpressionSelection.choose(Rule.CLARITY, 3, equal, new double[4][4], CONSISTENCY));
        assertArrayEquals(new int[] {0, 1, 2}, ImpressionSelection.choose(Rule.MUTUAL, 3, equal, new double[4][4], CONSISTENCY));
        assertArrayEquals(new int[] {0, 1, 2}, ImpressionSelection.choose(Rule.MUTUAL, 3, null, new double[3][3], CONSISTENCY));
    }
}

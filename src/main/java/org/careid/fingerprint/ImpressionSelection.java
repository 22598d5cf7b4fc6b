package org.careid.fingerprint;

import java.util.Arrays;

/**
 * Which of the captured impressions of a finger to keep at enrollment. The fused score
 * ({@link FingerprintScoreFusion}) is calibrated for three enrolled impressions, so when an operator
 * captures more, the server keeps three and tells which ones; the rules below are the ones measured in
 * docs/fingerprint.md. All rules are deterministic: ties go to the earlier impression.
 */
public final class ImpressionSelection {
    /** How many impressions of a finger are kept. */
    public static final int KEEP = 3;

    public enum Rule {
        /** The first three, in capture order. */
        FIRST,
        /** The three with the largest usable ridge area (usable area x coherent ridge-flow share). */
        USABLE_AREA,
        /** The three with the clearest ridges ({@link FingerprintQuality#ridgeClarity()}, NFIQ-like). */
        CLARITY,
        /** The three with the most minutiae. */
        MINUTIAE,
        /** The three that agree best: the triple with the highest sum of pairwise (symmetric) scores. */
        MUTUAL,
        /**
         * The three that cover the finger most widely: of the triples whose impressions all match
         * one another at the consistency threshold, the one with the lowest sum of pairwise scores
         * (the impressions overlap least); the mutual rule when no triple qualifies.
         */
        DIVERSE
    }

    private ImpressionSelection() {
    }

    /** Quality measure of the area rule. */
    public static double usableRidgeArea(FingerprintQuality q) {
        return q.usableAreaMm2() * q.ridgeFlowFraction();
    }

    /**
     * @param qualities per impression (used by the quality rules)
     * @param scores symmetric pairwise scores between impressions (used by the score rules), n x n
     * @param consistencyThreshold score two impressions of one finger reach (DIVERSE)
     * @return the 0-based indices of the kept impressions, ascending; all of them when n <= keep
     */
    public static int[] choose(Rule rule, int keep, FingerprintQuality[] qualities, double[][] scores, double consistencyThreshold) {
        int n = qualities != null ? qualities.length : scores.length;
        if (n <= keep) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return switch (rule) {
            case FIRST -> firstK(n, keep);
            case USABLE_AREA -> topK(keep, Arrays.stream(qualities).mapToDouble(ImpressionSelection::usableRidgeArea).toArray());
            case CLARITY -> topK(keep, Arrays.stream(qualities).mapToDouble(FingerprintQuality::ridgeClarity).toArray());
            case MINUTIAE -> topK(keep, Arrays.stream(qualities).mapToDouble(FingerprintQuality::minutiae).toArray());
            case MUTUAL -> bestSubset(n, keep, scores, Double.NEGATIVE_INFINITY, true);
            case DIVERSE -> {
                int[] spread = bestSubset(n, keep, scores, consistencyThreshold, false);
                yield spread != null ? spread : bestSubset(n, keep, scores, Double.NEGATIVE_INFINITY, true);
            }
        };
    }

    private static int[] firstK(int n, int keep) {
        int[] first = new int[Math.min(n, keep)];
        Arrays.setAll(first, i -> i);
        return first;
    }

    /** Indices of the keep largest values (earlier index first on ties), ascending. */
    static int[] topK(int keep, double[] values) {
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> values[a] != values[b] ? Double.compare(values[b], values[a]) : Integer.compare(a, b));
        int[] chosen = new int[Math.min(keep, values.length)];
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = order[i];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * The keep-subset with the highest (maximise) or lowest sum of pairwise scores, among subsets in
     * which every pair reaches minPair; null when none does. Subsets are visited in lexicographic
     * order and only a strictly better one replaces the current, so ties go to earlier impressions.
     */
    static int[] bestSubset(int n, int keep, double[][] scores, double minPair, boolean maximise) {
        int[] current = new int[keep];
        Arrays.setAll(current, i -> i);
        int[] best = null;
        double bestSum = 0;
        while (true) {
            double sum = 0;
            boolean ok = true;
            for (int a = 0; a < keep && ok; a++) {
                for (int b = a + 1; b < keep; b++) {
                    double s = scores[current[a]][current[b]];
                    if (s < minPair) {
                        ok = false;
                        break;
                    }
                    sum += s;
                }
            }
            if (ok && (best == null || (maximise ? sum > bestSum : sum < bestSum))) {
                best = current.clone();
                bestSum = sum;
            }
            int i = keep - 1;
            while (i >= 0 && current[i] == n - keep + i) {
                i--;
            }
            if (i < 0) {
                return best;
            }
            current[i]++;
            for (int j = i + 1; j < keep; j++) {
                current[j] = current[j - 1] + 1;
            }
        }
    }
}

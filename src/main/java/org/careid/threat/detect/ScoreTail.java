package org.careid.threat.detect;

import java.util.ArrayDeque;

/**
 * The lower tail of the behaviour scores of the latest {@code capacity} scored events (all persons):
 * how rare a score is among ordinary authentications, learned from the deployment's own traffic
 * rather than fixed in advance. Scores are scale-free (0 = a model's boundary, -1 = no similarity),
 * so one distribution serves every model. Counts live in a fixed histogram; the oldest score leaves
 * it when a new one arrives at capacity.
 */
final class ScoreTail {
    private static final double LOWEST = -1.0;
    private static final double HIGHEST = 3.0;
    private static final double BIN = 0.002;

    private final int capacity;
    private final int[] bins = new int[(int) Math.round((HIGHEST - LOWEST) / BIN) + 1];
    private final ArrayDeque<Integer> order = new ArrayDeque<>();

    ScoreTail(int capacity) {
        this.capacity = capacity;
    }

    void add(double score) {
        int bin = bin(score);
        bins[bin]++;
        order.addLast(bin);
        if (order.size() > capacity) {
            bins[order.removeFirst()]--;
        }
    }

    int size() {
        return order.size();
    }

    /**
     * The share of remembered scores at or below {@code score} (its empirical lower-tail
     * probability, to the histogram's resolution).
     */
    double tailProbability(double score) {
        if (order.isEmpty()) {
            return 1.0;
        }
        int last = bin(score);
        long atOrBelow = 0;
        for (int i = 0; i <= last; i++) {
            atOrBelow += bins[i];
        }
        return (double) atOrBelow / order.size();
    }

    private static int bin(double score) {
        double clamped = Math.max(LOWEST, Math.min(HIGHEST, score));
        return (int) Math.round((clamped - LOWEST) / BIN);
    }
}

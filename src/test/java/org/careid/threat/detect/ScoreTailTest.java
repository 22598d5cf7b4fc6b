package org.careid.threat.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoreTailTest {

    @Test
    void tailProbabilityIsTheShareOfRememberedScoresAtOrBelow() {
        ScoreTail tail = new ScoreTail(1000);
        for (int i = 0; i < 1000; i++) {
            tail.add(i / 100.0 - 5); // -5.00 (clamped to -1) .. 4.99 (clamped to 3), 0.01 apart
        }
        assertEquals(1000, tail.size());
        assertEquals(0.401, tail.tailProbability(-1.0), 1e-9, "everything at or below -1");
        assertEquals(0.501, tail.tailProbability(0.0), 1e-9);
        assertEquals(0.511, tail.tailProbability(0.1), 1e-9);
        assertEquals(0.401, tail.tailProbability(-1.5), 1e-9, "below the histogram is its lowest bin");
    }

    @Test
    void theOldestScoresLeaveAtCapacity() {
        ScoreTail tail = new ScoreTail(100);
        for (int i = 0; i < 100; i++) {
            tail.add(-0.8); // an old stretch of low scores
        }
        for (int i = 0; i < 100; i++) {
            tail.add(0.5);
        }
        assertEquals(100, tail.size());
        assertEquals(0.0, tail.tailProbability(-0.5), 1e-9);
    }

    @Test
    void nothingKnownMeansNothingIsRare() {
        assertEquals(1.0, new ScoreTail(10).tailProbability(-1), 1e-9);
    }
}

package org.careid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A cheap refusal is held until it looks like a full one; never longer than the cap. */
class RefusalTimingTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void nothingIsAddedBeforeAKindHasEnoughFullRefusals() {
        RefusalTiming timing = new RefusalTiming(Duration.ofSeconds(10));
        timing.fullRefusal("login", System.nanoTime() - 2_000 * MS);
        timing.fullRefusal("login", System.nanoTime() - 2_000 * MS); // two samples: not yet enough

        long t0 = System.nanoTime();
        timing.cheapRefusal("login", t0);
        timing.cheapRefusal("auth:face:1toN", t0); // a kind never seen

        assertTrue(System.nanoTime() - t0 < 1_000 * MS, "no wait without enough samples");
    }

    @Test
    void aCheapRefusalLastsAsLongAsTheFullOnes() {
        RefusalTiming timing = new RefusalTiming(Duration.ofSeconds(10));
        for (int i = 0; i < RefusalTiming.MIN_SAMPLES; i++) {
            timing.fullRefusal("auth:face:1toN", System.nanoTime() - 120 * MS); // each took 120 ms
        }

        long started = System.nanoTime();
        timing.cheapRefusal("auth:face:1toN", started);

        assertTrue(System.nanoTime() - started >= 115 * MS, "held until a full refusal's duration has passed");
    }

    @Test
    void timeAlreadySpentCountsTowardsTheWait() {
        RefusalTiming timing = new RefusalTiming(Duration.ofSeconds(10));
        for (int i = 0; i < RefusalTiming.MIN_SAMPLES; i++) {
            timing.fullRefusal("login", System.nanoTime() - 100 * MS);
        }

        long t0 = System.nanoTime();
        timing.cheapRefusal("login", t0 - 10_000 * MS); // began long ago: nothing left to wait

        assertTrue(System.nanoTime() - t0 < 1_000 * MS);
    }

    @Test
    void theWaitIsCapped() {
        RefusalTiming timing = new RefusalTiming(Duration.ofMillis(50));
        for (int i = 0; i < RefusalTiming.MIN_SAMPLES; i++) {
            timing.fullRefusal("login", System.nanoTime() - 60_000 * MS); // a minute: a stalled spell
        }

        long t0 = System.nanoTime();
        timing.cheapRefusal("login", t0);

        long waited = System.nanoTime() - t0;
        assertTrue(waited >= 45 * MS && waited < 10_000 * MS, "waited " + waited / MS + " ms");
    }

    @Test
    void onlyTheLatestRefusalsAreKept() {
        RefusalTiming timing = new RefusalTiming(Duration.ofSeconds(1));
        for (int i = 0; i < 3 * RefusalTiming.SAMPLE_SIZE; i++) {
            timing.fullRefusal("login", System.nanoTime());
        }
        assertEquals(RefusalTiming.SAMPLE_SIZE, timing.sampleCount("login"));
    }
}

package org.careid.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the answer time of a refusal from telling why it was refused. Some refusals skip work the
 * others do: an attempt at a locked device is never counted (no write), an unknown operator has no
 * failure counter to update. Left alone, a prober learns from the clock alone that a lock applies or
 * that a username exists.
 *
 * <p>For each kind of refusal ({@code "auth:face"}, {@code "login"}...) the durations of the refusals
 * that did all the work are kept in a small rolling sample ({@link #fullRefusal}); a refusal that did
 * less ({@link #cheapRefusal}) then waits until a duration drawn from that sample has passed since
 * its request began. Drawing from the sample, not waiting for its median, gives the cheap refusals
 * the full ones' spread as well as their centre. The wait is capped, so a slow spell cannot hold
 * worker threads for long; before a kind has a few samples nothing is added.
 */
@ApplicationScoped
public class RefusalTiming {
    /** Durations kept per kind: enough for a representative spread, recent enough to follow the load. */
    static final int SAMPLE_SIZE = 32;
    /** Samples needed before cheap refusals are padded. */
    static final int MIN_SAMPLES = 3;

    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final long maxWaitNanos;

    RefusalTiming(@ConfigProperty(name = "careid.timing.max-refusal-wait", defaultValue = "PT0.5S") Duration maxWait) {
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** A refusal of {@code kind} that did all the work, begun at {@code startedNanos} ({@link System#nanoTime}). */
    public void fullRefusal(String kind, long startedNanos) {
        samples.computeIfAbsent(kind, k -> new Sample()).add(System.nanoTime() - startedNanos);
    }

    /** A refusal of {@code kind} that did less: waits until it looks like a full one, then returns. */
    public void cheapRefusal(String kind, long startedNanos) {
        Sample sample = samples.get(kind);
        long target = sample == null ? -1 : sample.draw();
        if (target <= 0) {
            return;
        }
        long deadline = startedNanos + Math.min(target, maxWaitNanos);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How many durations {@code kind} holds now (for tests). */
    int sampleCount(String kind) {
        Sample sample = samples.get(kind);
        return sample == null ? 0 : sample.count();
    }

    /** A ring of the last {@link #SAMPLE_SIZE} durations of one kind. */
    private static final class Sample {
        private final long[] nanos = new long[SAMPLE_SIZE];
        private int next;
        private int count;

        synchronized void add(long duration) {
            nanos[next] = duration;
            next = (next + 1) % SAMPLE_SIZE;
            count = Math.min(SAMPLE_SIZE, count + 1);
        }

        /** A duration drawn at random from the ring, or -1 while it holds too few. */
        synchronized long draw() {
            return count < MIN_SAMPLES ? -1 : nanos[ThreadLocalRandom.current().nextInt(count)];
        }

        synchronized int count() {
            return count;
        }
    }
}

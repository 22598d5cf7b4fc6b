package org.careid.threat.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Timestamps within the last {@code length}; the building block of the counting rules. */
final class SlidingWindow {
    private final Duration length;
    private final Deque<Instant> times = new ArrayDeque<>();

    SlidingWindow(Duration length) {
        this.length = length;
    }

    /** Adds an occurrence and returns how many fall in the window ending at {@code t}. */
    int add(Instant t) {
        times.addLast(t);
        return count(t);
    }

    int count(Instant now) {
        Instant from = now.minus(length);
        while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
            times.removeFirst();
        }
        return times.size();
    }

    boolean isEmpty() {
        return times.isEmpty();
    }

    Instant oldest() {
        return times.peekFirst();
    }
}

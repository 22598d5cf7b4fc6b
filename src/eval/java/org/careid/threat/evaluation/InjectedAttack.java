package org.careid.threat.evaluation;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One attack in the evaluated stream (injected by the simulator, or labelled in an event log): its
 * kind, the detector expected to catch it, when it ran, and the subjects (as "STAFF:id", "DEVICE:id",
 * "WARD:name") an alert must name to count as catching it.
 */
final class InjectedAttack {
    final String id;
    final String kind;
    final String detector;
    Instant start;
    Instant end;
    final Set<String> subjects = new HashSet<>();

    InjectedAttack(String id, String kind, String detector, Instant start) {
        this.id = id;
        this.kind = kind;
        this.detector = detector;
        this.start = start;
        this.end = start;
    }

    void extendTo(Instant t) {
        if (t.isAfter(end)) {
            end = t;
        }
    }

    /** Widens the attack's time span, in either direction, to include {@code t}. */
    void cover(Instant t) {
        if (t.isBefore(start)) {
            start = t;
        }
        extendTo(t);
    }
}

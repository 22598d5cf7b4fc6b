package org.careid.threat.simulation;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One injected attack: its kind, the detector expected to catch it, when it ran, and the subjects
 * (as "STAFF:id", "DEVICE:id", "WARD:name") an alert must name to count as catching it.
 */
final class InjectedAttack {
    final int id;
    final String kind;
    final String detector;
    final Instant start;
    Instant end;
    final Set<String> subjects = new HashSet<>();

    InjectedAttack(int id, String kind, String detector, Instant start) {
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
}

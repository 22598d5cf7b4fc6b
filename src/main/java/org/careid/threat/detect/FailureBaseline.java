package org.careid.threat.detect;

import java.time.Duration;
import java.time.Instant;

/**
 * A learned failure rate for one device or person: exponentially decayed failure count over
 * exponentially decayed observation time, shrunk towards a prior so that a new device does not
 * alert on its first bad morning.
 */
final class FailureBaseline {
    private final double halfLifeHours;
    private final double priorPerHour;
    private final double priorHours;
    private double failures;
    private double hours;
    private Instant last;

    FailureBaseline(Duration halfLife, double priorPerHour, Duration priorWeight) {
        this.halfLifeHours = hours(halfLife);
        this.priorPerHour = priorPerHour;
        this.priorHours = hours(priorWeight);
    }

    /** Expected failures per hour, not counting the {@code recent} failures of the current window. */
    double ratePerHour(int recent) {
        double f = Math.max(0, failures - recent);
        return (f + priorPerHour * priorHours) / (hours + priorHours);
    }

    /** Advances the clock to {@code t} and records one failure. */
    void recordFailure(Instant t) {
        advance(t);
        failures += 1;
    }

    private void advance(Instant t) {
        if (last != null && t.isAfter(last)) {
            double dt = hours(Duration.between(last, t));
            double decay = Math.pow(0.5, dt / halfLifeHours);
            failures *= decay;
            // decayed observation time: integral of the decay over the elapsed interval
            hours = hours * decay + halfLifeHours / Math.log(2) * (1 - decay);
        }
        if (last == null || t.isAfter(last)) {
            last = t;
        }
    }

    private static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }
}

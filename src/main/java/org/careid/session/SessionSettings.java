package org.careid.session;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bedside session timing (application.properties, {@code careid.session.*}). */
@ConfigMapping(prefix = "careid.session")
public interface SessionSettings {
    /** No heartbeat for this long ends the session. */
    @WithDefault("PT120S")
    Duration idleTimeout();

    /** Heartbeat frames without a face for this long end the session. */
    @WithDefault("PT60S")
    Duration absenceTimeout();

    /**
     * A usable face whose best score against the clinician is below this cosine similarity is
     * someone else even when not enrolled (different-person pairs score 0.01 on average, the same
     * person at least 0.44 in the model's evaluation).
     */
    @WithDefault("0.2")
    double differentFaceBelow();

    /** How often a replica sweeps for sessions to end (one replica per sweep, by lease). */
    @WithDefault("PT10S")
    Duration sweepInterval();
}

package org.careid.threat.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Remembers when a subject last alerted, so one ongoing incident gives one alert, not hundreds. */
final class Cooldown<K> {
    private final Duration length;
    private final Map<K, Instant> last = new HashMap<>();

    Cooldown(Duration length) {
        this.length = length;
    }

    /** True (and remembered) when {@code key} may alert at {@code t}. */
    boolean tryFire(K key, Instant t) {
        Instant previous = last.get(key);
        if (previous != null && t.isBefore(previous.plus(length))) {
            return false;
        }
        last.put(key, t);
        return true;
    }
}

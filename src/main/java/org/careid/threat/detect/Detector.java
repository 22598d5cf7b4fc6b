package org.careid.threat.detect;

import java.time.Instant;
import java.util.List;
import org.careid.events.AuthEventRecord;
import org.careid.threat.ThreatAlert;

/**
 * One detection rule over the event stream. Implementations keep their own in-memory state and are
 * called from a single thread (the monitor's worker or the simulator), so they need no locking.
 */
public interface Detector {

    /** Stable name, used in alerts, metrics and {@code careid.threat.response.<name>}. */
    String name();

    /** Looks at one event, in time order; returns the alerts it raises (usually none). */
    List<ThreatAlert> onEvent(AuthEventRecord event);

    /** Lets time-based rules fire when time passes without events. */
    default List<ThreatAlert> onTick(Instant now) {
        return List.of();
    }
}

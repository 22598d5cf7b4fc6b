package org.careid.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A second observer of security events for {@link SecurityEventsTest}: keeps the events it sees and
 * fails, as a broken observer would, on events whose outcome is {@value #FAIL}.
 */
@ApplicationScoped
public class RecordingObserver {
    static final String FAIL = "observer-must-fail";

    private final List<AuthEventRecord> seen = new CopyOnWriteArrayList<>();

    /** A method, not the field: the test holds a client proxy, whose own fields stay empty. */
    List<AuthEventRecord> seen() {
        return seen;
    }

    void observe(@Observes AuthEventRecord event) {
        seen.add(event);
        if (FAIL.equals(event.outcome())) {
            throw new IllegalStateException("observer broken on purpose");
        }
    }
}

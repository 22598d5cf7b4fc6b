package org.careid.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

/**
 * Publishes {@link AuthEventRecord}s as CDI events. Observers (threat detection) only queue them and
 * return, so the publishing request never waits for detection; an observer's failure is logged and
 * swallowed here, so it can never fail the authentication, token check or registry call that
 * published the event.
 */
@ApplicationScoped
public class SecurityEvents {
    private static final Logger LOG = Logger.getLogger(SecurityEvents.class);

    private final Event<AuthEventRecord> events;

    SecurityEvents(Event<AuthEventRecord> events) {
        this.events = events;
    }

    public void publish(AuthEventRecord event) {
        try {
            events.fire(event);
        } catch (RuntimeException e) {
            LOG.warnf("%s event not handed to its observers: %s", event.kind(), e.toString());
        }
    }

    /** Builds and publishes; a builder that cannot build (a bug) is logged like an observer failure. */
    public void publish(AuthEventRecord.Builder event) {
        AuthEventRecord built;
        try {
            built = event.build();
        } catch (RuntimeException e) {
            LOG.warnf("security event not built: %s", e.toString());
            return;
        }
        publish(built);
    }
}

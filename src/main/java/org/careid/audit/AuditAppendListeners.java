package org.careid.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Tells other features (threat detection, metrics) about committed audit entries through a CDI
 * event, after the commit, so a slow observer never holds the chain's lock.
 */
@ApplicationScoped
public class AuditAppendListeners {
    private static final Logger LOG = Logger.getLogger(AuditAppendListeners.class);

    /** Fired once per committed entry. */
    public record Appended(AuditEntry entry) {}

    @Inject
    Event<Appended> appended;

    void notifyAll(List<AuditEntry> entries) {
        for (AuditEntry e : entries) {
            try {
                appended.fire(new Appended(e));
            } catch (RuntimeException ex) {
                LOG.warn("An audit observer failed; the entry itself is committed", ex);
            }
        }
    }
}

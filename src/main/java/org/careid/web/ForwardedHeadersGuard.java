package org.careid.web;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start when forwarded headers are honoured from anyone: with
 * {@code quarkus.http.proxy.proxy-address-forwarding=true} and no
 * {@code quarkus.http.proxy.trusted-proxies}, every client could name its own source address (and
 * the audit trail would record it).
 */
@ApplicationScoped
public class ForwardedHeadersGuard {
    void check(@Observes StartupEvent started, Config config) {
        boolean forwarding = config.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class).orElse(false);
        Optional<List<String>> trusted = config.getOptionalValues("quarkus.http.proxy.trusted-proxies", String.class);
        if (forwarding && trusted.map(List::isEmpty).orElse(true)) {
            throw new IllegalStateException("quarkus.http.proxy.proxy-address-forwarding is on but "
                    + "quarkus.http.proxy.trusted-proxies names no proxy: forwarded headers would be trusted from anyone");
        }
    }
}

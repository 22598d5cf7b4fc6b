package org.careid.fingerprint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The in-memory fingerprint gallery is loaded, with its counts (numbers only, no identities). */
@Readiness
@ApplicationScoped
public class FingerprintGalleryHealthCheck implements HealthCheck {
    @Inject
    FingerprintService fingerprints;
    @Inject
    FingerprintGallery gallery;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("fingerprint-gallery").status(fingerprints.loaded())
                .withData("templates", gallery.templateCount()).withData("fingers", gallery.fingerCount()).build();
    }
}

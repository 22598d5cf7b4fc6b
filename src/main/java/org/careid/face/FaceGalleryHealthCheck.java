package org.careid.face;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.face.gallery.FaceGallery;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The in-memory face gallery is loaded, with its counts (numbers only, no identities). */
@Readiness
@ApplicationScoped
public class FaceGalleryHealthCheck implements HealthCheck {
    @Inject
    FaceService faces;
    @Inject
    FaceGallery gallery;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("face-gallery").status(faces.loaded())
                .withData("templates", gallery.size()).withData("people", gallery.personCount()).build();
    }
}

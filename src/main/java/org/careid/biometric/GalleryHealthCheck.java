package org.careid.biometric;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.web.DetailedHealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Every modality's in-memory gallery is loaded (until then a replica would refuse people it has
 * enrolled), with counts per modality: numbers only, no identities.
 */
@Readiness
@ApplicationScoped
public class GalleryHealthCheck implements DetailedHealthCheck {
    private final GalleryLifecycle galleries;

    @Inject
    GalleryHealthCheck(GalleryLifecycle galleries) {
        this.galleries = galleries;
    }

    @Override
    public HealthCheckResponse detailed() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("galleries").up();
        for (GalleryModality<?> modality : galleries.modalities()) {
            boolean loaded = galleries.loaded(modality);
            String name = modality.modality();
            response.withData(name + ".loaded", loaded)
                    .withData(name + ".templates", modality.gallery().templateCount())
                    .withData(name + ".people", modality.gallery().personCount());
            if (!loaded) {
                response.down();
            }
        }
        return response.build();
    }
}

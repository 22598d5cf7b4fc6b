package org.careid.face.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careid.web.DetailedHealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check "face-models": DOWN with the reason when a face model is missing or corrupt. */
@Readiness
@ApplicationScoped
public class FaceModelsHealthCheck implements DetailedHealthCheck {

    private final FaceModels models;

    @Inject
    public FaceModelsHealthCheck(FaceModels models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse detailed() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("face-models")
                .withData("dir", models.dir().toString())
                .withData("detector", models.detectorId())
                .withData("embedder", FaceModels.EMBEDDER_ID)
                .withData("presentation-attack", FaceModels.PAD_V2_ID + "," + FaceModels.PAD_V1SE_ID);
        String failure = models.failure();
        return failure == null ? b.up().build() : b.down().withData("reason", failure).build();
    }
}

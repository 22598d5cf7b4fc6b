package org.careid.face;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.Map;
import org.careid.face.pad.PresentationAttackDetector;
import org.careid.face.threshold.FaceThresholds;
import org.junit.jupiter.api.Test;

/** Boots the application: the face beans wire up through CDI and the face-models readiness check is UP. */
@QuarkusTest
@TestProfile(FaceHealthTest.RandomPort.class)
class FaceHealthTest {

    /** Own port so parallel builds on the machine do not collide. */
    public static class RandomPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "0");
        }
    }

    @Inject
    FacePipeline pipeline;
    @Inject
    FaceThresholds thresholds;

    @Test
    void faceModelsReadinessCheckIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("face-models"));
        org.careid.support.Api.as(org.careid.support.Api.admin()).get("/api/v1/health/details").then().statusCode(200)
                .body("checks.find { it.name == 'face-models' }.data.presentation-attack", equalTo("minifasnet_v2,minifasnet_v1se"));
        assertTrue(thresholds.identificationThreshold(1000) > thresholds.verificationThreshold());
    }

    @Test
    void injectedPipelineAnalysesAPhoto() throws Exception {
        FaceAnalysis a = pipeline.analyze(Files.readAllBytes(TestData.photo("faces/fr_obama/obama.jpg")));
        assertTrue(a.accepted(), "issues " + a.quality().issues());
        assertNotNull(a.liveness(), "the injected pipeline runs presentation-attack detection");
        assertEquals(PresentationAttackDetector.DEFAULT_THRESHOLD, a.liveness().threshold());
    }
}

package org.careid.face.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.careid.face.FacePipeline;
import org.careid.face.TestData;
import org.careid.support.Prerequisites;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceModelsTest {

    @Test
    void missingModelsAreReportedNotThrown(@TempDir Path empty) throws Exception {
        Files.copy(TestData.modelsDir().resolve("manifest.json"), empty.resolve("manifest.json"));
        try (FaceModels m = FaceModels.load(empty, 1)) {
            assertFalse(m.ready());
            assertTrue(m.failure().contains("missing"), m.failure());
            HealthCheckResponse probe = new FaceModelsHealthCheck(m).call();
            assertEquals("face-models", probe.getName());
            assertEquals(HealthCheckResponse.Status.DOWN, probe.getStatus());
            assertTrue(probe.getData().isEmpty(), "anonymous probes carry the status only");
            HealthCheckResponse h = new FaceModelsHealthCheck(m).detailed();
            assertTrue(h.getData().orElseThrow().get("reason").toString().contains("missing"));
            org.careid.image.OpenCvLoader.ensureLoaded();
            org.opencv.core.MatOfByte png = new org.opencv.core.MatOfByte();
            org.opencv.imgcodecs.Imgcodecs.imencode(".png",
                    new org.opencv.core.Mat(64, 64, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(90, 120, 200)), png);
            assertThrows(FaceModelsUnavailableException.class, () -> FacePipeline.create(m).analyze(png.toArray()));
        }
    }

    @Test
    void corruptModelFailsTheChecksum(@TempDir Path dir) throws Exception {
        Path src = TestData.modelsDir();
        Prerequisites.require(Files.isRegularFile(src.resolve("yunet/yunet_s_dynamic.onnx")), "models not fetched");
        Files.copy(src.resolve("manifest.json"), dir.resolve("manifest.json"));
        Files.createDirectories(dir.resolve("yunet"));
        byte[] model = Files.readAllBytes(src.resolve("yunet/yunet_s_dynamic.onnx"));
        model[model.length / 2] ^= 0x55;
        Files.write(dir.resolve("yunet/yunet_s_dynamic.onnx"), model);
        try (FaceModels m = FaceModels.load(dir, 1)) {
            assertFalse(m.ready());
            assertTrue(m.failure().contains("corrupt"), m.failure());
            assertEquals(HealthCheckResponse.Status.DOWN, new FaceModelsHealthCheck(m).call().getStatus());
        }
    }

    @Test
    void realModelsAreUp() {
        FaceModels m = TestData.models();
        assertEquals(HealthCheckResponse.Status.UP, new FaceModelsHealthCheck(m).call().getStatus());
    }

    @Test
    void missingManifestIsNamedInTheReason(@TempDir Path empty) {
        try (FaceModels m = FaceModels.load(empty.resolve("nowhere"), 1)) {
            assertFalse(m.ready());
            assertTrue(m.failure().contains("manifest not found"), m.failure());
        }
    }
}

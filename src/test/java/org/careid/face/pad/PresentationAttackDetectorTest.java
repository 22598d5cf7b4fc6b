package org.careid.face.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.careid.face.FaceAnalysis;
import org.careid.face.FacePipeline;
import org.careid.face.FacePurpose;
import org.careid.face.TestData;
import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.careid.face.model.FaceModels;
import org.careid.support.DrawnImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real models on real NUAA captures (../shared/datasets/spoof, skipped when absent). */
class PresentationAttackDetectorTest {

    private static final String PRINT = "spoof/nuaa/ImposterRaw/0001/0001_00_00_01_102.jpg";
    private static final String LIVE = "spoof/nuaa/ClientRaw/0001/0001_00_00_01_123.jpg";

    private static FacePipeline pipeline;

    @BeforeAll
    static void load() {
        pipeline = FacePipeline.create(TestData.models());
    }

    private static FaceAnalysis analyze(String relative) throws IOException {
        return pipeline.analyze(Files.readAllBytes(TestData.photo(relative)), FacePurpose.AUTHENTICATION);
    }

    @Test
    void printedPhotoScoresBelowAndLiveCaptureAboveTheDefaultThreshold() throws IOException {
        FaceAnalysis print = analyze(PRINT);
        FaceAnalysis live = analyze(LIVE);
        assertNotNull(print.liveness(), "a face was found in the print attack");
        assertNotNull(live.liveness());
        double t = PresentationAttackDetector.DEFAULT_THRESHOLD;
        assertTrue(print.liveness().score() < t, "print attack score " + print.liveness().score());
        assertTrue(print.liveness().attack());
        assertTrue(live.liveness().score() >= t, "live capture score " + live.liveness().score());
        assertTrue(live.liveness().live());
        assertEquals(t, live.liveness().threshold());
        assertEquals(2, live.liveness().models().size(), "both models ran");
        assertTrue(live.timings().padMs() > 0, "pad stage timed");
    }

    @Test
    void verdictIsInformationOnlyForNow() throws IOException {
        FaceAnalysis print = analyze(PRINT);
        assertTrue(print.liveness().attack());
        // the quality gate and the embedding do not depend on the PAD verdict (policy comes later)
        assertEquals(print.quality().acceptable(), print.accepted());
    }

    @Test
    void assessMatchesThePipelinesVerdictAndHonoursTheConfiguredThreshold() throws IOException {
        FaceModels models = TestData.models();
        byte[] bytes = Files.readAllBytes(TestData.photo(LIVE));
        FaceAnalysis a = pipeline.analyze(bytes, FacePurpose.AUTHENTICATION);
        try (DecodedImage img = FaceImageDecoder.withDefaults().decode(bytes)) {
            PadVerdict strict = new PresentationAttackDetector(models, 0.9999).assess(img.bgr(), a.chosen());
            assertEquals(a.liveness().score(), strict.score(), 1e-6, "same crops, same score");
            assertFalse(strict.live(), "a stricter threshold refuses the same face");
        }
        assertThrows(IllegalArgumentException.class, () -> new PresentationAttackDetector(models, 1.5));
    }

    @Test
    void noFaceNoVerdict() {
        FaceAnalysis a = pipeline.analyze(DrawnImages.jpeg(), FacePurpose.AUTHENTICATION);
        assertNull(a.liveness());
        assertEquals(0.0, a.timings().padMs());
    }
}

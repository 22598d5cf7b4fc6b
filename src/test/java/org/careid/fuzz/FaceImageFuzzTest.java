package org.careid.fuzz;

import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.careid.image.ImageException;
import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Photo bytes through the face decoder (header checks, then OpenCV): a decoded image or an ImageException. */
class FaceImageFuzzTest {
    private static final FuzzInputs INPUTS = new FuzzInputs("face image decoding (FaceImageDecoder: JPEG, PNG, BMP, WebP)");
    private static final FaceImageDecoder DECODER = FaceImageDecoder.withDefaults();

    @FuzzTest(maxExecutions = FuzzBudget.EXECUTIONS, maxDuration = FuzzBudget.DURATION)
    void decode(byte[] data) {
        INPUTS.run(() -> {
            try (DecodedImage image = DECODER.decode(data)) {
                image.width();
            } catch (ImageException refused) {
                // a typed refusal: 413 or 422 at the API
            }
        });
    }

    @AfterAll
    static void report() {
        INPUTS.report();
    }
}

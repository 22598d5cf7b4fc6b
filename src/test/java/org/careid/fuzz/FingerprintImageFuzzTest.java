package org.careid.fuzz;

import org.careid.fingerprint.image.FingerprintImageDecoder;
import org.careid.image.ImageException;
import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Reader bytes through the fingerprint decoder (header checks, then ImageIO or JNBIS for WSQ). */
class FingerprintImageFuzzTest {
    private static final FuzzInputs INPUTS = new FuzzInputs("fingerprint image decoding (PNG, JPEG, BMP, TIFF, WSQ)");
    private static final FingerprintImageDecoder DECODER = new FingerprintImageDecoder(FingerprintImageDecoder.DEFAULT_LIMITS);

    @FuzzTest(maxExecutions = FuzzBudget.EXECUTIONS, maxDuration = FuzzBudget.DURATION)
    void decode(byte[] data) {
        INPUTS.run(() -> {
            try {
                DECODER.decode(data).pixels();
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

package org.careid.fuzz;

import java.util.EnumSet;

import org.careid.image.ImageException;
import org.careid.image.ImageFormat;
import org.careid.image.ImageInspector;
import org.careid.image.ImageLimits;
import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Every format's header reader and completeness check (metadata-extractor, the WSQ reader), nothing decoded. */
class ImageHeaderFuzzTest {
    private static final FuzzInputs INPUTS = new FuzzInputs("image headers (ImageInspector, all six formats)");
    private static final ImageLimits LIMITS = new ImageLimits(10L * 1024 * 1024, 72_000_000L);

    @FuzzTest(maxExecutions = FuzzBudget.EXECUTIONS, maxDuration = FuzzBudget.DURATION)
    void inspect(byte[] data) {
        INPUTS.run(() -> {
            try {
                ImageInspector.inspect(data, LIMITS, EnumSet.allOf(ImageFormat.class), 3);
            } catch (ImageException refused) {
                // unsupported, corrupt, truncated or too large: all typed
            }
        });
    }

    @AfterAll
    static void report() {
        INPUTS.report();
    }
}

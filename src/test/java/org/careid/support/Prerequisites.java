package org.careid.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a test needs from outside the repository: a dataset, the fetched models, Chromium, kubectl,
 * the device client jar. On a developer's machine a missing prerequisite skips the test with a
 * message; with {@code -Dcareid.require-datasets=true} (CI, where everything is installed) it fails
 * the test, so a green run cannot hide tests that never ran.
 */
public final class Prerequisites {

    /** The system property that turns a missing prerequisite from a skip into a failure. */
    public static final String REQUIRE = "careid.require-datasets";

    private Prerequisites() {
    }

    /** Continues when {@code present}; otherwise skips the test, or fails it when prerequisites are required. */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (required()) {
            fail("prerequisite missing (" + REQUIRE + "=true): " + missing);
        }
        assumeTrue(false, missing + "; skipping");
    }

    public static boolean required() {
        return Boolean.getBoolean(REQUIRE);
    }
}

package org.careid.e2e;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Tokens that expire while a test waits: 6 s of life (enough for one CLI run to use it) and 1 s of
 * clock skew. A profile of its own restarts Quarkus for the one class that uses it.
 */
public class ShortTokenLifetimeProfile implements QuarkusTestProfile {
    static final long LIFETIME_SECONDS = 6;
    static final long SKEW_SECONDS = 1;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("careid.token.lifetime", "PT" + LIFETIME_SECONDS + "S",
                "careid.token.clock-skew", "PT" + SKEW_SECONDS + "S");
    }
}

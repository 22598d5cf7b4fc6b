package org.careid.identity;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A first start without a configured bootstrap password, in a data directory of its own. */
public class GeneratedBootstrapPasswordProfile implements QuarkusTestProfile {
    static final String DATA_DIR = "target/test-data-generated-bootstrap";

    @Override
    public Map<String, String> getConfigOverrides() {
        // blank counts as "not configured"; an empty value would not override the test profile's password
        return Map.of("careid.bootstrap.admin-password", " ", "careid.data-dir", DATA_DIR);
    }
}

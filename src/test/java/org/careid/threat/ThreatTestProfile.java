package org.careid.threat;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * The threat package's own test profile: in-memory H2 migrated by Flyway (schema validated against
 * the entities), random test port, and the recording responder enabled. Kept here rather than in
 * src/test/resources/application.properties so it cannot clash with other packages' tests.
 */
public class ThreatTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "h2",
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:threat;DB_CLOSE_DELAY=-1",
                "quarkus.flyway.migrate-at-start", "true",
                "quarkus.hibernate-orm.schema-management.strategy", "validate",
                "quarkus.http.test-port", "0",
                "careid.threat.response.failure-burst", "suspend-device,revoke-tokens",
                "careid.threat.response.impossible-travel", "step-up");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingResponder.class);
    }
}

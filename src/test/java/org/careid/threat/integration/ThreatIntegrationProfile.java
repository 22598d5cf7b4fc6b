package org.careid.threat.integration;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server with automatic responses switched on (the shared test configuration has them
 * off) and the SIEM webhook pointed at a local receiver that refuses each alert's first delivery.
 * Keys are given with and without the %test prefix, so they win over application.properties
 * whichever form is looked up first.
 */
public class ThreatIntegrationProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> plain = Map.of(
                "careid.threat.response.failure-burst", "suspend-device",
                "careid.threat.response.token-misuse", "step-up,revoke-tokens",
                "careid.threat.response.impossible-travel", "step-up",
                "careid.threat.response.near-threshold-probing", "none",
                "careid.threat.webhook.url", WebhookReceiver.shared().url(),
                "careid.threat.webhook.initial-backoff", "PT0.2S",
                "careid.threat.webhook.max-backoff", "PT1S");
        Map<String, String> all = new HashMap<>(plain);
        plain.forEach((k, v) -> all.put("%test." + k, v));
        return all;
    }
}

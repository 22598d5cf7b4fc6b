package org.careid.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.web.DetailedHealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when a signing key can be unsealed: without one no token can be issued or checked. */
@Readiness
@ApplicationScoped
public class SigningKeyHealthCheck implements DetailedHealthCheck {
    @Inject
    KeyRing keyRing;

    @Override
    public HealthCheckResponse detailed() {
        try {
            KeyRing.LoadedKey key = keyRing.active();
            return HealthCheckResponse.named("signing-key").up()
                    .withData("kid", key.kid()).withData("published", keyRing.published().size()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("signing-key").down().withData("reason", e.getMessage()).build();
        }
    }
}

package org.careid.threat.integration;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careid.identity.CallerIdentityProviders;
import io.quarkus.security.identity.CurrentIdentityAssociation;

/**
 * Runs service calls that audit "as the current caller" (device suspension, token revocation) from
 * the threat monitor's worker thread, where there is no request: a request context is activated
 * with the identity SYSTEM/threat-monitor, so the services' own audit entries name the monitor as
 * actor. Inside a request (an ADMIN reversing a response) the call runs as that ADMIN.
 */
@ApplicationScoped
public class SystemActor {
    public static final String NAME = "threat-monitor";

    @Inject
    CurrentIdentityAssociation identities;

    public void run(Runnable action) {
        ManagedContext requests = Arc.container().requestContext();
        if (requests.isActive()) {
            action.run();
            return;
        }
        requests.activate();
        try {
            identities.setIdentity(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(NAME))
                    .addAttribute(CallerIdentityProviders.PRINCIPAL_TYPE, "SYSTEM")
                    .build());
            action.run();
        } finally {
            requests.terminate();
        }
    }
}

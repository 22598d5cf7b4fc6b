package org.careid.identity;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the caller's credential from the Authorization header:
 * {@code Bearer <jwt>} for operators and resource servers (tokens CareID issued), and
 * {@code Device <client assertion>} for devices and resource servers proving their key on each
 * call. Requests without either are anonymous; the endpoints' role checks then answer 401.
 * {@code DPoP} access tokens are not credentials for CareID's own API: resources check them.
 */
@ApplicationScoped
public class CareIdAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String BEARER = "Bearer";
    static final String DEVICE = "Device";

    /** A client assertion presented with the Device scheme. */
    public static final class ClientAssertionRequest extends TokenAuthenticationRequest {
        ClientAssertionRequest(String assertion) {
            super(new TokenCredential(assertion, DEVICE));
        }
    }

    /** A bearer JWT issued by CareID. */
    public static final class BearerTokenRequest extends TokenAuthenticationRequest {
        BearerTokenRequest(String token) {
            super(new TokenCredential(token, BEARER));
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).trim();
        if (BEARER.equalsIgnoreCase(scheme)) {
            return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new BearerTokenRequest(value), context));
        }
        if (DEVICE.equalsIgnoreCase(scheme)) {
            return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ClientAssertionRequest(value), context));
        }
        return Uni.createFrom().optional(java.util.Optional.empty());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"careid\", Device realm=\"careid\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ClientAssertionRequest.class, BearerTokenRequest.class);
    }
}

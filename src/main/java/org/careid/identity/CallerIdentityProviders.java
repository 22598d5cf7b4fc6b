package org.careid.identity;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.careid.token.JwtVerifier;
import org.careid.token.OperatorTokens;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Turns the two credential kinds into security identities with CareID's roles. */
public final class CallerIdentityProviders {
    /** Security identity attribute naming the principal kind: OPERATOR, DEVICE or RESOURCE_SERVER. */
    public static final String PRINCIPAL_TYPE = "careid.principal-type";
    /** Security identity attribute holding the caller's key thumbprint (devices and resource servers). */
    public static final String JWK_THUMBPRINT = "careid.jkt";
    /** Security identity attribute: how the caller proved itself, {@link #BEARER} or {@link #ASSERTION}. */
    public static final String CREDENTIAL = "careid.credential";
    public static final String BEARER = "bearer";
    public static final String ASSERTION = "assertion";
    /** Security identity attribute, true while an operator must change a generated or reset password. */
    public static final String PASSWORD_CHANGE_REQUIRED = "careid.password-change-required";

    private CallerIdentityProviders() {}

    @ApplicationScoped
    public static class BearerTokens implements IdentityProvider<CareIdAuthenticationMechanism.BearerTokenRequest> {
        @Inject
        OperatorTokens operatorTokens;
        @Inject
        AccountSessions sessions;

        @Override
        public Class<CareIdAuthenticationMechanism.BearerTokenRequest> getRequestType() {
            return CareIdAuthenticationMechanism.BearerTokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(CareIdAuthenticationMechanism.BearerTokenRequest request,
                                                  AuthenticationRequestContext context) {
            return context.runBlocking(() -> {
                try {
                    JsonWebToken jwt = operatorTokens.verify(request.getToken().getToken());
                    String principalType = String.valueOf(jwt.<Object>getClaim("principal_type"));
                    AccountSessions.Standing standing = sessions.current(principalType, uuid(jwt.getSubject()),
                            epoch(jwt.getClaim(OperatorTokens.SESSION_EPOCH)));
                    if (standing == null) {
                        throw new AuthenticationFailedException("session ended");
                    }
                    return QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(jwt.getSubject()))
                            .addRole(standing.role())
                            .addAttribute(PRINCIPAL_TYPE, principalType)
                            .addAttribute(CREDENTIAL, BEARER)
                            .addAttribute(PASSWORD_CHANGE_REQUIRED, standing.passwordChangeRequired())
                            .addAttribute("username", jwt.getName())
                            .build();
                } catch (JwtVerifier.InvalidTokenException e) {
                    throw new AuthenticationFailedException(e.getMessage());
                }
            });
        }

        private static java.util.UUID uuid(String subject) {
            try {
                return subject == null ? null : java.util.UUID.fromString(subject);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static Integer epoch(Object claim) {
            try {
                return claim == null ? null : Integer.valueOf(claim.toString());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    @ApplicationScoped
    public static class Assertions implements IdentityProvider<CareIdAuthenticationMechanism.ClientAssertionRequest> {
        @Inject
        ClientAssertions assertions;
        @Inject
        AuditTrail audit;

        @Override
        public Class<CareIdAuthenticationMechanism.ClientAssertionRequest> getRequestType() {
            return CareIdAuthenticationMechanism.ClientAssertionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(CareIdAuthenticationMechanism.ClientAssertionRequest request,
                                                  AuthenticationRequestContext context) {
            RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
            String source = routing == null ? null : routing.request().remoteAddress().hostAddress();
            return context.runBlocking(() -> {
                try {
                    ClientAssertions.VerifiedCaller caller = assertions.verify(request.getToken().getToken());
                    String role = caller.kind() == ClientAssertions.CallerKind.DEVICE ? Roles.DEVICE : Roles.RESOURCE_SERVER;
                    return QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(caller.id().toString()))
                            .addRoles(Set.of(role))
                            .addAttribute(PRINCIPAL_TYPE, caller.kind().name())
                            .addAttribute(JWK_THUMBPRINT, caller.jwkThumbprint())
                            .addAttribute(CREDENTIAL, ASSERTION)
                            .build();
                } catch (ClientAssertions.RejectedAssertion e) {
                    audit.record(AuditEvent.of("CLIENT_ASSERTION_REJECTED", AuditEvent.Outcome.DENIED)
                            .actor("CLIENT", e.callerId).source(source).detail("reason", e.getMessage()));
                    throw new AuthenticationFailedException(e.getMessage());
                }
            });
        }
    }
}

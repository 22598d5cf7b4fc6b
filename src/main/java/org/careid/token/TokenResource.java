package org.careid.token;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.careid.audit.AuditEvent;
import org.careid.identity.AccountSessions;
import org.careid.identity.Caller;
import org.careid.identity.Roles;
import org.careid.web.ApiException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Token verification (RFC 7662), revocation (RFC 7009) and resource-server credentials. */
@Path("/api/v1/tokens")
@Tag(name = "Tokens", description = "Introspection, revocation and resource-server credentials")
public class TokenResource {
    @Inject
    Introspection introspection;
    @Inject
    Revocations revocations;
    @Inject
    OperatorTokens operatorTokens;
    @Inject
    Caller caller;
    @Inject
    AccountSessions sessions;

    public record RevokeAll(UUID staffId, UUID deviceId, String reason) {}

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.DEVICE, Roles.RESOURCE_SERVER})
    public Map<String, Object> introspect(@FormParam("token") String token, @FormParam("dpop_proof") String proof,
                                          @FormParam("htm") String method, @FormParam("htu") String url,
                                          @FormParam("one_time_use") boolean consumeOnce) {
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("token is required");
        }
        if (proof != null && (method == null || url == null)) {
            throw ApiException.badRequest("htm and htu are required with dpop_proof");
        }
        return introspection.introspect(token, new Introspection.Presentation(proof, method, url, consumeOnce)).asResponse();
    }

    /**
     * RFC 7009: always 200, whether or not the token was valid, so nothing is revealed. A device may
     * revoke only tokens bound to itself (section 2.1: the token must have been issued to the client
     * asking); another device's request changes nothing and is audited.
     */
    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.DEVICE, Roles.RESOURCE_SERVER, Roles.ADMIN})
    public Response revoke(@FormParam("token") String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("token is required");
        }
        Introspection.Verdict verdict = introspection.introspect(token, Introspection.Presentation.NONE);
        AccessTokenClaims claims = verdict.claims();
        if (claims == null) {
            return Response.ok().build();
        }
        if (caller.isDevice() && !claims.deviceId().toString().equals(caller.id())) {
            caller.audit(AuditEvent.of("TOKEN_REVOCATION_REFUSED", AuditEvent.Outcome.DENIED).target("TOKEN", claims.jti())
                    .detail("boundDeviceId", claims.deviceId().toString()).detail("reason", "token bound to another device"));
        } else {
            revocations.revoke(claims, "revoked by " + caller.type().toLowerCase());
        }
        return Response.ok().build();
    }

    @POST
    @Path("revoke-all")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response revokeAll(@NotNull RevokeAll request) {
        if ((request.staffId() == null) == (request.deviceId() == null)) {
            throw ApiException.badRequest("give exactly one of staffId or deviceId");
        }
        String reason = request.reason() == null ? "administrator" : request.reason();
        if (request.staffId() != null) {
            revocations.revokeAllOfStaff(request.staffId(), reason);
        } else {
            revocations.revokeAllOfDevice(request.deviceId(), reason);
        }
        return Response.noContent().build();
    }

    /**
     * Client credentials for resource servers: after proving their key with a client assertion,
     * they get a short bearer token for their introspection calls. Only the key gets one: a bearer
     * cannot renew itself, and it dies when the resource server is deactivated.
     */
    @POST
    @Path("client-token")
    @RolesAllowed(Roles.RESOURCE_SERVER)
    public ClientToken clientToken() {
        if (!caller.provedKey()) {
            throw ApiException.forbidden("A client token is issued for a client assertion (Authorization: Device) only");
        }
        OperatorTokens.Issued issued = operatorTokens.issue(caller.id(), "resource-server:" + caller.id(),
                Set.of(Roles.RESOURCE_SERVER), "RESOURCE_SERVER", sessions.resourceServerEpoch(caller.uuid()),
                java.time.Duration.ofMinutes(5));
        return new ClientToken(issued.token(), "Bearer", issued.expiresIn());
    }

    public record ClientToken(String access_token, String token_type, long expires_in) {}
}

package org.careid.auth;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth/policies")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Authentication policy", description = "Factors required per scope and device type")
public class AuthPolicyResource {
    @Inject
    AuthPolicy policy;
    @Inject
    EmergencyAccess emergency;

    @GET
    public List<AuthPolicy.RuleView> list() {
        return policy.list();
    }

    /** Emergency (break-glass) settings: configuration, shown read-only in the console. */
    @GET
    @Path("emergency")
    public EmergencyAccess.Settings emergency() {
        return emergency.settings();
    }

    @PUT
    public AuthPolicy.RuleView put(@Valid @NotNull AuthPolicy.RuleRequest request) {
        return policy.put(request);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        policy.delete(id);
        return Response.noContent().build();
    }
}

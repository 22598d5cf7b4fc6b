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

import org.careid.auth.breakglass.EmergencySettings;
import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth/policies")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Authentication policy", description = "Factors required per scope and device type")
public class AuthPolicyResource {
    @Inject
    AuthPolicy policy;
    @Inject
    EmergencySettings emergency;

    @GET
    public List<AuthPolicy.RuleView> list() {
        return policy.list();
    }

    /** Emergency (break-glass) settings in force, and whether an ADMIN set them or the configuration applies. */
    @GET
    @Path("emergency")
    public EmergencySettings.View emergency() {
        return emergency.view();
    }

    /** Sets the emergency settings for every replica; audited with the values before and after. */
    @PUT
    @Path("emergency")
    public EmergencySettings.View setEmergency(@Valid @NotNull EmergencySettings.Change change) {
        return emergency.update(change);
    }

    /** Returns to the configured emergency settings; audited. */
    @DELETE
    @Path("emergency")
    public EmergencySettings.View resetEmergency() {
        return emergency.reset();
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

package org.careid.identity;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/scopes")
@Tag(name = "Staff", description = "The scopes that may be granted to staff")
public class KnownScopeResource {
    private final KnownScopes scopes;

    KnownScopeResource(KnownScopes scopes) {
        this.scopes = scopes;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER, Roles.AUDITOR})
    public List<KnownScopes.ScopeView> list() {
        return scopes.list();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response add(@Valid @NotNull KnownScopes.ScopeRequest request) {
        return Response.status(201).entity(scopes.add(request)).build();
    }
}

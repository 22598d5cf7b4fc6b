package org.careid.identity;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.careid.web.Paging;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/resource-servers")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Resource servers", description = "Services allowed to introspect tokens")
public class ResourceServerResource {
    @Inject
    ResourceServerService servers;

    @POST
    public Response register(@Valid @NotNull ResourceServerService.Registration registration) {
        return Response.status(201).entity(servers.register(registration)).build();
    }

    @GET
    public PageOf<ResourceServerService.ResourceServerView> list(@BeanParam Paging paging) {
        Paging.Window window = paging.window(20, PageOf.MAX_SIZE);
        return servers.list(window.page(), window.size());
    }

    @POST
    @Path("{id}/deactivate")
    public ResourceServerService.ResourceServerView deactivate(@PathParam("id") UUID id) {
        return servers.setActive(id, false);
    }

    @POST
    @Path("{id}/activate")
    public ResourceServerService.ResourceServerView activate(@PathParam("id") UUID id) {
        return servers.setActive(id, true);
    }
}

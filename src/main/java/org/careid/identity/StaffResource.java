package org.careid.identity;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.careid.web.Paging;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/staff")
@Tag(name = "Staff", description = "The registry of clinicians")
public class StaffResource {
    @Inject
    StaffService staff;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public Response create(@Valid @NotNull StaffViews.StaffRequest request) {
        StaffViews.StaffView created = staff.create(request);
        return Response.status(201).entity(created).header("Location", "/api/v1/staff/" + created.id()).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public PageOf<StaffViews.StaffView> search(@QueryParam("q") String q, @QueryParam("active") Boolean active,
                                               @QueryParam("ward") String ward,
                                               @BeanParam Paging paging) {
        Paging.Window window = paging.window(20, PageOf.MAX_SIZE);
        return staff.search(q, active, ward, window.page(), window.size());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public StaffViews.StaffView get(@PathParam("id") UUID id) {
        return staff.get(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public StaffViews.StaffView update(@PathParam("id") UUID id, @Valid @NotNull StaffViews.StaffUpdate update) {
        return staff.update(id, update);
    }

    @POST
    @Path("{id}/deactivate")
    @RolesAllowed(Roles.ADMIN)
    public StaffViews.StaffView deactivate(@PathParam("id") UUID id) {
        return staff.setActive(id, false);
    }

    @POST
    @Path("{id}/activate")
    @RolesAllowed(Roles.ADMIN)
    public StaffViews.StaffView activate(@PathParam("id") UUID id) {
        return staff.setActive(id, true);
    }
}

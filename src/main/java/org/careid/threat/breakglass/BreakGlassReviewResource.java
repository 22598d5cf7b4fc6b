package org.careid.threat.breakglass;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;

/** Break-glass review items: AUDITORs and ADMINs read them, only an ADMIN closes one. */
@Path("/api/v1/threats/break-glass")
@Produces(MediaType.APPLICATION_JSON)
public class BreakGlassReviewResource {
    @Inject
    BreakGlassReviewService reviews;

    public record CloseRequest(Boolean justified, String note) {}

    @GET
    @RolesAllowed({"AUDITOR", "ADMIN"})
    public List<BreakGlassReviewView> list(@QueryParam("status") BreakGlassStatus status,
                                           @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return reviews.list(status, page == null ? 0 : page, size == null ? 50 : Math.min(500, Math.max(1, size)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"AUDITOR", "ADMIN"})
    public BreakGlassReviewView get(@PathParam("id") UUID id) {
        return reviews.get(id);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed("ADMIN")
    public BreakGlassReviewView close(@PathParam("id") UUID id, CloseRequest body, @Context SecurityContext security) {
        if (body == null || body.justified() == null) {
            throw new BadRequestException("justified (true/false) is required");
        }
        try {
            String who = security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName();
            return reviews.close(id, body.justified(), who, body.note());
        } catch (IllegalStateException e) {
            throw new WebApplicationException(e.getMessage(), 409);
        }
    }
}

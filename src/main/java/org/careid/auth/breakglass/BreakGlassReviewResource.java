package org.careid.auth.breakglass;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.careid.identity.Roles;
import org.careid.web.ApiException;
import org.careid.web.Paging;

/** Break-glass review items: AUDITORs and ADMINs read them, only an ADMIN closes one. */
@Path("/api/v1/threats/break-glass")
@Produces(MediaType.APPLICATION_JSON)
public class BreakGlassReviewResource {
    private final BreakGlassReviewService reviews;

    @Inject
    BreakGlassReviewResource(BreakGlassReviewService reviews) {
        this.reviews = reviews;
    }

    public record CloseRequest(Boolean justified, String note) {}

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public List<BreakGlassReviewView> list(@QueryParam("status") BreakGlassStatus status,
                                           @BeanParam Paging paging) {
        Paging.Window window = paging.window(50, 500);
        return reviews.list(status, window.page(), window.size());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public BreakGlassReviewView get(@PathParam("id") UUID id) {
        return reviews.get(id);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed(Roles.ADMIN)
    public BreakGlassReviewView close(@PathParam("id") UUID id, CloseRequest body) {
        if (body == null || body.justified() == null) {
            throw ApiException.invalid("justified", "is required (true or false)");
        }
        return reviews.close(id, body.justified(), body.note());
    }
}

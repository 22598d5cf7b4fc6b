package org.careid.session;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.careid.biometric.Uploads;
import org.careid.identity.Roles;
import org.careid.web.ApiException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Bedside sessions of a device: start for a token, heartbeat (tap or frame), end. */
@Path("/api/v1/sessions")
@Tag(name = "Sessions", description = "Presence-checked bedside sessions of devices")
@RolesAllowed(Roles.DEVICE)
public class SessionResource {
    private final SessionService sessions;

    SessionResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@FormParam("token") String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("token is required");
        }
        SessionService.View view = sessions.start(token);
        return Response.created(URI.create("/api/v1/sessions/" + view.id())).entity(view).build();
    }

    @GET
    @Path("{id}")
    public SessionService.View get(@PathParam("id") UUID id) {
        return sessions.get(id);
    }

    /** "Still here": a tap on the device. */
    @POST
    @Path("{id}/heartbeat")
    public SessionService.View tap(@PathParam("id") UUID id) {
        return sessions.heartbeat(id, null);
    }

    /**
     * A camera frame: the server looks for the session's clinician in it. A body without a
     * {@code frame} part (or a bodiless POST routed here for want of a content type) is a tap.
     */
    @POST
    @Path("{id}/heartbeat")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public SessionService.View frame(@PathParam("id") UUID id, @RestForm("frame") FileUpload frame) {
        return sessions.heartbeat(id, Uploads.optional(frame, "frame"));
    }

    @DELETE
    @Path("{id}")
    public Response end(@PathParam("id") UUID id) {
        sessions.endByDevice(id);
        return Response.noContent().build();
    }
}

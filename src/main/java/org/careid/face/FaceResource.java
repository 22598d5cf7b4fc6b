package org.careid.face;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.careid.biometric.Uploads;
import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Face enrollment from photos (when {@link FaceEnrollmentPolicy} allows stills) and erasure. */
@Path("/api/v1/staff/{id}/faces")
@Tag(name = "Faces", description = "Face enrollment")
public class FaceResource {
    @Inject
    FaceService faces;
    @Inject
    FaceEnrollmentPolicy policy;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ENROLLER, Roles.ADMIN})
    public FaceService.EnrollmentView enroll(@PathParam("id") UUID staffId, @RestForm("images") List<FileUpload> images) {
        policy.requireStillsAllowed();
        return faces.enroll(staffId, Uploads.allBytes(images, "images"));
    }

    @DELETE
    @RolesAllowed({Roles.ENROLLER, Roles.ADMIN})
    public Response delete(@PathParam("id") UUID staffId) {
        faces.delete(staffId);
        return Response.noContent().build();
    }

}

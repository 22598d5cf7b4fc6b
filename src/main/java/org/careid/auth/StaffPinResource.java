package org.careid.auth;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.careid.biometric.Uploads;
import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** A clinician's PIN at the kiosk (chosen and confirmed by the clinician) and its reset by an ADMIN. */
@Path("/api/v1/staff/{id}/pin")
@Tag(name = "Staff", description = "The registry of clinicians")
public class StaffPinResource {
    private final StaffPins pins;

    @Inject
    StaffPinResource(StaffPins pins) {
        this.pins = pins;
    }

    /**
     * The clinician types the PIN twice at the kiosk's PIN pad and confirms it with a live face
     * (or a fingerprint with finger and dpi) that must match their own enrolled templates.
     */
    @PUT
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public Response choose(@PathParam("id") UUID id, @RestForm("pin") String pin, @RestForm("pinRepeated") String pinRepeated,
                           @RestForm("face") FileUpload face, @RestForm("fingerprint") FileUpload fingerprint,
                           @RestForm("finger") Integer finger, @RestForm("dpi") Integer dpi) {
        pins.chooseAtKiosk(id, pin, pinRepeated, new StaffPins.Confirmation(Uploads.optional(face, "face"),
                Uploads.optional(fingerprint, "fingerprint"), finger == null ? 0 : finger, dpi == null ? 500 : dpi));
        return Response.noContent().build();
    }

    /** A generated one-time PIN, shown once: it opens nothing until its owner changes it at a device. */
    @POST
    @Path("reset")
    @RolesAllowed(Roles.ADMIN)
    public Map<String, String> reset(@PathParam("id") UUID id) {
        return Map.of("oneTimePin", pins.resetByAdmin(id));
    }
}

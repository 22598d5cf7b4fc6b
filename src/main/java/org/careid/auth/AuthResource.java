package org.careid.auth;

import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.careid.biometric.Uploads;
import org.careid.identity.Caller;
import org.careid.identity.Roles;
import org.careid.identity.StaffMember;
import org.careid.token.AccessTokenIssuer;
import org.careid.web.ApiException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Authentication of a clinician at a bedside device (the DEVICE principal), multipart. */
@Path("/api/v1/auth")
@RolesAllowed(Roles.DEVICE)
@Consumes(MediaType.MULTIPART_FORM_DATA)
@Tag(name = "Authentication at devices", description = "Face, fingerprint and PIN to a device-bound token")
public class AuthResource {
    @Inject
    AuthenticationService authentication;
    @Inject
    Caller caller;

    @POST
    @Path("face")
    public AccessTokenIssuer.Issued face(@RestForm("image") FileUpload image, @RestForm("staffId") String staffId,
                                         @RestForm("scope") String scope) {
        return authentication.authenticate(new AuthAttempt(caller.uuid(), uuid(staffId), Uploads.bytes(image, "image"),
                null, 0, 500, null, scopes(scope)));
    }

    @POST
    @Path("fingerprint")
    public AccessTokenIssuer.Issued fingerprint(@RestForm("image") FileUpload image, @RestForm("dpi") Integer dpi,
                                                @RestForm("finger") Integer finger, @RestForm("staffId") String staffId,
                                                @RestForm("scope") String scope) {
        return authentication.authenticate(new AuthAttempt(caller.uuid(), uuid(staffId), null, Uploads.bytes(image, "image"),
                finger(finger), dpi(dpi), null, scopes(scope)));
    }

    /** Any combination of face, fingerprint and PIN (the PIN only as a second factor). */
    @POST
    public AccessTokenIssuer.Issued combined(@RestForm("face") FileUpload face, @RestForm("fingerprint") FileUpload fingerprint,
                                             @RestForm("finger") Integer finger, @RestForm("dpi") Integer dpi,
                                             @RestForm("pin") String pin, @RestForm("staffId") String staffId,
                                             @RestForm("scope") String scope) {
        return authentication.authenticate(new AuthAttempt(caller.uuid(), uuid(staffId), Uploads.optional(face, "face"),
                Uploads.optional(fingerprint, "fingerprint"), finger(finger), dpi(dpi), pin, scopes(scope)));
    }

    private static Set<String> scopes(String scope) {
        return StaffMember.parseScopes(scope);
    }

    private static UUID uuid(String staffId) {
        if (staffId == null || staffId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(staffId.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("staffId must be a staff UUID");
        }
    }

    private static int finger(Integer finger) {
        if (finger != null && (finger < 0 || finger > 10)) {
            throw ApiException.badRequest("finger must be 1-10 (or 0 / absent when unknown)");
        }
        return finger == null ? 0 : finger;
    }

    private static int dpi(Integer dpi) {
        if (dpi != null && (dpi < 250 || dpi > 1000)) {
            throw ApiException.badRequest("dpi must be between 250 and 1000");
        }
        return dpi == null ? 500 : dpi;
    }
}

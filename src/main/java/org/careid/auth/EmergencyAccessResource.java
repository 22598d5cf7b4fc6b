package org.careid.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.careid.identity.Caller;
import org.careid.identity.Roles;
import org.careid.token.AccessTokenIssuer;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Emergency (break-glass) access at a device: staff id + PIN + reason, reviewed afterwards. */
@Path("/api/v1/auth/emergency")
@RolesAllowed(Roles.DEVICE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication at devices", description = "Face, fingerprint and PIN to a device-bound token")
public class EmergencyAccessResource {
    @Inject
    EmergencyAccess emergency;
    @Inject
    Caller caller;

    @POST
    public AccessTokenIssuer.Issued request(EmergencyAccess.Request request) {
        return emergency.request(caller.uuid(), request);
    }
}

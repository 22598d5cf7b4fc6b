package org.careid.biometric;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The consent text the kiosk shows before any capture, with its version. */
@Path("/api/v1/consent/text")
@Tag(name = "Consent and enrollment state")
public class ConsentTextResource {
    @Inject
    ConsentService consent;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER, Roles.AUDITOR})
    public ConsentService.ConsentText text() {
        return consent.text();
    }
}

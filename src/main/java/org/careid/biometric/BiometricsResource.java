package org.careid.biometric;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A person's enrollment state across modalities, and erasure of all of it. */
@Path("/api/v1/staff/{id}/biometrics")
@RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
@Tag(name = "Consent and enrollment state")
public class BiometricsResource {
    @Inject
    ConsentService consent;

    @GET
    public Map<String, Object> state(@PathParam("id") UUID staffId) {
        return consent.summary(staffId);
    }

    @DELETE
    public Response erase(@PathParam("id") UUID staffId) {
        consent.eraseAll(staffId);
        return Response.noContent().build();
    }
}

package org.careid.biometric;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A person's biometric consent: recorded before any capture, withdrawn with erasure. */
@Path("/api/v1/staff/{id}/consent")
@RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
@Tag(name = "Consent and enrollment state")
public class ConsentResource {
    @Inject
    ConsentService consent;

    public record ConsentRequest(@NotBlank String textVersion) {}

    @POST
    public ConsentService.ConsentView record(@PathParam("id") UUID staffId, @Valid @NotNull ConsentRequest request) {
        return consent.record(staffId, request.textVersion());
    }

    @DELETE
    public Response withdraw(@PathParam("id") UUID staffId) {
        consent.withdraw(staffId);
        return Response.noContent().build();
    }
}

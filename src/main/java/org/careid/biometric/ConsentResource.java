package org.careid.biometric;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Tag(name = "Consent and enrollment state")
public class ConsentResource {
    @Inject
    ConsentService consent;

    public record ConsentRequest(@NotBlank String textVersion) {}

    @GET
    @Path("consent/text")
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER, Roles.AUDITOR})
    public ConsentService.ConsentText text() {
        return consent.text();
    }

    @POST
    @Path("staff/{id}/consent")
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public ConsentService.ConsentView record(@PathParam("id") UUID staffId, @Valid @NotNull ConsentRequest request) {
        return consent.record(staffId, request.textVersion());
    }

    @DELETE
    @Path("staff/{id}/consent")
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public Response withdraw(@PathParam("id") UUID staffId) {
        consent.withdraw(staffId);
        return Response.noContent().build();
    }

    @GET
    @Path("staff/{id}/biometrics")
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public Map<String, Object> state(@PathParam("id") UUID staffId) {
        return consent.summary(staffId);
    }

    @DELETE
    @Path("staff/{id}/biometrics")
    @RolesAllowed({Roles.ADMIN, Roles.ENROLLER})
    public Response erase(@PathParam("id") UUID staffId) {
        consent.eraseAll(staffId);
        return Response.noContent().build();
    }
}

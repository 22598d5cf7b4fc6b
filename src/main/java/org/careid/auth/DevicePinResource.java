package org.careid.auth;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** At a device, a clinician replaces their PIN (a one-time PIN an ADMIN reset) with one they choose. */
@Path("/api/v1/auth/pin")
@Tag(name = "Authentication at devices", description = "Face, fingerprint and PIN to a device-bound token")
public class DevicePinResource {
    public record PinChange(@NotNull UUID staffId, @NotBlank String currentPin, @NotBlank String newPin) {}

    private final StaffPins pins;

    @Inject
    DevicePinResource(StaffPins pins) {
        this.pins = pins;
    }

    @PUT
    @RolesAllowed(Roles.DEVICE)
    public Response change(@Valid @NotNull PinChange change) {
        pins.changeAtDevice(change.staffId(), change.currentPin(), change.newPin());
        return Response.noContent().build();
    }
}

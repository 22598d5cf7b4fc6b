package org.careid.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.careid.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signing-key administration: list and rotate on demand. */
@Path("/api/v1/keys")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Signing keys")
public class KeyResource {
    @Inject
    KeyRing keyRing;

    public record KeyView(String kid, Instant createdAt, Instant retiredAt, Instant publishUntil, boolean active) {}

    @GET
    public List<KeyView> list() {
        String active = keyRing.active().kid();
        return keyRing.published().stream()
                .map(k -> new KeyView(k.kid(), k.createdAt(), k.retiredAt(), k.publishUntil(), k.kid().equals(active)))
                .toList();
    }

    @POST
    @Path("rotate")
    public Map<String, String> rotate() {
        return Map.of("kid", keyRing.rotate("on demand by administrator"));
    }
}

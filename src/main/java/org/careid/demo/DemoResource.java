package org.careid.demo;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * The protected side of the demo: patient data and a device unlock that only a valid, unrevoked,
 * device-bound token with the right scope and a fresh proof of possession can reach. On in dev and
 * tests, off in production ({@code careid.demo.enabled}).
 */
@Path("/demo")
@PermitAll // CareID's own authentication does not apply: these check DPoP tokens themselves.
@Tag(name = "Demo resources", description = "Reference resource server for integrators")
public class DemoResource {
    private final DemoTokenGuard guard;
    private final AuditTrail audit;
    private final boolean enabled;
    private final java.util.Optional<String> publicBaseUrl;

    @Inject
    DemoResource(DemoTokenGuard guard, AuditTrail audit,
                 @ConfigProperty(name = "careid.demo.enabled", defaultValue = "false") boolean enabled,
                 @ConfigProperty(name = "careid.demo.public-base-url") java.util.Optional<String> publicBaseUrl) {
        this.guard = guard;
        this.audit = audit;
        this.enabled = enabled;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GET
    @Path("patients/{id}")
    public Map<String, Object> patient(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
                                       @HeaderParam("DPoP") String proof, @Context UriInfo uri) {
        requireEnabled();
        if (!SyntheticPatients.validId(id)) {
            throw ApiException.badRequest("patient id must be 1-64 letters, digits or '-'");
        }
        JwtClaims claims = guard.require(authorization, proof, "GET", url(uri), jwks(uri), "patient/*.read", false);
        audit.record(AuditEvent.of("DEMO_PATIENT_READ", AuditEvent.Outcome.SUCCESS).actor("STAFF", subject(claims))
                .target("PATIENT", id).detail("deviceId", DemoTokenGuard.boundDevice(claims).toString()));
        return SyntheticPatients.patient(id);
    }

    @POST
    @Path("devices/{id}/unlock")
    public Map<String, Object> unlock(@PathParam("id") UUID deviceId, @HeaderParam("Authorization") String authorization,
                                      @HeaderParam("DPoP") String proof, @Context UriInfo uri) {
        requireEnabled();
        JwtClaims claims = guard.require(authorization, proof, "POST", url(uri), jwks(uri), "device:unlock", true);
        if (!deviceId.equals(DemoTokenGuard.boundDevice(claims))) {
            throw new ApiException(ProblemType.WRONG_DEVICE, "The token is bound to another device");
        }
        audit.record(AuditEvent.of("DEMO_DEVICE_UNLOCKED", AuditEvent.Outcome.SUCCESS).actor("STAFF", subject(claims))
                .target("DEVICE", deviceId));
        return Map.of("unlocked", true, "deviceId", deviceId.toString(), "staffId", subject(claims),
                "at", Instant.now().toString());
    }

    private void requireEnabled() {
        if (!enabled) {
            throw ApiException.notFound("The demo resources are disabled; resource");
        }
    }

    private String base(UriInfo uri) {
        return publicBaseUrl.orElseGet(() -> uri.getBaseUri().toString().replaceAll("/$", ""));
    }

    private String url(UriInfo uri) {
        return base(uri) + "/" + uri.getPath().replaceAll("^/", "");
    }

    private String jwks(UriInfo uri) {
        return base(uri) + "/.well-known/jwks.json";
    }

    private static String subject(JwtClaims claims) {
        try {
            return claims.getSubject();
        } catch (MalformedClaimException e) {
            return null;
        }
    }
}

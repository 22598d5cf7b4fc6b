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

import io.vertx.core.http.HttpServerRequest;

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
    private final java.util.Optional<String> jwksUrl;

    /**
     * Where this resource server is reached ({@code htu} of proofs) and where it fetches CareID's
     * keys come from configuration, never from the request: a Host or X-Forwarded-Host header
     * naming another server must not make it fetch keys there (SSRF, and keys the caller chose).
     * Unset, both default to this server's own loopback port (the demo runs inside CareID).
     */
    @Inject
    DemoResource(DemoTokenGuard guard, AuditTrail audit,
                 @ConfigProperty(name = "careid.demo.enabled", defaultValue = "false") boolean enabled,
                 @ConfigProperty(name = "careid.demo.public-base-url") java.util.Optional<String> publicBaseUrl,
                 @ConfigProperty(name = "careid.demo.jwks-url") java.util.Optional<String> jwksUrl) {
        this.guard = guard;
        this.audit = audit;
        this.enabled = enabled;
        this.publicBaseUrl = publicBaseUrl.map(u -> u.replaceAll("/$", ""));
        this.jwksUrl = jwksUrl;
    }

    @GET
    @Path("patients/{id}")
    public Map<String, Object> patient(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
                                       @HeaderParam("DPoP") String proof, @Context UriInfo uri,
                                       @Context HttpServerRequest request) {
        requireEnabled();
        if (!SyntheticPatients.validId(id)) {
            throw ApiException.badRequest("patient id must be 1-64 letters, digits or '-'");
        }
        JwtClaims claims = guard.require(authorization, proof, "GET", url(uri, request), jwks(request), "patient/*.read", false);
        audit.record(AuditEvent.of("DEMO_PATIENT_READ", AuditEvent.Outcome.SUCCESS).actor("STAFF", subject(claims))
                .target("PATIENT", id).detail("deviceId", DemoTokenGuard.boundDevice(claims).toString()));
        return SyntheticPatients.patient(id);
    }

    @POST
    @Path("devices/{id}/unlock")
    public Map<String, Object> unlock(@PathParam("id") UUID deviceId, @HeaderParam("Authorization") String authorization,
                                      @HeaderParam("DPoP") String proof, @Context UriInfo uri,
                                      @Context HttpServerRequest request) {
        requireEnabled();
        JwtClaims claims = guard.require(authorization, proof, "POST", url(uri, request), jwks(request), "device:unlock", true);
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

    /** The configured base, or this server's loopback address at the port the request came in on. */
    private String base(HttpServerRequest request) {
        return publicBaseUrl.orElseGet(() -> "http://localhost:" + request.localAddress().port());
    }

    private String url(UriInfo uri, HttpServerRequest request) {
        return base(request) + "/" + uri.getPath().replaceAll("^/", "");
    }

    private String jwks(HttpServerRequest request) {
        return jwksUrl.orElseGet(() -> "http://localhost:" + request.localAddress().port() + "/.well-known/jwks.json");
    }

    private static String subject(JwtClaims claims) {
        try {
            return claims.getSubject();
        } catch (MalformedClaimException e) {
            return null;
        }
    }
}

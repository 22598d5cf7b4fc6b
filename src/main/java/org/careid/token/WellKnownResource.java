package org.careid.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Public key set and discovery metadata, for resource servers that verify tokens offline. */
@Path("/.well-known")
@PermitAll
@Tag(name = "Discovery")
public class WellKnownResource {
    @Inject
    KeyRing keyRing;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "careid.issuer")
    String issuer;

    @GET
    @Path("jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() throws JsonProcessingException {
        List<Object> keys = new ArrayList<>();
        for (KeyRing.LoadedKey key : keyRing.published()) {
            keys.add(json.readValue(key.publicJwkJson(), Map.class));
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        return Response.ok(Map.of("keys", keys)).cacheControl(cache).build();
    }

    @GET
    @Path("openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> discovery() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("jwks_uri", issuer + "/.well-known/jwks.json");
        m.put("introspection_endpoint", issuer + "/api/v1/tokens/introspect");
        m.put("revocation_endpoint", issuer + "/api/v1/tokens/revoke");
        m.put("token_endpoint", issuer + "/api/v1/tokens/client-token");
        m.put("id_token_signing_alg_values_supported", List.of("ES256"));
        m.put("access_token_signing_alg_values_supported", List.of("ES256"));
        m.put("introspection_endpoint_auth_methods_supported", List.of("private_key_jwt", "bearer"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("private_key_jwt", "bearer"));
        m.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        m.put("token_endpoint_auth_signing_alg_values_supported", List.of("ES256"));
        m.put("dpop_signing_alg_values_supported", List.of("ES256"));
        m.put("grant_types_supported", List.of("client_credentials"));
        return m;
    }
}

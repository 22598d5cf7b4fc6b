package org.careid.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The verified content of a CareID access token, as introspection reports it (RFC 7662 member
 * names where they exist).
 */
public record AccessTokenClaims(String jti, UUID staffId, UUID deviceId, List<String> audience, String scope,
                                List<String> amr, String acr, String jkt, Instant issuedAt, Instant notBefore,
                                Instant expiresAt, String issuer, String kid) {

    public Map<String, Object> asIntrospection() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("active", true);
        m.put("iss", issuer);
        m.put("sub", staffId.toString());
        m.put("aud", audience);
        m.put("scope", scope);
        m.put("client_id", deviceId.toString());
        m.put("device_id", deviceId.toString());
        m.put("token_type", "DPoP");
        m.put("iat", issuedAt.getEpochSecond());
        m.put("nbf", notBefore.getEpochSecond());
        m.put("exp", expiresAt.getEpochSecond());
        m.put("jti", jti);
        m.put("amr", amr);
        m.put("acr", acr);
        m.put("cnf", Map.of("jkt", jkt));
        return m;
    }
}

package org.careid.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.token.Introspection;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * How a resource server checks a CareID token, step by step, as a reference for integrators:
 * <ol>
 * <li>read {@code Authorization: DPoP <token>} and the {@code DPoP} proof header;</li>
 * <li>verify the token locally against CareID's JWKS (ES256 only, {@code typ=at+jwt}, issuer,
 * audience, time), refreshing the key set when an unknown {@code kid} appears;</li>
 * <li>check the required scope;</li>
 * <li>ask introspection for what only CareID knows (revocation, staff and device still active)
 * and let it check the proof of possession, consuming the token for one-time actions.</li>
 * </ol>
 * An external resource server does step 4 over HTTP with {@code POST /api/v1/tokens/introspect};
 * this demo runs inside CareID, so it calls the same service in-process.
 */
@ApplicationScoped
public class DemoTokenGuard {
    /** What the caller reads for each refusal; the problem type is what it acts on. */
    private static final Map<ProblemType, String> DETAILS = Map.of(
            ProblemType.PROOF_REQUIRED, "A DPoP proof of possession is required",
            ProblemType.PROOF_INVALID, "The proof of possession was not accepted",
            ProblemType.TOKEN_REVOKED, "The access token was revoked (not active)",
            ProblemType.TOKEN_EXPIRED, "The access token has expired",
            ProblemType.TOKEN_INVALID, "The access token is not valid for this request",
            ProblemType.TOKEN_REPLAYED, "This one-time token was already used (replay)");

    private final String issuer;
    private final List<String> audiences;
    private final Introspection introspection;

    private volatile HttpsJwksVerificationKeyResolver keys;
    private volatile String keysUrl;

    @Inject
    DemoTokenGuard(@ConfigProperty(name = "careid.issuer") String issuer,
                   @ConfigProperty(name = "careid.token.resource-audiences", defaultValue = "careid-resources") List<String> audiences,
                   Introspection introspection) {
        this.issuer = issuer;
        this.audiences = audiences;
        this.introspection = introspection;
    }

    /** The verified token for this request, or a 401/403 problem. */
    public JwtClaims require(String authorization, String proof, String method, String url, String jwksUrl,
                             String scope, boolean consumeOnce) {
        if (authorization == null || !authorization.regionMatches(true, 0, "DPoP ", 0, 5)) {
            throw new ApiException(ProblemType.TOKEN_REQUIRED, "A DPoP-bound access token is required (Authorization: DPoP <token>)");
        }
        String token = authorization.substring(5).trim();
        JwtClaims claims;
        try {
            claims = consumer(jwksUrl).processToClaims(token);
        } catch (InvalidJwtException e) {
            throw e.hasExpired() ? new ApiException(ProblemType.TOKEN_EXPIRED, "The access token has expired")
                    : new ApiException(ProblemType.TOKEN_INVALID, "The access token is not valid");
        }
        // Possession and liveness first, so a caller without the key learns nothing about scopes.
        // A missing proof is introspected too (as an empty one): a valid token without its proof is
        // what someone holding the token but not the device key sends, and threat detection must
        // hear of it.
        Introspection.Verdict verdict = introspection.introspect(token,
                new Introspection.Presentation(proof == null ? "" : proof, method, url, false));
        if (!verdict.active()) {
            ProblemType type = verdict.failure().problemType();
            throw new ApiException(type, DETAILS.getOrDefault(type, "The access token is not active"));
        }
        Set<String> scopes = Set.of(String.valueOf(claims.getClaimValue("scope")).split(" "));
        if (!scopes.contains(scope)) {
            throw new ApiException(ProblemType.INSUFFICIENT_SCOPE, "This action needs the scope " + scope);
        }
        if (consumeOnce && !introspection.consumeOnce(verdict.claims())) {
            throw new ApiException(ProblemType.TOKEN_REPLAYED, "This one-time token was already used (replay)");
        }
        return claims;
    }

    static UUID boundDevice(JwtClaims claims) {
        return UUID.fromString(String.valueOf(claims.getClaimValue("device_id")));
    }

    private JwtConsumer consumer(String jwksUrl) {
        if (keys == null || !jwksUrl.equals(keysUrl)) {
            HttpsJwks jwks = new HttpsJwks(jwksUrl);
            jwks.setDefaultCacheDuration(300);
            keys = new HttpsJwksVerificationKeyResolver(jwks);
            keysUrl = jwksUrl;
        }
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, "ES256")
                .setExpectedType(true, "at+jwt")
                .setVerificationKeyResolver(keys)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audiences.toArray(String[]::new))
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(10)
                .build();
    }
}

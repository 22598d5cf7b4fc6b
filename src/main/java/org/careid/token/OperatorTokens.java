package org.careid.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.crypto.P256;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Short-lived bearer tokens for people at the kiosk or admin console, and for resource servers
 * that call introspection. They are ordinary JWTs ({@code typ=JWT}) with the audience
 * {@value #AUDIENCE}, so they can never be mistaken for a device-bound access token.
 */
@ApplicationScoped
public class OperatorTokens {
    public static final String AUDIENCE = "careid:api";

    @Inject
    KeyRing keyRing;
    @Inject
    TokenSettings settings;
    @ConfigProperty(name = "careid.issuer")
    String issuer;
    @Inject
    JwtVerifier verifier;

    /** Claim holding the account's session epoch at issue; a token of an older epoch is refused. */
    public static final String SESSION_EPOCH = "session_epoch";

    public record Issued(String token, long expiresIn) {}

    public Issued issue(String subject, String name, Set<String> roles, String principalType, int sessionEpoch,
                        Duration lifetime) {
        KeyRing.LoadedKey key = keyRing.active();
        Instant now = Instant.now();
        // low-S: the only form verification accepts (see JwtVerifier)
        String token = P256.withLowS(Jwt.issuer(issuer)
                .subject(subject)
                .upn(name)
                .groups(roles)
                .audience(AUDIENCE)
                .claim("principal_type", principalType)
                .claim(SESSION_EPOCH, sessionEpoch)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("jti", UUID.randomUUID().toString())
                .jws().keyId(key.kid()).header("typ", "JWT").algorithm(SignatureAlgorithm.ES256)
                .sign(key.privateKey()));
        return new Issued(token, lifetime.toSeconds());
    }

    public Issued issueForOperator(UUID operatorId, String username, String role, int sessionEpoch) {
        return issue(operatorId.toString(), username, Set.of(role), "OPERATOR", sessionEpoch, settings.operatorLifetime());
    }

    public JsonWebToken verify(String token) throws JwtVerifier.InvalidTokenException {
        return verifier.verify(token, "JWT", AUDIENCE);
    }
}

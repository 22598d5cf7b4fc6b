package org.careid.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;

import org.careid.token.JwtVerifier;
import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Compact JWS text through what token verification runs before and after the key look-up:
 * {@link JwtVerifier#header} (the untrusted header) and the SmallRye parser with the verifier's
 * settings (ES256 only, issuer, audience, required claims) and a P-256 key. Refusals are typed.
 */
class JwtFuzzTest {
    private static final FuzzInputs INPUTS = new FuzzInputs("JWT parsing and verification (JwtVerifier.header, SmallRye ES256 parser)");
    private static final DefaultJWTParser PARSER = new DefaultJWTParser();
    private static final JWTAuthContextInfo CONTEXT = context();

    private static JWTAuthContextInfo context() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            JWTAuthContextInfo info = new JWTAuthContextInfo((java.security.interfaces.ECPublicKey) pair.getPublic(), "http://localhost:8080");
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
            info.setExpectedAudience(Set.of("careid-resources"));
            info.setClockSkew(10);
            info.setRequiredClaims(Set.of("exp", "iat", "jti", "sub"));
            return info;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxExecutions = FuzzBudget.EXECUTIONS, maxDuration = FuzzBudget.DURATION)
    void verify(byte[] data) {
        String jwt = new String(data, StandardCharsets.UTF_8);
        INPUTS.run(() -> {
            try {
                JwtVerifier.header(jwt);
            } catch (JwtVerifier.InvalidTokenException refused) {
                // 401 at the API
            }
            try {
                PARSER.parse(jwt, CONTEXT);
            } catch (ParseException refused) {
                // 401 at the API (JwtVerifier turns it into InvalidTokenException)
            }
        });
    }

    @AfterAll
    static void report() {
        INPUTS.report();
    }
}

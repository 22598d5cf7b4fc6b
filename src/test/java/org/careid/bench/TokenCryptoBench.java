package org.careid.bench;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careid.crypto.CryptoProviders;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * One thread: how many access tokens per second the server's signing path (SmallRye JWT build,
 * ES256) produces, and how many a resource server verifies locally against a JWKS, with the
 * crypto provider CareID installs (Amazon Corretto Crypto Provider where available).
 */
public final class TokenCryptoBench {
    public static void main(String[] args) throws Exception {
        String provider = CryptoProviders.installPreferred();
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) pair.getPublic());
        jwk.setKeyId("bench");
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwk).getJsonWebKeys()))
                .setExpectedIssuer("https://careid.example").setExpectedAudience("careid-resources")
                .setExpectedType(true, "at+jwt").build();

        List<String> tokens = new ArrayList<>();
        long signed = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            String token = sign(pair);
            if (tokens.size() < 1000) {
                tokens.add(token);
            }
            signed++;
        }
        double signRate = signed / ((System.nanoTime() - t0) / 1e9);
        long verified = 0;
        end = System.nanoTime() + seconds * 1_000_000_000L;
        t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            consumer.processToClaims(tokens.get((int) (verified % tokens.size())));
            verified++;
        }
        double verifyRate = verified / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("Crypto provider: %s%n", provider);
        System.out.printf("ES256 access tokens signed (SmallRye JWT build), 1 thread: %.0f/s%n", signRate);
        System.out.printf("ES256 access tokens verified against a JWKS (jose4j), 1 thread: %.0f/s%n", verifyRate);
    }

    private static String sign(KeyPair pair) {
        Instant now = Instant.now();
        String device = UUID.randomUUID().toString();
        return Jwt.issuer("https://careid.example").subject(UUID.randomUUID().toString())
                .audience(java.util.Set.of(device, "careid-resources")).issuedAt(now).expiresAt(now.plusSeconds(120))
                .claim("jti", UUID.randomUUID().toString()).claim("scope", "patient/*.read")
                .claim("amr", List.of("face")).claim("cnf", Map.of("jkt", "thumbprint")).claim("device_id", device)
                .jws().keyId("bench").header("typ", "at+jwt").algorithm(SignatureAlgorithm.ES256).sign(pair.getPrivate());
    }
}

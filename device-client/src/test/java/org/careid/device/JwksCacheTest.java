package org.careid.device;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JwksCache against a real HTTP server on 127.0.0.1 serving a JWKS the test generates. */
class JwksCacheTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final ECKey serverKey = new ECKey.Builder(DeviceKeyStore.generate("ignored")).keyID("key-1").build();
    private final ECKey deviceKey = DeviceKeyStore.generate("device-1");
    private final String deviceJkt = DeviceKeyStore.thumbprint(deviceKey);
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private URI jwksUri;

    @TempDir
    Path dir;

    @BeforeEach
    void startJwksServer() throws Exception {
        published.add(serverKey.toPublicJWK());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            requests.incrementAndGet();
            byte[] body = new JWKSet(List.copyOf(published)).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        jwksUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private JwksCache cache() {
        return new JwksCache(jwksUri, CareIdClient.defaultHttpClient(), clock);
    }

    private String validToken() {
        return TestTokens.accessToken(serverKey, clock.instant(), Duration.ofSeconds(120), deviceJkt);
    }

    private Failure refusal(JwksCache cache, String token) {
        return assertThrows(CareIdException.class, () -> cache.verify(token, TestTokens.ISSUER, deviceJkt)).failure();
    }

    @Test
    void acceptsAValidTokenBoundToThisDevice() {
        JWTClaimsSet claims = cache().verify(validToken(), TestTokens.ISSUER, deviceJkt);
        assertEquals(TestTokens.ISSUER, claims.getIssuer());
        assertEquals(1, requests.get());
    }

    @Test
    void refusesATamperedToken() throws Exception {
        String[] parts = validToken().split("\\.");
        JWTClaimsSet widened = new JWTClaimsSet.Builder(JWTClaimsSet.parse(Base64URL.from(parts[1]).decodeToString()))
                .claim("scope", "patient/*.write admin").build();
        String tampered = parts[0] + "." + Base64URL.encode(widened.toString()) + "." + parts[2];
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), tampered));
    }

    @Test
    void refusesAlgNone() {
        JWTClaimsSet claims = TestTokens.claims(clock.instant(), Duration.ofSeconds(120), deviceJkt).build();
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"key-1\"}").toString();
        String unsigned = header + "." + Base64URL.encode(claims.toString()) + ".";
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), unsigned));
        // Also with the valid token's signature pasted on.
        String signature = validToken().split("\\.")[2];
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), unsigned + signature));
    }

    @Test
    void refusesOtherAlgorithmsEvenWithTheServersPublicKeyAsSecret() throws Exception {
        // The classic confusion attack: HS256 "signed" with the public key's bytes.
        byte[] secret = serverKey.toPublicJWK().toJSONString().repeat(2).getBytes(StandardCharsets.UTF_8);
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).keyID("key-1").build(),
                TestTokens.claims(clock.instant(), Duration.ofSeconds(120), deviceJkt).build());
        hmac.sign(new MACSigner(secret));
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), hmac.serialize()));
    }

    @Test
    void refusesAWrongOrMissingType() {
        JWTClaimsSet claims = TestTokens.claims(clock.instant(), Duration.ofSeconds(120), deviceJkt).build();
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), TestTokens.sign(serverKey, "JWT", claims)));
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), TestTokens.sign(serverKey, "dpop+jwt", claims)));
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), TestTokens.sign(serverKey, null, claims)));
        // The media-type spelling of RFC 9068 is fine.
        cache().verify(TestTokens.sign(serverKey, "application/at+jwt", claims), TestTokens.ISSUER, deviceJkt);
    }

    @Test
    void refusesAnExpiredTokenBeyondTheAllowedSkew() {
        String token = validToken();
        JwksCache cache = cache();
        clock.advance(Duration.ofSeconds(125));
        cache.verify(token, TestTokens.ISSUER, deviceJkt);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Failure.TOKEN_EXPIRED, refusal(cache, token));
    }

    @Test
    void refusesATokenNotYetValid() {
        JWTClaimsSet claims = TestTokens.claims(clock.instant().plusSeconds(60), Duration.ofSeconds(120), deviceJkt).build();
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), TestTokens.sign(serverKey, "at+jwt", claims)));
    }

    @Test
    void refusesATokenBoundToAnotherKeyOrWithoutBinding() {
        String otherDevice = DeviceKeyStore.thumbprint(DeviceKeyStore.generate("device-2"));
        String foreign = TestTokens.accessToken(serverKey, clock.instant(), Duration.ofSeconds(120), otherDevice);
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), foreign));

        JWTClaimsSet unbound = new JWTClaimsSet.Builder(TestTokens.claims(clock.instant(), Duration.ofSeconds(120), deviceJkt).build())
                .claim("cnf", null).build();
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), TestTokens.sign(serverKey, "at+jwt", unbound)));
    }

    @Test
    void refusesAnotherIssuerAndAnotherSigner() {
        JWTClaimsSet otherIssuer = new JWTClaimsSet.Builder(TestTokens.claims(clock.instant(), Duration.ofSeconds(120), deviceJkt).build())
                .issuer("https://evil.example").build();
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), TestTokens.sign(serverKey, "at+jwt", otherIssuer)));

        // Same kid, different key: the signature does not verify.
        ECKey impostor = new ECKey.Builder(DeviceKeyStore.generate("x")).keyID("key-1").build();
        String forged = TestTokens.accessToken(impostor, clock.instant(), Duration.ofSeconds(120), deviceJkt);
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), forged));
    }

    @Test
    void refusesATokenForAnotherAudienceOrWithoutKeyId() {
        String device = "7c1e6a2e-0000-4000-8000-000000000001";
        JWTClaimsSet forThisDevice = new JWTClaimsSet.Builder(TestTokens.claims(clock.instant(), Duration.ofSeconds(120), deviceJkt).build())
                .audience(List.of(device, "careid-resources")).build();
        cache().verify(TestTokens.sign(serverKey, "at+jwt", forThisDevice), TestTokens.ISSUER, device, deviceJkt);
        CareIdException elsewhere = assertThrows(CareIdException.class, () -> cache().verify(
                TestTokens.sign(serverKey, "at+jwt", forThisDevice), TestTokens.ISSUER, "another-device", deviceJkt));
        assertEquals(Failure.TOKEN_INVALID, elsewhere.failure());
        assertTrue(elsewhere.getMessage().contains("aud"), elsewhere.getMessage());

        JWTClaimsSet claims = TestTokens.claims(clock.instant(), Duration.ofSeconds(120), deviceJkt).build();
        SignedJWT withoutKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build(), claims);
        assertDoesNotThrow(() -> withoutKid.sign(new com.nimbusds.jose.crypto.ECDSASigner(serverKey)));
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), withoutKid.serialize()));
    }

    @Test
    void refusesGarbage() {
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), "not-a-token"));
        assertEquals(Failure.TOKEN_INVALID, refusal(cache(), ""));
    }

    @Test
    void refreshesOnAnUnknownKidAtMostOncePerInterval() {
        JwksCache cache = cache();
        cache.verify(validToken(), TestTokens.ISSUER, deviceJkt);
        assertEquals(1, requests.get());

        // The server rotates to a new key; the first token signed with it arrives right away.
        ECKey rotated = new ECKey.Builder(DeviceKeyStore.generate("x")).keyID("key-2").build();
        published.add(rotated.toPublicJWK());
        String newToken = TestTokens.accessToken(rotated, clock.instant(), Duration.ofSeconds(120), deviceJkt);
        assertEquals(Failure.TOKEN_INVALID, refusal(cache, newToken));
        assertEquals(1, requests.get(), "no refresh within 30 s of the last fetch");

        // A flood of tokens with random kids costs at most one fetch per interval.
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 50; i++) {
            ECKey random = new ECKey.Builder(DeviceKeyStore.generate("x")).keyID("random-" + i).build();
            refusal(cache, TestTokens.accessToken(random, clock.instant(), Duration.ofSeconds(120), deviceJkt));
        }
        assertEquals(2, requests.get());

        // That refresh brought key-2: the rotated token is accepted without another fetch.
        cache.verify(TestTokens.accessToken(rotated, clock.instant(), Duration.ofSeconds(120), deviceJkt), TestTokens.ISSUER, deviceJkt);
        assertEquals(2, requests.get());
        assertEquals(2, cache.fetchCount());
    }

    @Test
    void cachedFileServesOfflineAndCountsAsTheLastFetch() {
        Path cacheFile = dir.resolve("jwks.json");
        new JwksCache(jwksUri, CareIdClient.defaultHttpClient(), clock, Duration.ofSeconds(30), Duration.ofSeconds(10), cacheFile)
                .verify(validToken(), TestTokens.ISSUER, deviceJkt);
        assertEquals(1, requests.get());
        server.stop(0);

        JwksCache offline = new JwksCache(jwksUri, CareIdClient.defaultHttpClient(), clock, Duration.ofSeconds(30),
                Duration.ofSeconds(10), cacheFile);
        offline.verify(validToken(), TestTokens.ISSUER, deviceJkt);
        assertEquals(0, offline.fetchCount());
    }

    @Test
    void withoutCacheAndServerTheFailureIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        JwksCache cache = new JwksCache(URI.create("http://127.0.0.1:" + closedPort + "/.well-known/jwks.json"),
                CareIdClient.defaultHttpClient(), clock);
        CareIdException e = assertThrows(CareIdException.class, () -> cache.verify(validToken(), TestTokens.ISSUER, deviceJkt));
        assertEquals(Failure.SERVER_UNREACHABLE, e.failure());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }
}

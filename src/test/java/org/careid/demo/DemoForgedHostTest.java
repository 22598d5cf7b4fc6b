package org.careid.demo;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.careid.token.AccessTokenIssuer;
import org.careid.token.ProofOfPossession;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The reference resource server takes its JWKS URL and its own URL (the proofs' {@code htu}) from
 * configuration: a request whose Host header names another server does not make it fetch keys
 * there, and is checked as usual.
 */
@QuarkusTest
class DemoForgedHostTest {
    @Inject
    AccessTokenIssuer issuer;

    @Test
    void aForgedHostHeaderDoesNotChooseWhereKeysAreFetchedFrom() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] body = "{\"keys\":[]}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        try {
            String staff = Api.createStaff("patient/*.read");
            DeviceKey device = Api.provisionedDevice();
            String token = issuer.issue(new AccessTokenIssuer.Grant(UUID.fromString(staff), device.id, Set.of("patient/*.read"),
                    List.of("face"), "urn:careid:acr:1f")).access_token();
            String forgedHost = "127.0.0.1:" + attacker.getAddress().getPort();
            // a proof made out for the forged host is refused; one for the real URL is accepted
            given().header("Host", forgedHost).header("Authorization", "DPoP " + token)
                    .header("DPoP", proof(device, token, "http://" + forgedHost + "/demo/patients/P-7"))
                    .get("/demo/patients/P-7").then().statusCode(401);
            given().header("Host", forgedHost).header("Authorization", "DPoP " + token)
                    .header("DPoP", proof(device, token, "http://localhost:" + RestAssured.port + "/demo/patients/P-7"))
                    .get("/demo/patients/P-7").then().statusCode(200);
            assertEquals(0, fetches.get(), "the server fetched keys from the host the client named");
        } finally {
            attacker.stop(0);
        }
    }

    private static String proof(DeviceKey key, String token, String url) {
        JwtClaims c = new JwtClaims();
        c.setJwtId(UUID.randomUUID().toString());
        c.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        c.setClaim("htm", "GET");
        c.setClaim("htu", url);
        c.setClaim("ath", ProofOfPossession.sha256(token));
        return key.sign(c, "dpop+jwt", true);
    }
}

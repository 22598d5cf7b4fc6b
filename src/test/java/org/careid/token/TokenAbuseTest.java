package org.careid.token;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.careid.crypto.P256;
import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * Tokens under attack: revocation by a device the token is not bound to, the second (high-S)
 * encoding of a genuine token's signature, and floods of tokens naming unknown keys.
 */
@QuarkusTest
class TokenAbuseTest {
    @Inject
    AccessTokenIssuer issuer;

    private AccessTokenIssuer.Issued issue(DeviceKey device) {
        String staff = Api.createStaff("patient/*.read");
        return issuer.issue(new AccessTokenIssuer.Grant(UUID.fromString(staff), device.id, Set.of("patient/*.read"),
                List.of("face"), "urn:careid:acr:1f"));
    }

    private static ValidatableResponse introspect(DeviceKey caller, String token) {
        return Api.asDevice(caller).formParam("token", token).post("/api/v1/tokens/introspect").then().statusCode(200);
    }

    private static void revoke(DeviceKey caller, String token) {
        Api.asDevice(caller).formParam("token", token).post("/api/v1/tokens/revoke").then().statusCode(200);
    }

    @Test
    void anotherDeviceCannotRevokeATokenButItsRequestIsAnswered200AndAudited() {
        DeviceKey owner = Api.provisionedDevice();
        DeviceKey other = Api.provisionedDevice();
        AccessTokenIssuer.Issued issued = issue(owner);

        revoke(other, issued.access_token());
        introspect(owner, issued.access_token()).body("active", equalTo(true));
        Api.as(Api.operator("AUDITOR")).queryParam("action", "TOKEN_REVOCATION_REFUSED").queryParam("targetId", issued.jti())
                .get("/api/v1/audit").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].actorId", equalTo(other.id.toString()));

        revoke(owner, issued.access_token());
        introspect(owner, issued.access_token()).body("active", equalTo(false));
    }

    @Test
    void theHighSTwinOfATokenIsNeverActiveAndRevokingTheTokenCoversBothForms() {
        DeviceKey device = Api.provisionedDevice();
        String token = issue(device).access_token();
        assertTrue(P256.hasLowS(token), "tokens are issued in low-S form");
        String twin = P256.malleated(token);
        assertNotEquals(token, twin);

        introspect(device, token).body("active", equalTo(true));
        introspect(device, twin).body("active", equalTo(false));

        // revoking through the twin is refused as an invalid token; revoking the token covers both
        revoke(device, twin);
        introspect(device, token).body("active", equalTo(true));
        revoke(device, token);
        introspect(device, token).body("active", equalTo(false));
        introspect(device, twin).body("active", equalTo(false));
    }

    @Test
    void spareBase64BitsDoNotMakeAnotherActiveToken() {
        DeviceKey device = Api.provisionedDevice();
        String token = issue(device).access_token();
        // 64 signature bytes take 86 characters, the last carrying 4 spare bits
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        introspect(device, token).body("active", equalTo(true));
        introspect(device, respelled).body("active", equalTo(false));
    }

    @Test
    void tokensWithUnknownKidsDoNotReloadTheKeyRingOnEveryRequest() {
        DeviceKey device = Api.provisionedDevice();
        String token = issue(device).access_token();
        String[] parts = token.split("\\.");
        double before = reloads();
        long started = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"made-up-" + i + "\"}").getBytes());
            introspect(device, header + "." + parts[1] + "." + parts[2]).body("active", equalTo(false));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double reloads = reloads() - before;
        // at most one reload a second (however slow this machine is), and far fewer than one per token
        assertTrue(reloads >= 1 && reloads <= Math.ceil(seconds) + 1 && reloads < 40,
                "40 unknown kids in " + seconds + " s: " + reloads + " reloads");
    }

    private static double reloads() {
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("careid_keyring_reloads_total{") && l.contains("unknown-kid"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void lowSNormalisationKeepsTheSignatureValid() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair pair = g.generateKeyPair();
        int highS = 0;
        for (int i = 0; i < 20; i++) {
            org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
            jws.setPayload("{\"n\":" + i + "}");
            jws.setAlgorithmHeaderValue("ES256");
            jws.setKey(pair.getPrivate());
            String signed = jws.getCompactSerialization();
            highS += P256.hasLowS(signed) ? 0 : 1;
            for (String form : List.of(P256.withLowS(signed), P256.malleated(P256.withLowS(signed)))) {
                org.jose4j.jws.JsonWebSignature check = new org.jose4j.jws.JsonWebSignature();
                check.setCompactSerialization(form);
                check.setKey(pair.getPublic());
                assertTrue(check.verifySignature(), "both encodings verify: that is the malleability");
            }
            assertTrue(P256.hasLowS(P256.withLowS(signed)));
        }
        assertTrue(highS > 0, "a JCA signer produces high-S signatures too (" + highS + " of 20)");
    }
}

package org.careid.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.careid.support.Api;
import org.careid.support.CapturedLogs;
import org.careid.support.DeviceKey;
import org.careid.support.ResourceServerKey;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The token issue's security list: every forged, stale, misbound or replayed token is inactive,
 * the genuine one is active, and key rotation keeps old tokens verifiable until their key retires.
 */
@QuarkusTest
class TokenSecurityTest {
    @Inject
    AccessTokenIssuer issuer;
    @Inject
    KeyRing keyRing;

    private record Setup(String staffId, DeviceKey device, AccessTokenIssuer.Issued issued) {}

    private Setup issue(String... scopes) {
        String staffId = Api.createStaff("patient/*.read", "device:unlock");
        DeviceKey device = Api.provisionedDevice();
        AccessTokenIssuer.Issued issued = issuer.issue(new AccessTokenIssuer.Grant(UUID.fromString(staffId), device.id,
                Set.of(scopes.length == 0 ? new String[] {"patient/*.read", "medication:dispense"} : scopes),
                List.of("face"), "aal2"));
        return new Setup(staffId, device, issued);
    }

    private static ValidatableResponse introspect(DeviceKey caller, String token) {
        return Api.asDevice(caller).formParam("token", token).post("/api/v1/tokens/introspect").then().statusCode(200);
    }

    private static void inactive(DeviceKey caller, String token) {
        introspect(caller, token).body("active", equalTo(false)).body("size()", equalTo(1));
    }

    @Test
    void genuineTokenIsActiveWithBoundClaims() {
        Setup s = issue();
        assertEquals("patient/*.read", s.issued().scope(), "scope = permitted ∩ requested");
        Map<String, Object> header = header(s.issued().access_token());
        assertEquals("at+jwt", header.get("typ"));
        assertEquals("ES256", header.get("alg"));
        introspect(s.device(), s.issued().access_token())
                .body("active", equalTo(true))
                .body("sub", equalTo(s.staffId()))
                .body("device_id", equalTo(s.device().id.toString()))
                .body("cnf.jkt", equalTo(s.device().thumbprint()))
                .body("amr", hasItem("face"))
                .body("aud", hasItem(s.device().id.toString()))
                .body("scope", equalTo("patient/*.read"));
    }

    @Test
    void tokenVerifiesOfflineAgainstTheJwks() throws Exception {
        Setup s = issue();
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new org.jose4j.keys.resolvers.JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer(Api.ISSUER).setExpectedAudience("careid-resources")
                .setExpectedType(true, "at+jwt").build().processToClaims(s.issued().access_token());
        assertEquals(s.staffId(), claims.getSubject());
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("jwks_uri", equalTo(Api.ISSUER + "/.well-known/jwks.json"))
                .body("introspection_endpoint", equalTo(Api.ISSUER + "/api/v1/tokens/introspect"));
    }

    @Test
    void forgedTokensAreInactive() throws Exception {
        Setup s = issue();
        String genuine = s.issued().access_token();
        DeviceKey d = s.device();
        String[] parts = genuine.split("\\.");
        // alg none
        inactive(d, b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + parts[1] + ".");
        // HS256 keyed with the public key (key confusion)
        KeyRing.LoadedKey key = keyRing.active();
        JsonWebSignature hs = jws(JwtClaims.parse(payload(genuine)), key.kid(), "at+jwt");
        hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hs.setKey(new HmacKey(key.publicKey().getEncoded()));
        inactive(d, hs.getCompactSerialization());
        // signed by a key not in the JWKS, with the genuine kid, and with an unknown kid
        DeviceKey stranger = new DeviceKey();
        inactive(d, signWith(stranger, JwtClaims.parse(payload(genuine)), key.kid(), "at+jwt", null));
        inactive(d, signWith(stranger, JwtClaims.parse(payload(genuine)), "no-such-kid", "at+jwt", null));
        // headers pointing elsewhere
        for (String h : List.of("jku", "x5u")) {
            inactive(d, signWithServerKey(JwtClaims.parse(payload(genuine)), "at+jwt", Map.of(h, "https://attacker.example/keys")));
        }
        inactive(d, signWithServerKey(JwtClaims.parse(payload(genuine)), "at+jwt",
                Map.of("jwk", new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) stranger.pair.getPublic()).toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY))));
        // tampered payload and signature
        String tamperedPayload = b64(payload(genuine).replace("patient/*.read", "medication:dispense"));
        inactive(d, parts[0] + "." + tamperedPayload + "." + parts[2]);
        char[] sig = parts[2].toCharArray();
        sig[10] = sig[10] == 'A' ? 'B' : 'A';
        inactive(d, parts[0] + "." + parts[1] + "." + new String(sig));
    }

    @Test
    void staleOrMisaddressedTokensAreInactive() throws Exception {
        Setup s = issue();
        DeviceKey d = s.device();
        JwtClaims base = JwtClaims.parse(payload(s.issued().access_token()));
        JwtClaims expired = JwtClaims.parse(base.toJson());
        expired.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 600));
        expired.setNotBefore(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 600));
        expired.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 300));
        inactive(d, signWithServerKey(withJti(expired), "at+jwt", Map.of()));
        JwtClaims future = JwtClaims.parse(base.toJson());
        future.setNotBefore(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 90));
        inactive(d, signWithServerKey(withJti(future), "at+jwt", Map.of()));
        JwtClaims wrongIss = JwtClaims.parse(base.toJson());
        wrongIss.setIssuer("https://evil.example");
        inactive(d, signWithServerKey(withJti(wrongIss), "at+jwt", Map.of()));
        JwtClaims wrongAud = JwtClaims.parse(base.toJson());
        wrongAud.setAudience("some-other-api");
        inactive(d, signWithServerKey(withJti(wrongAud), "at+jwt", Map.of()));
        inactive(d, signWithServerKey(withJti(JwtClaims.parse(base.toJson())), "JWT", Map.of()));
        // and the control: the same construction with nothing wrong is active
        introspect(d, signWithServerKey(withJti(JwtClaims.parse(base.toJson())), "at+jwt", Map.of())).body("active", equalTo(true));
    }

    @Test
    void revokedTokensAndInactiveSubjectsAreInactive() {
        Setup s = issue();
        String token = s.issued().access_token();
        introspect(s.device(), token).body("active", equalTo(true));
        Api.asDevice(s.device()).formParam("token", token).post("/api/v1/tokens/revoke").then().statusCode(200);
        inactive(s.device(), token);

        Setup suspended = issue();
        Api.as(Api.admin()).post("/api/v1/devices/" + suspended.device().id + "/suspend").then().statusCode(200);
        // the suspended device can no longer even call; a resource server asks instead
        Api.asDevice(suspended.device()).formParam("token", suspended.issued().access_token())
                .post("/api/v1/tokens/introspect").then().statusCode(401);
        ResourceServerKey rs = ResourceServerKey.register();
        rs.introspect(suspended.issued().access_token()).body("active", equalTo(false));

        Setup deactivated = issue();
        Api.as(Api.admin()).post("/api/v1/staff/" + deactivated.staffId() + "/deactivate").then().statusCode(200);
        inactive(deactivated.device(), deactivated.issued().access_token());

        Setup all = issue();
        Api.as(Api.admin()).body(Map.of("staffId", all.staffId())).post("/api/v1/tokens/revoke-all").then().statusCode(204);
        inactive(all.device(), all.issued().access_token());
    }

    @Test
    void tokenPresentedByAnotherDeviceIsInactive() {
        Setup s = issue();
        DeviceKey other = Api.provisionedDevice();
        inactive(other, s.issued().access_token());
        introspect(s.device(), s.issued().access_token()).body("active", equalTo(true));
    }

    @Test
    void oneTimeUnlockTokenIsAcceptedOnce() {
        Setup s = issue("device:unlock");
        String token = s.issued().access_token();
        Api.asDevice(s.device()).formParam("token", token).formParam("one_time_use", true)
                .post("/api/v1/tokens/introspect").then().body("active", equalTo(true));
        Api.asDevice(s.device()).formParam("token", token).formParam("one_time_use", true)
                .post("/api/v1/tokens/introspect").then().body("active", equalTo(false));
    }

    @Test
    void proofOfPossessionIsCheckedAndCannotBeReplayed() {
        Setup s = issue();
        String token = s.issued().access_token();
        String url = "https://ehr.example/fhir/Patient/42";
        String proof = dpop(s.device(), token, "GET", url);
        ResourceServerKey rs = ResourceServerKey.register();
        rs.introspectWithProof(token, proof, "GET", url).body("active", equalTo(true));
        rs.introspectWithProof(token, proof, "GET", url).body("active", equalTo(false)); // replay
        rs.introspectWithProof(token, dpop(s.device(), token, "POST", url), "GET", url).body("active", equalTo(false));
        rs.introspectWithProof(token, dpop(new DeviceKey(), token, "GET", url), "GET", url).body("active", equalTo(false));
        rs.introspectWithProof(token, dpop(s.device(), token, "GET", url), "GET", url).body("active", equalTo(true));
    }

    /**
     * Replayed one-time ids (client assertion, DPoP proof, unlock token) are refused by an insert
     * that records nothing, not by a failing one: no database error reaches the log, so no WARN or
     * ERROR line repeats the id.
     */
    @Test
    void replaysAreRefusedWithoutWarningsInTheLog() {
        Setup s = issue("device:unlock");
        String token = s.issued().access_token();
        String url = "https://ehr.example/fhir/Patient/43";
        ResourceServerKey rs = ResourceServerKey.register();
        String assertion = s.device().assertion(Api.ISSUER);
        String proof = dpop(s.device(), token, "GET", url);
        try (CapturedLogs logs = CapturedLogs.start()) {
            given().header("Authorization", "Device " + assertion).formParam("token", token)
                    .post("/api/v1/tokens/introspect").then().statusCode(200);
            given().header("Authorization", "Device " + assertion).formParam("token", token)
                    .post("/api/v1/tokens/introspect").then().statusCode(401)
                    .body("type", equalTo(org.careid.web.ProblemType.CREDENTIALS_REFUSED.uri()));
            rs.introspectWithProof(token, proof, "GET", url).body("active", equalTo(true));
            rs.introspectWithProof(token, proof, "GET", url).body("active", equalTo(false));
            Api.asDevice(s.device()).formParam("token", token).formParam("one_time_use", true)
                    .post("/api/v1/tokens/introspect").then().body("active", equalTo(true));
            Api.asDevice(s.device()).formParam("token", token).formParam("one_time_use", true)
                    .post("/api/v1/tokens/introspect").then().body("active", equalTo(false));
            // a proof whose jti is longer than the stored key: refused before the database sees it
            JwtClaims longJti = new JwtClaims();
            longJti.setJwtId("j".repeat(500));
            longJti.setIssuedAtToNow();
            longJti.setClaim("htm", "GET");
            longJti.setClaim("htu", url);
            longJti.setClaim("ath", ProofOfPossession.sha256(token));
            rs.introspectWithProof(token, s.device().sign(longJti, "dpop+jwt", true), "GET", url).body("active", equalTo(false));
            assertEquals(List.of(), logs.atLeast(java.util.logging.Level.WARNING).stream()
                    .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(), "WARN or ERROR lines");
        }
    }

    @Test
    void rotationKeepsOldTokensUntilTheirKeyRetires() throws Exception {
        Setup s = issue();
        String before = s.issued().access_token();
        String oldKid = (String) header(before).get("kid");
        String newKid = Api.as(Api.admin()).post("/api/v1/keys/rotate").then().statusCode(200).extract().path("kid");
        assertTrue(!newKid.equals(oldKid));
        introspect(s.device(), before).body("active", equalTo(true));
        List<String> kids = given().get("/.well-known/jwks.json").then().extract().path("keys.kid");
        assertTrue(kids.containsAll(List.of(oldKid, newKid)), "both keys published during the overlap");
        Setup after = issue();
        assertEquals(newKid, header(after.issued().access_token()).get("kid"));
        // the old key's publication window ends (as it would once its tokens expired)
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                SigningKey.update("publishUntil = ?1 where kid = ?2", Instant.now().minusSeconds(1), oldKid));
        keyRing.refresh();
        Api.forgetTokens();
        inactive(s.device(), before);
        kids = given().get("/.well-known/jwks.json").then().extract().path("keys.kid");
        assertTrue(!kids.contains(oldKid), "retired key left the JWKS");
        introspect(after.device(), after.issued().access_token()).body("active", equalTo(true));
    }

    @Test
    void introspectionNeedsAnAuthenticatedCaller() {
        Setup s = issue();
        given().formParam("token", s.issued().access_token()).post("/api/v1/tokens/introspect").then().statusCode(401);
        Api.as(Api.operator("AUDITOR")).contentType("application/x-www-form-urlencoded")
                .formParam("token", s.issued().access_token()).post("/api/v1/tokens/introspect").then().statusCode(403);
    }

    // --- helpers -------------------------------------------------------------------------------

    static String dpop(DeviceKey key, String token, String method, String url) {
        JwtClaims c = new JwtClaims();
        c.setJwtId(UUID.randomUUID().toString());
        c.setIssuedAtToNow();
        c.setClaim("htm", method);
        c.setClaim("htu", url);
        c.setClaim("ath", ProofOfPossession.sha256(token));
        return key.sign(c, "dpop+jwt", true);
    }

    private JwtClaims withJti(JwtClaims c) {
        c.setJwtId(UUID.randomUUID().toString());
        return c;
    }

    private String signWithServerKey(JwtClaims claims, String typ, Map<String, Object> extraHeaders) throws Exception {
        KeyRing.LoadedKey key = keyRing.active();
        JsonWebSignature jws = jws(claims, key.kid(), typ);
        extraHeaders.forEach((k, v) -> jws.getHeaders().setObjectHeaderValue(k, v));
        jws.setKey(key.privateKey());
        return org.careid.crypto.P256.withLowS(jws.getCompactSerialization()); // as the server signs
    }

    private static String signWith(DeviceKey key, JwtClaims claims, String kid, String typ, Object unused) throws Exception {
        JsonWebSignature jws = jws(claims, kid, typ);
        jws.setKey(key.pair.getPrivate());
        return jws.getCompactSerialization();
    }

    private static JsonWebSignature jws(JwtClaims claims, String kid, String typ) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setHeader("typ", typ);
        jws.setDoKeyValidation(false);
        return jws;
    }

    private static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(String jwt) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}

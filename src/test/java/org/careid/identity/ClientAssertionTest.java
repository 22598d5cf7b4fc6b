package org.careid.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The client assertion a device signs for every call (RFC 7523 style): accepted once, refused when
 * replayed, expired, too long-lived, addressed to another issuer, signed by another key or sent by
 * an unknown or suspended device; each refusal is a 401 problem and an audit entry with its reason.
 */
@QuarkusTest
class ClientAssertionTest {

    private static int call(String assertion) {
        return given().header("Authorization", "Device " + assertion).formParam("token", "not-a-token")
                .post("/api/v1/tokens/introspect").then().extract().statusCode();
    }

    private static JwtClaims claims(DeviceKey device, String audience, long iatOffset, long lifetime) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(device.id.toString());
        c.setSubject(device.id.toString());
        c.setAudience(audience);
        c.setIssuedAt(DeviceKey.in(iatOffset));
        c.setExpirationTime(DeviceKey.in(iatOffset + lifetime));
        c.setJwtId(UUID.randomUUID().toString());
        return c;
    }

    private static JsonPath rejections(DeviceKey device) {
        return Api.as(Api.operator("AUDITOR")).queryParam("action", "CLIENT_ASSERTION_REJECTED")
                .queryParam("actorId", device.id.toString()).queryParam("size", 100)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anAssertionIsAcceptedOnceAndItsUseRecorded() {
        DeviceKey device = Api.provisionedDevice("bedside", "icu");
        String assertion = device.assertion(Api.ISSUER);
        assertEquals(200, call(assertion));
        Api.as(Api.admin()).get("/api/v1/devices/" + device.id).then().statusCode(200).body("lastSeenAt", notNullValue());

        given().header("Authorization", "Device " + assertion).formParam("token", "not-a-token")
                .post("/api/v1/tokens/introspect").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        JsonPath audit = rejections(device);
        assertEquals(1, audit.getInt("total"));
        assertTrue(audit.getString("items[0].detail").contains("assertion replayed"), audit.getString("items[0].detail"));
        assertEquals(200, call(device.assertion(Api.ISSUER)), "a fresh assertion still works after a replay");
    }

    @Test
    void staleMisaddressedOrForeignAssertionsAreRefused() {
        DeviceKey device = Api.provisionedDevice("bedside", "icu");
        assertEquals(401, call(device.sign(claims(device, Api.ISSUER, -300, 30), "JWT", false)), "expired");
        assertEquals(401, call(device.sign(claims(device, Api.ISSUER, 0, 300), "JWT", false)), "lives longer than 60 s");
        assertEquals(401, call(device.sign(claims(device, "https://elsewhere.example", 0, 30), "JWT", false)), "other audience");
        DeviceKey impostor = new DeviceKey();
        impostor.id = device.id;
        assertEquals(401, call(impostor.assertion(Api.ISSUER)), "signed by a key the device does not hold");
        JwtClaims noJti = claims(device, Api.ISSUER, 0, 30);
        noJti.unsetClaim("jti");
        assertEquals(401, call(device.sign(noJti, "JWT", false)), "without jti");
        assertEquals(5, rejections(device).getInt("total"));
        assertEquals(200, call(device.assertion(Api.ISSUER)));
    }

    @Test
    void unknownAndSuspendedDevicesAreRefused() {
        DeviceKey unknown = new DeviceKey();
        unknown.id = UUID.randomUUID();
        assertEquals(401, call(unknown.assertion(Api.ISSUER)));
        assertTrue(rejections(unknown).getString("items[0].detail").contains("unknown, unprovisioned or inactive caller"));

        DeviceKey device = Api.provisionedDevice("bedside", "icu");
        assertEquals(200, call(device.assertion(Api.ISSUER)));
        Api.as(Api.admin()).post("/api/v1/devices/" + device.id + "/suspend").then().statusCode(200);
        assertEquals(401, call(device.assertion(Api.ISSUER)), "suspension applies to the very next call");
    }

    @Test
    void issuedAtInTheFutureIsRefused() {
        DeviceKey device = Api.provisionedDevice("workstation", "radiology");
        JwtClaims future = claims(device, Api.ISSUER, 0, 30);
        future.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
        future.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 630));
        assertEquals(401, call(device.sign(future, "JWT", false)));
    }
}

package org.careid.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Registered keys are validated: a device or resource server key must be a point on P-256 (not
 * the point at infinity) with 32-byte coordinates, or registration is refused with 400 invalid-key.
 */
@QuarkusTest
class ClientKeyValidationTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** Bad public keys, each derived from a genuine one. */
    private static Map<String, Map<String, Object>> badKeys() {
        Map<String, Object> genuine = new DeviceKey().publicJwk();
        byte[] y = Base64.getUrlDecoder().decode((String) genuine.get("y"));
        byte[] offCurve = new BigInteger(1, y).add(BigInteger.ONE).toByteArray();
        offCurve = Arrays.copyOfRange(offCurve, Math.max(0, offCurve.length - 32), offCurve.length);
        Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
        bad.put("off the curve", with(genuine, "y", B64.encodeToString(offCurve.length == 32 ? offCurve : pad(offCurve))));
        bad.put("point at infinity", with(with(genuine, "x", B64.encodeToString(new byte[32])), "y", B64.encodeToString(new byte[32])));
        bad.put("31-byte coordinate", with(genuine, "x", B64.encodeToString(Arrays.copyOfRange(
                Base64.getUrlDecoder().decode((String) genuine.get("x")), 1, 32))));
        bad.put("33-byte coordinate", with(genuine, "x", B64.encodeToString(pad33(Base64.getUrlDecoder().decode((String) genuine.get("x"))))));
        bad.put("coordinate beyond the field", with(genuine, "x", B64.encodeToString(ones())));
        return bad;
    }

    private static byte[] pad(byte[] b) {
        byte[] out = new byte[32];
        System.arraycopy(b, 0, out, 32 - b.length, b.length);
        return out;
    }

    private static byte[] pad33(byte[] b) {
        byte[] out = new byte[33];
        System.arraycopy(b, 0, out, 1, 32);
        return out;
    }

    private static byte[] ones() {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) 0xff);
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> jwk, String name, Object value) {
        Map<String, Object> copy = new HashMap<>(jwk);
        copy.put(name, value);
        return copy;
    }

    private static void invalidKey(ValidatableResponse response, String why) {
        response.statusCode(400).contentType(Problem.MEDIA_TYPE).body("type", equalTo(ProblemType.INVALID_KEY.uri()));
    }

    @Test
    void provisioningRefusesKeysThatAreNotValidP256Points() {
        badKeys().forEach((why, jwk) -> {
            String id = Api.as(Api.admin()).body(Map.of("name", "bad key " + why, "deviceType", "workstation", "ward", "ICU"))
                    .post("/api/v1/devices").then().statusCode(201).extract().path("id");
            String code = Api.as(Api.admin()).post("/api/v1/devices/" + id + "/provisioning-code")
                    .then().statusCode(200).extract().path("code");
            invalidKey(given().contentType(ContentType.JSON).body(Map.of("deviceId", id, "code", code, "jwk", jwk))
                    .post("/api/v1/devices/provision").then(), why);
            // the code was not spent on the bad key: a good key still provisions the device
            given().contentType(ContentType.JSON).body(Map.of("deviceId", id, "code", code, "jwk", new DeviceKey().publicJwk()))
                    .post("/api/v1/devices/provision").then().statusCode(200);
        });
    }

    @Test
    void resourceServerRegistrationRefusesKeysThatAreNotValidP256Points() {
        badKeys().forEach((why, jwk) -> invalidKey(Api.as(Api.admin()).body(Map.of("name", "rs " + why, "jwk", jwk))
                .post("/api/v1/resource-servers").then(), why));
        Api.as(Api.admin()).body(Map.of("name", "rs good", "jwk", new DeviceKey().publicJwk()))
                .post("/api/v1/resource-servers").then().statusCode(201);
    }
}

package org.careid.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Operator login and device provisioning are rate-limited per source address and per account
 * before any Argon2id work: beyond the limit, 429 with Retry-After and a rate-limited problem.
 * (Low limits here; the other tests run with limits they never reach.)
 */
@QuarkusTest
@TestProfile(AttemptThrottleTest.LowLimits.class)
class AttemptThrottleTest {
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("careid.rate-limit.per-address", "8", "careid.rate-limit.per-account", "3",
                    "careid.rate-limit.period", "PT1H");
        }
    }

    private static ValidatableResponse login(String username) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "wrong-password-123"))
                .post("/api/v1/operators/login").then();
    }

    private static void limited(ValidatableResponse response) {
        response.statusCode(429).contentType(Problem.MEDIA_TYPE).body("type", equalTo(ProblemType.RATE_LIMITED.uri()))
                .header("Retry-After", notNullValue());
        long retryAfter = Long.parseLong(response.extract().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
    }

    @Test
    void loginsArePerAccountThenPerAddressLimited() {
        String account = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            login(account).statusCode(401);
        }
        limited(login(account));                       // 4th for this account
        String other = "someone-" + UUID.randomUUID().toString().substring(0, 8);
        int answered = 0;
        for (int i = 0; i < 10 && login(other + i).extract().statusCode() == 401; i++) {
            answered++;
        }
        assertTrue(answered <= 4, "the address's 8 attempts are used up: " + answered + " more answered");
        limited(login(other + "x"));
        // provisioning: the same limits, before the code is even looked at
        String device = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            provision(device).statusCode(400).body("type", equalTo(ProblemType.INVALID_PROVISIONING_CODE.uri()));
        }
        limited(provision(device));
    }

    private static ValidatableResponse provision(String deviceId) {
        return given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId, "code", "ABCD",
                "jwk", new org.careid.support.DeviceKey().publicJwk())).post("/api/v1/devices/provision").then();
    }
}

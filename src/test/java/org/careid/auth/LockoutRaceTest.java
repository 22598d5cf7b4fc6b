package org.careid.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;

/**
 * Parallel guesses cannot slip past the lockout: 20 wrong PINs sent at once for one person are
 * counted in the database as they are admitted, so only 5 are checked and the rest are
 * refused as locked.
 */
@QuarkusTest
class LockoutRaceTest {
    private static final String PIN = "73920164";

    @Test
    void twentyParallelWrongPinsAreCheckedOnlyFiveTimes() throws Exception {
        String staff = Api.createStaff("patient/*.read");
        Api.givePin(staff, PIN);
        List<DeviceKey> devices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            devices.add(Api.provisionedDevice());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> guesses = new ArrayList<>();
            for (DeviceKey device : devices) {
                guesses.add(() -> {
                    Map<String, Object> body = new HashMap<>();
                    body.put("staffId", staff);
                    body.put("pin", "00000000");
                    body.put("reason", "INJURY");
                    // every answer costs an Argon2id verification, 20 at once on a small machine: a long read timeout
                    return Api.asDevice(device).config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                                    .setParam("http.socket.timeout", 300_000)))
                            .contentType(ContentType.JSON).body(body).post("/api/v1/auth/emergency")
                            .then().extract().statusCode();
                });
            }
            for (Future<Integer> answer : pool.invokeAll(guesses)) {
                assertEquals(401, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        int counted = QuarkusTransaction.requiringNew().call(() -> {
            LockoutCounter c = LockoutCounter.findById(PinVerifier.pinKey(UUID.fromString(staff)));
            return c.consecutiveFailures;
        });
        long refusedAsLocked = Api.as(Api.operator("AUDITOR")).queryParam("action", "BREAK_GLASS_FAILED")
                .queryParam("targetId", staff).queryParam("size", 100).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.detail", String.class).stream().filter(d -> d.contains("PIN locked")).count();
        int locks = Api.as(Api.operator("AUDITOR")).queryParam("action", "LOCKOUT_STARTED").queryParam("targetId", staff)
                .get("/api/v1/audit").then().statusCode(200).extract().path("total");
        // Five guesses are checked, then the lock holds. The test profile's first lock lasts only 3 s,
        // so on a slow machine a guess may be checked after a lock ends: each such guess starts the
        // next lock. Every guess not checked met a lock.
        assertTrue(counted >= 5 && counted < 20, "guesses checked: " + counted + " of 20");
        assertEquals(counted - 4, locks, "each checked guess from the fifth on started a lock");
        assertEquals(20 - counted, refusedAsLocked, "the others were refused as locked");
    }
}

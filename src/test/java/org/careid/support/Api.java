package org.careid.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * What tests do as real clients do: log in as the bootstrap admin (changing its one-time password
 * first, as a real administrator must), create operators of each role, register and provision
 * devices with keys of their own.
 */
public final class Api {
    public static final String ISSUER = "http://localhost:8080";
    public static final String BOOTSTRAP_PASSWORD = "test-bootstrap-Admin-Passw0rd!";
    /** The bootstrap admin's password after its required first change. */
    public static final String ADMIN_PASSWORD = "test-Admin-chosen-Passw0rd!";
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Apps (by base URI and port) whose bootstrap password the tests already changed. */
    private static final java.util.Set<String> CHANGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Api() {}

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/operators/login")
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * Cached tokens belong to one running app: a test profile restarts Quarkus on a new random port
     * with a clean database, so the port is part of the key.
     */
    private static String key(String role) {
        return role + "@" + io.restassured.RestAssured.port;
    }

    /** After a signing key is retired in a test, the cached operator tokens it signed are void. */
    public static void forgetTokens() {
        TOKENS.clear();
    }

    public static String admin() {
        return TOKENS.computeIfAbsent(key("ADMIN"), r -> adminLogin(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port, BOOTSTRAP_PASSWORD, ADMIN_PASSWORD));
    }

    /**
     * Logs in as the bootstrap admin of the app at this base URI: the first time, with its
     * bootstrap password, which it changes to {@code chosen} (the only call open before that); then
     * with {@code chosen}. Returns a token of the changed account.
     */
    public static String adminLogin(String baseUri, String bootstrapPassword, String chosen) {
        if (!CHANGED.contains(baseUri)) {
            io.restassured.response.Response first = given().baseUri(baseUri).contentType(ContentType.JSON)
                    .body(Map.of("username", "admin", "password", bootstrapPassword)).post("/api/v1/operators/login");
            if (first.statusCode() == 200) {
                // configured or generated, the bootstrap password is one-time: nothing else is open
                if (!Boolean.TRUE.equals(first.path("password_change_required"))) {
                    throw new AssertionError("the bootstrap administrator was not required to change its password");
                }
                given().baseUri(baseUri).header("Authorization", "Bearer " + first.path("access_token"))
                        .get("/api/v1/operators").then().statusCode(403);
                given().baseUri(baseUri).contentType(ContentType.JSON)
                        .header("Authorization", "Bearer " + first.path("access_token"))
                        .body(Map.of("currentPassword", bootstrapPassword, "newPassword", chosen))
                        .put("/api/v1/operators/me/password").then().statusCode(204);
            }
            CHANGED.add(baseUri);
        }
        return given().baseUri(baseUri).contentType(ContentType.JSON).body(Map.of("username", "admin", "password", chosen))
                .post("/api/v1/operators/login").then().statusCode(200).extract().path("access_token");
    }

    /** An operator account's credentials. */
    public record Account(String username, String password) {}

    /**
     * A new operator account of this role with a password it needs not change. Browser tests log in
     * with their own account: a log-off ends every session of the account, and must not end the
     * cached tokens the other tests use.
     */
    public static Account newOperator(String role) {
        String username = role.toLowerCase() + "-ui-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Str0ng-" + UUID.randomUUID();
        as(admin()).body(Map.of("username", username, "role", role, "password", password))
                .post("/api/v1/operators").then().statusCode(201);
        return new Account(username, password);
    }

    /** A token for a fresh operator of this role (ADMIN, ENROLLER, AUDITOR), cached per role. */
    public static String operator(String role) {
        if ("ADMIN".equals(role)) {
            return admin();
        }
        String admin = admin(); // outside the map's update: a nested computeIfAbsent on one map is refused
        return TOKENS.computeIfAbsent(key(role), k -> {
            String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
            String password = "Str0ng-" + UUID.randomUUID();
            as(admin).body(Map.of("username", username, "role", role, "password", password))
                    .post("/api/v1/operators").then().statusCode(201);
            return login(username, password);
        });
    }

    public static RequestSpecification as(String bearer) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + bearer);
    }

    public static RequestSpecification asDevice(DeviceKey key) {
        return given().header("Authorization", "Device " + key.assertion(ISSUER));
    }

    public static String createStaff(String... scopes) {
        String employeeId = "E" + UUID.randomUUID().toString().substring(0, 8);
        return as(admin()).body(Map.of("employeeId", employeeId, "displayName", "Nurse " + employeeId,
                        "clinicalRole", "nurse", "ward", "ICU", "scopes", java.util.List.of(scopes)))
                .post("/api/v1/staff").then().statusCode(201).extract().path("id");
    }

    /**
     * Gives the staff member this PIN the only ways a PIN is set without their face: an ADMIN
     * resets it to a one-time PIN, which the clinician replaces with theirs at a device.
     */
    public static void givePin(String staffId, String pin) {
        String oneTime = as(admin()).post("/api/v1/staff/" + staffId + "/pin/reset").then().statusCode(200)
                .extract().path("oneTimePin");
        DeviceKey device = PIN_DEVICES.computeIfAbsent(key("PIN_DEVICE"), k -> provisionedDevice());
        asDevice(device).contentType(ContentType.JSON).body(Map.of("staffId", staffId, "currentPin", oneTime, "newPin", pin))
                .put("/api/v1/auth/pin").then().statusCode(204);
    }

    private static final Map<String, DeviceKey> PIN_DEVICES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Registers a device of this type and provisions a fresh key for it, as the device would. */
    public static DeviceKey provisionedDevice(String type, String ward) {
        DeviceKey key = new DeviceKey();
        String id = as(admin()).body(Map.of("name", type + " " + UUID.randomUUID().toString().substring(0, 6),
                        "deviceType", type, "ward", ward))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        key.id = UUID.fromString(id);
        String code = as(admin()).post("/api/v1/devices/" + id + "/provisioning-code")
                .then().statusCode(200).extract().path("code");
        given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", id, "code", code, "jwk", key.publicJwk()))
                .post("/api/v1/devices/provision").then().statusCode(200);
        return key;
    }

    public static DeviceKey provisionedDevice() {
        return provisionedDevice("workstation", "ICU");
    }
}

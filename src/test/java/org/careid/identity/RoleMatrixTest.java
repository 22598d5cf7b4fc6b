package org.careid.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every protected endpoint against every principal: the allowed ones get past security (any
 * status but 401/403), the others get 403, and an anonymous caller gets 401.
 */
@QuarkusTest
class RoleMatrixTest {
    enum Who { ANONYMOUS, ADMIN, ENROLLER, AUDITOR, DEVICE }

    record Endpoint(String method, String path, Object body, List<Who> allowed) {}

    /** Body marker: the endpoint takes multipart/form-data (content negotiation precedes security). */
    static final Object MULTIPART = new Object();

    private String staffId;
    private String deviceId;
    private String operatorId;
    private DeviceKey device;

    private void setUp() {
        staffId = Api.createStaff("patient/*.read");
        device = Api.provisionedDevice();
        deviceId = Api.as(Api.admin()).body(Map.of("name", "matrix pump", "deviceType", "infusion-pump", "ward", "ICU"))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        operatorId = Api.as(Api.admin()).body(Map.of("username", "matrix-" + UUID.randomUUID().toString().substring(0, 6), "role", "AUDITOR"))
                .post("/api/v1/operators").then().statusCode(201).extract().path("operator.id");
    }

    List<Endpoint> endpoints() {
        if (staffId == null) {
            setUp();
        }
        List<Who> admin = List.of(Who.ADMIN);
        List<Who> kiosk = List.of(Who.ADMIN, Who.ENROLLER);
        List<Who> audit = List.of(Who.ADMIN, Who.AUDITOR);
        List<Who> operators = List.of(Who.ADMIN, Who.ENROLLER, Who.AUDITOR);
        Map<String, Object> newStaff = Map.of("employeeId", "M" + UUID.randomUUID().toString().substring(0, 8),
                "displayName", "Matrix", "clinicalRole", "nurse", "ward", "ICU");
        List<Endpoint> list = new ArrayList<>(List.of(
                new Endpoint("POST", "/api/v1/staff", newStaff, kiosk),
                new Endpoint("GET", "/api/v1/staff", null, kiosk),
                new Endpoint("GET", "/api/v1/staff/" + staffId, null, kiosk),
                new Endpoint("PUT", "/api/v1/staff/" + staffId, Map.of("ward", "ER"), kiosk),
                new Endpoint("PUT", "/api/v1/staff/" + staffId + "/pin", Map.of("pin", "12345678"), kiosk),
                new Endpoint("POST", "/api/v1/staff/" + staffId + "/activate", null, admin),
                new Endpoint("POST", "/api/v1/devices", Map.of("name", "x", "deviceType", "monitor", "ward", "ICU"), admin),
                new Endpoint("GET", "/api/v1/devices", null, admin),
                new Endpoint("GET", "/api/v1/devices/" + deviceId, null, admin),
                new Endpoint("PUT", "/api/v1/devices/" + deviceId, Map.of("ward", "ER"), admin),
                new Endpoint("POST", "/api/v1/devices/" + deviceId + "/activate", null, admin),
                new Endpoint("POST", "/api/v1/devices/" + deviceId + "/provisioning-code", null, admin),
                new Endpoint("PUT", "/api/v1/devices/policies/monitor", Map.of("minSoftwareVersion", "1.0"), admin),
                new Endpoint("PUT", "/api/v1/devices/self/software-version", Map.of("softwareVersion", "3.1.0"), List.of(Who.DEVICE)),
                new Endpoint("POST", "/api/v1/operators", Map.of("username", "m" + UUID.randomUUID().toString().substring(0, 6), "role", "ENROLLER"), admin),
                new Endpoint("GET", "/api/v1/operators", null, admin),
                new Endpoint("GET", "/api/v1/operators/" + operatorId, null, admin),
                new Endpoint("POST", "/api/v1/operators/" + operatorId + "/unlock", null, admin),
                new Endpoint("PUT", "/api/v1/operators/me/password", Map.of("currentPassword", "wrong-password-x", "newPassword", "another-long-password"), operators),
                new Endpoint("GET", "/api/v1/resource-servers", null, admin),
                new Endpoint("GET", "/api/v1/audit", null, audit),
                new Endpoint("GET", "/api/v1/audit/verify", null, audit),
                new Endpoint("GET", "/api/v1/audit/export", null, audit),
                new Endpoint("POST", "/api/v1/audit/verify", Map.of("checkpoints", List.of()), audit),
                new Endpoint("GET", "/api/v1/audit/checkpoints", null, audit),
                new Endpoint("GET", "/api/v1/audit/checkpoints/keys", null, List.of(Who.values())),
                new Endpoint("POST", "/api/v1/audit/checkpoints/keys/rotate", null, admin),
                new Endpoint("GET", "/api/v1/keys", null, admin),
                new Endpoint("POST", "/api/v1/keys/rotate", null, admin),
                new Endpoint("POST", "/api/v1/tokens/revoke-all", Map.of("deviceId", deviceId), admin),
                new Endpoint("POST", "/api/v1/tokens/client-token", null, List.of()),
                new Endpoint("GET", "/api/v1/auth/policies", null, admin),
                new Endpoint("GET", "/api/v1/consent/text", null, operators),
                new Endpoint("POST", "/api/v1/staff/" + staffId + "/consent", Map.of("textVersion", "2026-11"), kiosk),
                new Endpoint("GET", "/api/v1/staff/" + staffId + "/biometrics", null, kiosk),
                new Endpoint("DELETE", "/api/v1/staff/" + staffId + "/faces", null, kiosk),
                new Endpoint("DELETE", "/api/v1/staff/" + staffId + "/fingerprints", null, kiosk),
                new Endpoint("POST", "/api/v1/fingerprints/reextract", null, admin),
                new Endpoint("POST", "/api/v1/faces/check", MULTIPART, List.of(Who.ADMIN, Who.ENROLLER, Who.DEVICE)),
                new Endpoint("POST", "/api/v1/auth/face", MULTIPART, List.of(Who.DEVICE)),
                new Endpoint("POST", "/api/v1/auth/face/challenge", null, List.of(Who.DEVICE)),
                new Endpoint("POST", "/api/v1/auth/face/challenge/burst", MULTIPART, List.of(Who.DEVICE)),
                new Endpoint("POST", "/api/v1/auth/fingerprint", MULTIPART, List.of(Who.DEVICE)),
                new Endpoint("POST", "/api/v1/auth", MULTIPART, List.of(Who.DEVICE))));
        return list;
    }

    @Test
    void everyEndpointEnforcesItsRoles() {
        List<String> failures = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Who who : Who.values()) {
                int status = call(who, e);
                boolean allowed = e.allowed().contains(who);
                int expectedDenied = who == Who.ANONYMOUS ? 401 : 403;
                if (allowed ? (status == 401 || status == 403) : status != expectedDenied) {
                    failures.add(e.method() + " " + e.path() + " as " + who + ": " + status
                            + (allowed ? " (should be allowed)" : " (should be " + expectedDenied + ")"));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private int call(Who who, Endpoint e) {
        RequestSpecification request = switch (who) {
            case ANONYMOUS -> given().contentType(ContentType.JSON);
            case DEVICE -> Api.asDevice(device).contentType(ContentType.JSON);
            default -> Api.as(Api.operator(who.name()));
        };
        if (e.body() == MULTIPART) {
            request = request.contentType("multipart/form-data").multiPart("scope", "patient/*.read");
        } else if (e.body() != null) {
            request = request.body(e.body());
        }
        return request.request(e.method(), e.path()).then().extract().statusCode();
    }
}

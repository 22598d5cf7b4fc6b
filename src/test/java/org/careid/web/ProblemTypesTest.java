package org.careid.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.careid.token.AccessTokenIssuer;
import org.careid.token.ProofOfPossession;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every refusal names its kind in the problem {@code type} URI, so clients switch on it and never
 * on the words: a few representative failures of each area, checked over HTTP.
 */
@QuarkusTest
class ProblemTypesTest {
    private static final String PIN = "73920164";

    @Inject
    AccessTokenIssuer issuer;

    private static ValidatableResponse isProblem(ValidatableResponse response, ProblemType type) {
        return response.statusCode(type.status()).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(type.uri())).body("status", equalTo(type.status()));
    }

    @Test
    void operatorApiFailures() {
        isProblem(given().get("/api/v1/staff").then(), ProblemType.AUTHENTICATION_REQUIRED);
        isProblem(given().header("Authorization", "Bearer not-a-token").get("/api/v1/staff").then(),
                ProblemType.CREDENTIALS_REFUSED);
        isProblem(Api.as(Api.operator("AUDITOR")).body(Map.of("employeeId", "E-x", "displayName", "X"))
                .post("/api/v1/staff").then(), ProblemType.FORBIDDEN);
        isProblem(Api.as(Api.admin()).body(Map.of()).post("/api/v1/staff").then(), ProblemType.VALIDATION)
                .body("violations.field", hasItem("employeeId"));
        isProblem(Api.as(Api.admin()).body("{\"employeeId\": [1, 2]}").post("/api/v1/staff").then(),
                ProblemType.MALFORMED_REQUEST);
        isProblem(Api.as(Api.admin()).get("/api/v1/staff/" + UUID.randomUUID()).then(), ProblemType.NOT_FOUND);
        isProblem(given().contentType(ContentType.JSON).body(Map.of("username", "nobody", "password", "wrong-password-1"))
                .post("/api/v1/operators/login").then(), ProblemType.LOGIN_FAILED);
    }

    @Test
    void aWrongProvisioningCodeSaysOnlyThatTheCodeOrIdIsWrong() {
        String id = Api.as(Api.admin()).body(Map.of("name", "bed " + UUID.randomUUID().toString().substring(0, 6),
                "deviceType", "bedside", "ward", "ICU")).post("/api/v1/devices").then().statusCode(201).extract().path("id");
        Api.as(Api.admin()).post("/api/v1/devices/" + id + "/provisioning-code").then().statusCode(200);
        isProblem(given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", id, "code", "AAAA-BBBB-CCCC-DDDD", "jwk", new DeviceKey().publicJwk()))
                .post("/api/v1/devices/provision").then(), ProblemType.INVALID_PROVISIONING_CODE);
    }

    @Test
    void captureWithoutConsent() {
        String staff = Api.createStaff("patient/*.read");
        byte[] unread = {1, 2, 3};
        isProblem(given().header("Authorization", "Bearer " + Api.admin()).multiPart("finger", "3")
                .multiPart("impressions", "1.png", unread, "image/png").multiPart("impressions", "2.png", unread, "image/png")
                .multiPart("impressions", "3.png", unread, "image/png")
                .post("/api/v1/staff/" + staff + "/fingerprints").then(), ProblemType.CONSENT_REQUIRED);
    }

    @Test
    void authenticationFailuresStayGenericWhoeverWasClaimed() {
        DeviceKey bedside = Api.provisionedDevice("bedside", "ICU");
        String staff = staffWithPin();
        // a wrong PIN for an existing person and any PIN for nobody read the same
        isProblem(emergency(bedside, staff, "00000000"), ProblemType.AUTHENTICATION_FAILED)
                .body("title", equalTo("Authentication failed")).body("second_factor_required", nullValue());
        isProblem(emergency(bedside, UUID.randomUUID().toString(), PIN), ProblemType.AUTHENTICATION_FAILED);
        isProblem(Api.asDevice(bedside).contentType(ContentType.JSON).body(Map.of("staffId", staff, "pin", PIN, "reason", "BORED"))
                .post("/api/v1/auth/emergency").then(), ProblemType.VALIDATION);
    }

    @Test
    void devicePolicyRefusalsNameTheirReason() {
        isProblem(emergency(Api.provisionedDevice("infusion-pump", "ICU"), staffWithPin(), PIN),
                ProblemType.EMERGENCY_ACCESS_DISABLED);

        String type = "problem-" + UUID.randomUUID().toString().substring(0, 8);
        DeviceKey outdated = Api.provisionedDevice(type, "ICU");
        Api.as(Api.admin()).body(Map.of("minSoftwareVersion", "9.0.0")).put("/api/v1/devices/policies/" + type)
                .then().statusCode(200);
        isProblem(emergency(outdated, staffWithPin(), PIN), ProblemType.DEVICE_SOFTWARE_OUTDATED)
                .body("detail", not(equalTo(null)));
    }

    @Test
    void resourceServerRefusalsNameTheTokensProblem() {
        String staff = Api.createStaff("patient/*.read", "device:unlock");
        DeviceKey device = Api.provisionedDevice();
        String token = issue(staff, device, "patient/*.read");
        String patientUrl = "http://localhost:" + RestAssured.port + "/demo/patients/P-1";

        isProblem(given().get("/demo/patients/P-1").then(), ProblemType.TOKEN_REQUIRED);
        isProblem(given().header("Authorization", "DPoP " + token).get("/demo/patients/P-1").then(), ProblemType.PROOF_REQUIRED);
        isProblem(demo(token, dpop(new DeviceKey(), token, "GET", patientUrl)).get("/demo/patients/P-1").then(),
                ProblemType.PROOF_INVALID);
        isProblem(demo("eyJhbGciOiJub25lIn0.e30.", dpop(device, token, "GET", patientUrl)).get("/demo/patients/P-1").then(),
                ProblemType.TOKEN_INVALID);
        demo(token, dpop(device, token, "GET", patientUrl)).get("/demo/patients/P-1").then().statusCode(200);

        String unlockUrl = "http://localhost:" + RestAssured.port + "/demo/devices/" + device.id + "/unlock";
        isProblem(demo(token, dpop(device, token, "POST", unlockUrl)).post("/demo/devices/" + device.id + "/unlock").then(),
                ProblemType.INSUFFICIENT_SCOPE);
        String unlock = issue(staff, device, "device:unlock");
        demo(unlock, dpop(device, unlock, "POST", unlockUrl)).post("/demo/devices/" + device.id + "/unlock").then().statusCode(200);
        isProblem(demo(unlock, dpop(device, unlock, "POST", unlockUrl)).post("/demo/devices/" + device.id + "/unlock").then(),
                ProblemType.TOKEN_REPLAYED);
        UUID otherDevice = UUID.randomUUID();
        String otherUrl = "http://localhost:" + RestAssured.port + "/demo/devices/" + otherDevice + "/unlock";
        String another = issue(staff, device, "device:unlock");
        isProblem(demo(another, dpop(device, another, "POST", otherUrl)).post("/demo/devices/" + otherDevice + "/unlock").then(),
                ProblemType.WRONG_DEVICE);

        Api.as(Api.admin()).body(Map.of("staffId", staff)).post("/api/v1/tokens/revoke-all").then().statusCode(204);
        isProblem(demo(token, dpop(device, token, "GET", patientUrl)).get("/demo/patients/P-1").then(), ProblemType.TOKEN_REVOKED);
    }

    private String issue(String staff, DeviceKey device, String scope) {
        return issuer.issue(new AccessTokenIssuer.Grant(UUID.fromString(staff), device.id, Set.of(scope), List.of("face"),
                "urn:careid:acr:1f")).access_token();
    }

    private static io.restassured.specification.RequestSpecification demo(String token, String proof) {
        return given().header("Authorization", "DPoP " + token).header("DPoP", proof);
    }

    private static String dpop(DeviceKey key, String token, String method, String url) {
        JwtClaims c = new JwtClaims();
        c.setJwtId(UUID.randomUUID().toString());
        c.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        c.setClaim("htm", method);
        c.setClaim("htu", url);
        c.setClaim("ath", ProofOfPossession.sha256(token));
        return key.sign(c, "dpop+jwt", true);
    }

    private static String staffWithPin() {
        String staff = Api.createStaff("patient/*.read");
        Api.givePin(staff, PIN);
        return staff;
    }

    private static ValidatableResponse emergency(DeviceKey device, String staff, String pin) {
        Map<String, Object> body = new HashMap<>();
        body.put("staffId", staff);
        body.put("pin", pin);
        body.put("reason", "INJURY");
        return Api.asDevice(device).contentType(ContentType.JSON).body(body).post("/api/v1/auth/emergency").then();
    }
}

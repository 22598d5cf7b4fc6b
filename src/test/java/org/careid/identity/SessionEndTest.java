package org.careid.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.careid.support.Api;
import org.careid.support.ResourceServerKey;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every operator and client credential dies with its account: deactivation, logout, a password or
 * role change refuse the tokens issued before at once; a resource server's bearer cannot renew
 * itself; a generated or reset password opens nothing but its own change.
 */
@QuarkusTest
class SessionEndTest {
    private record Operator(String id, String username, String password) {
        String login() {
            return Api.login(username, password);
        }
    }

    private static Operator operator(String role) {
        String username = "s-" + role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Chosen-" + UUID.randomUUID();
        String id = Api.as(Api.admin()).body(Map.of("username", username, "role", role, "password", password))
                .post("/api/v1/operators").then().statusCode(201).extract().path("operator.id");
        return new Operator(id, username, password);
    }

    private static Map<String, Object> device() {
        return Map.of("name", "pump " + UUID.randomUUID().toString().substring(0, 6), "deviceType", "infusion-pump", "ward", "ICU");
    }

    @Test
    void aDeactivatedAdminsTokenIsRefusedAtOnce() {
        Operator admin2 = operator("ADMIN");
        String token = admin2.login();
        Api.as(token).body(device()).post("/api/v1/devices").then().statusCode(201);

        Api.as(Api.admin()).post("/api/v1/operators/" + admin2.id() + "/deactivate").then().statusCode(200);

        Api.as(token).body(device()).post("/api/v1/devices").then().statusCode(401)
                .body("type", equalTo(ProblemType.CREDENTIALS_REFUSED.uri()));
    }

    @Test
    void aDeactivatedResourceServersBearerNeitherIntrospectsNorRenews() {
        ResourceServerKey rs = ResourceServerKey.register();
        given().header("Authorization", "Bearer " + rs.bearer).formParam("token", "x")
                .post("/api/v1/tokens/introspect").then().statusCode(200);
        // a bearer cannot obtain a fresh bearer: only the key can
        given().header("Authorization", "Bearer " + rs.bearer).post("/api/v1/tokens/client-token").then().statusCode(403);

        Api.as(Api.admin()).post("/api/v1/resource-servers/" + rs.key.id + "/deactivate").then().statusCode(200);

        given().header("Authorization", "Bearer " + rs.bearer).formParam("token", "x")
                .post("/api/v1/tokens/introspect").then().statusCode(401);
        given().header("Authorization", "Bearer " + rs.bearer).post("/api/v1/tokens/client-token").then().statusCode(401);
        // reactivated, the old bearer stays dead; a fresh assertion gets a new one
        Api.as(Api.admin()).post("/api/v1/resource-servers/" + rs.key.id + "/activate").then().statusCode(200);
        given().header("Authorization", "Bearer " + rs.bearer).formParam("token", "x")
                .post("/api/v1/tokens/introspect").then().statusCode(401);
        String fresh = Api.asDevice(rs.key).post("/api/v1/tokens/client-token").then().statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + fresh).formParam("token", "x")
                .post("/api/v1/tokens/introspect").then().statusCode(200);
    }

    @Test
    void logoutRefusesTheTokenAtOnceAndOnlyEndsThatOperatorsSessions() {
        Operator enroller = operator("ENROLLER");
        String first = enroller.login();
        String second = enroller.login();
        String other = Api.operator("AUDITOR");
        Api.as(first).get("/api/v1/staff").then().statusCode(200);

        Api.as(first).post("/api/v1/operators/me/logout").then().statusCode(204);

        Api.as(first).get("/api/v1/staff").then().statusCode(401);
        Api.as(second).get("/api/v1/staff").then().statusCode(401);
        Api.as(other).get("/api/v1/audit").then().statusCode(200);
        Api.as(enroller.login()).get("/api/v1/staff").then().statusCode(200);
    }

    @Test
    void anAdminLogsAnotherOperatorOffEverywhere() {
        Operator enroller = operator("ENROLLER");
        String token = enroller.login();
        Api.as(token).post("/api/v1/operators/" + enroller.id() + "/logout").then().statusCode(403);

        Api.as(Api.admin()).post("/api/v1/operators/" + enroller.id() + "/logout").then().statusCode(200);

        Api.as(token).get("/api/v1/staff").then().statusCode(401);
    }

    @Test
    void aPasswordChangeEndsEverySessionOfTheAccount() {
        Operator auditor = operator("AUDITOR");
        String elsewhere = auditor.login();
        String here = auditor.login();
        String next = "Next-" + UUID.randomUUID();

        Api.as(here).body(Map.of("currentPassword", auditor.password(), "newPassword", next))
                .put("/api/v1/operators/me/password").then().statusCode(204);

        Api.as(elsewhere).get("/api/v1/audit").then().statusCode(401);
        Api.as(here).get("/api/v1/audit").then().statusCode(401);
        Api.as(Api.login(auditor.username(), next)).get("/api/v1/audit").then().statusCode(200);
    }

    @Test
    void aRoleChangeEndsTheSessionsOfTheOldRole() {
        Operator admin2 = operator("ADMIN");
        String token = admin2.login();

        Api.as(Api.admin()).body(Map.of("role", "AUDITOR")).put("/api/v1/operators/" + admin2.id() + "/role")
                .then().statusCode(200).body("role", equalTo("AUDITOR"));

        Api.as(token).body(device()).post("/api/v1/devices").then().statusCode(401);
        String asAuditor = admin2.login();
        Api.as(asAuditor).body(device()).post("/api/v1/devices").then().statusCode(403);
        Api.as(asAuditor).get("/api/v1/audit").then().statusCode(200);
    }

    @Test
    void aGeneratedPasswordOpensOnlyItsOwnChangeAndLogout() {
        String username = "gen-" + UUID.randomUUID().toString().substring(0, 8);
        String generated = Api.as(Api.admin()).body(Map.of("username", username, "role", "ENROLLER"))
                .post("/api/v1/operators").then().statusCode(201).extract().path("initialPassword");
        String token = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", generated))
                .post("/api/v1/operators/login").then().statusCode(200)
                .body("password_change_required", equalTo(true)).extract().path("access_token");

        Api.as(token).get("/api/v1/staff").then().statusCode(403)
                .body("type", equalTo(ProblemType.PASSWORD_CHANGE_REQUIRED.uri()));
        Api.as(token).get("/api/v1/consent/text").then().statusCode(403)
                .body("type", equalTo(ProblemType.PASSWORD_CHANGE_REQUIRED.uri()));

        String chosen = "Chosen-" + UUID.randomUUID();
        Api.as(token).body(Map.of("currentPassword", generated, "newPassword", chosen))
                .put("/api/v1/operators/me/password").then().statusCode(204);
        Api.as(Api.login(username, chosen)).get("/api/v1/staff").then().statusCode(200);
    }

    @Test
    void aResetPasswordMustBeChangedAndEndsTheOldSessions() {
        Operator enroller = operator("ENROLLER");
        String before = enroller.login();

        String reset = Api.as(Api.admin()).post("/api/v1/operators/" + enroller.id() + "/password-reset")
                .then().statusCode(200).body("operator.mustChangePassword", equalTo(true))
                .extract().path("initialPassword");

        Api.as(before).get("/api/v1/staff").then().statusCode(401);
        String token = Api.login(enroller.username(), reset);
        Api.as(token).get("/api/v1/staff").then().statusCode(403)
                .body("type", equalTo(ProblemType.PASSWORD_CHANGE_REQUIRED.uri()));
        Api.as(token).post("/api/v1/operators/me/logout").then().statusCode(204);
        Api.as(token).get("/api/v1/staff").then().statusCode(401);
    }

    @Test
    void anEnrollerCannotEmptyAClinician() {
        String staff = Api.createStaff("patient/*.read");
        Api.as(Api.operator("ENROLLER")).body(Map.of("scopes", java.util.List.of()))
                .put("/api/v1/staff/" + staff).then().statusCode(403);
        Api.as(Api.operator("ENROLLER")).body(Map.of("ward", "ER")).put("/api/v1/staff/" + staff).then().statusCode(200);
        Api.as(Api.admin()).get("/api/v1/staff/" + staff).then().body("scopes", equalTo(java.util.List.of("patient/*.read")));
    }
}

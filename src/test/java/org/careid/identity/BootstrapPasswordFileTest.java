package org.careid.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.careid.support.Api;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A generated bootstrap password never reaches standard output (the log stream in Kubernetes): it
 * is in an owner-only file under the data directory until the administrator changes it, and it
 * opens nothing but that change.
 */
@QuarkusTest
@TestProfile(GeneratedBootstrapPasswordProfile.class)
class BootstrapPasswordFileTest {
    @Test
    void theGeneratedPasswordIsInAnOwnerOnlyFileDeletedAtTheFirstChange() throws IOException {
        Path file = Path.of(GeneratedBootstrapPasswordProfile.DATA_DIR, BootstrapAdmin.PASSWORD_FILE);
        assertTrue(Files.exists(file), "no password file at " + file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String generated = Files.readString(file).trim();

        String token = given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", generated))
                .post("/api/v1/operators/login").then().statusCode(200)
                .body("password_change_required", equalTo(true)).extract().path("access_token");
        Api.as(token).get("/api/v1/operators").then().statusCode(403)
                .body("type", equalTo(ProblemType.PASSWORD_CHANGE_REQUIRED.uri()));
        Api.as(token).body(Map.of("name", "x", "deviceType", "monitor", "ward", "ICU")).post("/api/v1/devices")
                .then().statusCode(403).body("type", equalTo(ProblemType.PASSWORD_CHANGE_REQUIRED.uri()));

        String chosen = "Chosen-bootstrap-Passw0rd";
        Api.as(token).body(Map.of("currentPassword", generated, "newPassword", chosen))
                .put("/api/v1/operators/me/password").then().statusCode(204);

        assertFalse(Files.exists(file), "the password file outlived the first change");
        String after = Api.login("admin", chosen);
        Api.as(after).get("/api/v1/operators").then().statusCode(200);
    }
}

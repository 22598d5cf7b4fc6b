package org.careid.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.careid.support.Api;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A JSON body that names a field twice is ambiguous (which value did the client mean, and which did a
 * proxy or log reader see?): every endpoint refuses it with 400 {@code malformed-request}.
 */
@QuarkusTest
class DuplicateJsonKeysTest {
    private static final String MALFORMED = ProblemType.MALFORMED_REQUEST.uri();

    @Test
    void loginWithATwiceNamedFieldIsRefused() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"admin\",\"username\":\"someone-else\",\"password\":\"not-the-password\"}")
                .post("/api/v1/operators/login")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(MALFORMED));
    }

    @Test
    void anAdminRequestWithATwiceNamedFieldIsRefusedAndChangesNothing() {
        String staffId = Api.createStaff();
        String before = Api.as(Api.admin()).get("/api/v1/staff/" + staffId).then().extract().path("displayName");
        Api.as(Api.admin()).contentType(ContentType.JSON)
                .body("{\"displayName\":\"First\",\"displayName\":\"Second\"}")
                .put("/api/v1/staff/" + staffId)
                .then().statusCode(400).body("type", equalTo(MALFORMED));
        Api.as(Api.admin()).get("/api/v1/staff/" + staffId).then().statusCode(200).body("displayName", equalTo(before));
    }
}

package org.careid.token;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.careid.support.Api;
import org.careid.support.DeviceKey;

import io.restassured.response.ValidatableResponse;

/** A registered resource server in a test: its key, its bearer token, its introspection calls. */
final class ResourceServerKey {
    final DeviceKey key = new DeviceKey();
    String bearer;

    static ResourceServerKey register() {
        ResourceServerKey rs = new ResourceServerKey();
        String id = Api.as(Api.admin()).body(Map.of("name", "EHR gateway", "jwk", rs.key.publicJwk()))
                .post("/api/v1/resource-servers").then().statusCode(201).extract().path("id");
        rs.key.id = UUID.fromString(id);
        rs.bearer = Api.asDevice(rs.key).post("/api/v1/tokens/client-token").then().statusCode(200)
                .extract().path("access_token");
        return rs;
    }

    ValidatableResponse introspect(String token) {
        return given().header("Authorization", "Bearer " + bearer).formParam("token", token)
                .post("/api/v1/tokens/introspect").then().statusCode(200);
    }

    ValidatableResponse introspectWithProof(String token, String proof, String method, String url) {
        return given().header("Authorization", "Bearer " + bearer).formParam("token", token)
                .formParam("dpop_proof", proof).formParam("htm", method).formParam("htu", url)
                .post("/api/v1/tokens/introspect").then().statusCode(200);
    }
}

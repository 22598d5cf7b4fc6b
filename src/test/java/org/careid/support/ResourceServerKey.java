package org.careid.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;


import io.restassured.response.ValidatableResponse;

/** A registered resource server in a test: its key, its bearer token, its introspection calls. */
public final class ResourceServerKey {
    public final DeviceKey key = new DeviceKey();
    public String bearer;

    public static ResourceServerKey register() {
        ResourceServerKey rs = new ResourceServerKey();
        String id = Api.as(Api.admin()).body(Map.of("name", "EHR gateway", "jwk", rs.key.publicJwk()))
                .post("/api/v1/resource-servers").then().statusCode(201).extract().path("id");
        rs.key.id = UUID.fromString(id);
        rs.bearer = Api.asDevice(rs.key).post("/api/v1/tokens/client-token").then().statusCode(200)
                .extract().path("access_token");
        return rs;
    }

    public ValidatableResponse introspect(String token) {
        return given().header("Authorization", "Bearer " + bearer).formParam("token", token)
                .post("/api/v1/tokens/introspect").then().statusCode(200);
    }

    public ValidatableResponse introspectWithProof(String token, String proof, String method, String url) {
        return given().header("Authorization", "Bearer " + bearer).formParam("token", token)
                .formParam("dpop_proof", proof).formParam("htm", method).formParam("htu", url)
                .post("/api/v1/tokens/introspect").then().statusCode(200);
    }
}

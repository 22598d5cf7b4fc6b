package org.careid.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.careid.support.Api;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Anonymous health probes (what Kubernetes and anyone on the network call) say UP or DOWN per check
 * and nothing else: no model path, no signing key id, no counts of enrolled people. An ADMIN reads
 * the data at /api/v1/health/details.
 */
@QuarkusTest
class HealthExposureTest {

    @Test
    void anonymousProbesCarryStatusOnly() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started")) {
            String body = given().get(path).then().statusCode(200).body("status", equalTo("UP"))
                    // the datasource check of the framework says only "<default>: UP"
                    .body("checks.findAll { it.name != 'Database connections health check' && it.data != null }", empty())
                    .extract().asString();
            for (String secret : List.of("kid", "templates", "people", "\"dir\"", "Corretto")) {
                assertFalse(body.contains(secret), path + " mentions " + secret + ": " + body);
            }
        }
        given().get("/q/health/ready").then().body("checks.name", hasItems("face-models", "galleries", "signing-key"));
    }

    @Test
    void detailsAreForAdministrators() {
        given().get("/api/v1/health/details").then().statusCode(401).contentType("application/problem+json");
        Api.as(Api.operator("ENROLLER")).get("/api/v1/health/details").then().statusCode(403);
        Api.as(Api.admin()).get("/api/v1/health/details").then().statusCode(200)
                .body("checks.find { it.name == 'signing-key' }.data.kid", notNullValue())
                .body("checks.find { it.name == 'galleries' }.data['face.loaded']", equalTo(true))
                .body("checks.find { it.name == 'face-models' }.data.dir", notNullValue())
                .body("checks.find { it.name == 'crypto-provider' }.data.provider", notNullValue());
    }
}

package org.careid.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;

import org.careid.support.Api;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A direct client cannot choose the source address the audit trail records: forwarded headers
 * count only from configured trusted proxies, and none are configured by default.
 */
@QuarkusTest
class ForwardedHeadersTest {
    @Test
    void aForgedForwardedForIsIgnoredInTheAuditEntry() {
        String username = "fwd-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Str0ng-" + UUID.randomUUID();
        String id = Api.as(Api.admin()).body(Map.of("username", username, "role", "AUDITOR", "password", password))
                .post("/api/v1/operators").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.77")
                .header("Forwarded", "for=203.0.113.78;proto=https;host=evil.example")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/operators/login").then().statusCode(200);
        Api.as(Api.operator("AUDITOR")).queryParam("action", "OPERATOR_LOGIN").queryParam("targetId", id)
                .get("/api/v1/audit").then().statusCode(200).body("total", greaterThanOrEqualTo(1))
                .body("items.sourceAddress", everyItem(equalTo("127.0.0.1")))
                .body("items.sourceAddress", not(hasItem("203.0.113.77")));
    }
}

package org.careid.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.careid.support.Api;
import org.careid.support.ErrorBodyScanner;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Requests whose error answers used to carry server internals (parameter converter messages naming
 * Java types, the HTTP layer's own error page): each is now a problem body with nothing inside
 * but what the client needs. Every other test is scanned the same way by
 * {@link org.careid.support.NoInternalsInErrors}.
 */
@QuarkusTest
class NoInternalsInErrorBodiesTest {

    private static void clean(Response r, String what) {
        String body = r.asString();
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, what + ": status " + r.statusCode() + " " + body);
        assertNull(ErrorBodyScanner.internalIn(body), what + ": " + body);
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType() + " " + body);
    }

    @Test
    void theScannerSeesTheUsualLeaks() {
        for (String leak : List.of("java.lang.IllegalArgumentException: x", "at org.careid.web.Foo.bar(Foo.java:12)",
                "could not execute statement; SQL [insert into used_assertion (jti) values (?)]", "/work/wt/data/careid.mv.db",
                "org.hibernate.exception.ConstraintViolationException", "No enum constant org.careid.identity.Device.Status.X")) {
            assertTrue(ErrorBodyScanner.internalIn(leak) != null, leak);
        }
        assertNull(ErrorBodyScanner.internalIn("{\"type\":\"https://careid.org/problems/validation\",\"title\":\"Validation failed\","
                + "\"status\":400,\"detail\":\"page must be 0 or more\"}"));
    }

    @Test
    void converterFailuresOfPathAndQueryParametersAreClean() {
        String admin = Api.admin();
        List<String> paths = List.of("/api/v1/staff/not-a-uuid", "/api/v1/devices?status=BOGUS", "/api/v1/audit?from=yesterday",
                "/api/v1/threats/alerts?status=NOPE", "/api/v1/threats/alerts?minSeverity=HUGE", "/api/v1/threats/break-glass?status=X",
                "/api/v1/threats/alerts/42", "/api/v1/devices/%zz", "/api/v1/audit/checkpoints?afterSeq=x");
        List<String> failures = new ArrayList<>();
        for (String path : paths) {
            Response r = Api.as(admin).get(path);
            String body = r.asString();
            if (r.statusCode() >= 500 || ErrorBodyScanner.internalIn(body) != null || !r.contentType().startsWith("application/problem+json")) {
                failures.add(path + " -> " + r.statusCode() + " " + r.contentType() + " " + body);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void unreadableBodiesAreClean() {
        clean(Api.as(Api.admin()).body("{\"employeeId\": [1,2,3], \"displayName\": {}}").post("/api/v1/staff"), "wrong JSON types");
        clean(Api.as(Api.admin()).body("{\"employeeId\": \"" + "x".repeat(100_000) + "\", \"displayName\":\"a\"}").post("/api/v1/staff"),
                "overlong field");
        clean(given().contentType(ContentType.JSON).body("{\"username\": \"admin\", \"password\": " + "[".repeat(5_000) + "}")
                .post("/api/v1/operators/login"), "deep nesting");
        clean(given().header("Content-Type", "application/json; charset=nonsense").body("{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .post("/api/v1/operators/login"), "unknown charset");
        clean(given().contentType(ContentType.JSON).body(Map.of("username", "admin")).post("/api/v1/operators/login"), "missing field");
        clean(given().contentType(ContentType.XML).body("<a/>").post("/api/v1/operators/login"), "wrong media type");
    }
}

package org.careid.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;

import org.careid.support.Api;
import org.careid.support.CapturedLogs;
import org.careid.support.DeviceKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A hostile client's mistakes are not server errors: a run of them leaves no ERROR line and no
 * stack trace in the log (client-caused refusals log one DEBUG line with the request id, if any).
 */
@QuarkusTest
class QuietClientErrorsTest {
    private static final String BOUNDARY = "quiet-boundary";

    @Test
    void hostileRequestsLeaveNoErrorsOrStackTracesInTheLog() {
        String admin = Api.admin();
        DeviceKey device = Api.provisionedDevice();
        StringBuilder manyParts = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            manyParts.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"p").append(i).append("\"\r\n\r\n\r\n");
        }
        manyParts.append("--").append(BOUNDARY).append("--\r\n");
        String unclosed = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n\r\n\u00ff\u00d8\u00ff";
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (String body : List.of(manyParts.toString(), unclosed, "--" + BOUNDARY + "\r\n", "")) {
                given().header("Authorization", "Bearer " + admin).contentType("multipart/form-data; boundary=" + BOUNDARY)
                        .body(body.getBytes(StandardCharsets.ISO_8859_1)).post("/api/v1/faces/check").then().statusCode(anyClientError());
                Api.asDevice(device).contentType("multipart/form-data; boundary=" + BOUNDARY)
                        .body(body.getBytes(StandardCharsets.ISO_8859_1)).post("/api/v1/auth/fingerprint");
            }
            Api.asDevice(device).multiPart("image", "x.webp", "RIFF....WEBP".getBytes(StandardCharsets.US_ASCII), "image/webp")
                    .post("/api/v1/auth/face");
            Api.asDevice(device).multiPart("image", "x.tif", new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0}, "image/tiff")
                    .post("/api/v1/auth/fingerprint");
            for (String query : List.of("page=-1", "page=2147483647&size=2147483647", "size=abc")) {
                Api.as(admin).get("/api/v1/staff?" + query);
                Api.as(admin).get("/api/v1/threats/break-glass?" + query);
            }
            Api.as(admin).body("{\"employeeId\":").post("/api/v1/staff");
            Api.as(admin).body("{\"a\":1,\"a\":2}").post("/api/v1/staff");
            given().contentType(ContentType.JSON).body("{\"username\":\"admin\",\"password\":" + "[".repeat(3000) + "}").post("/api/v1/operators/login");
            given().header("Authorization", "Device not.a.jwt").get("/api/v1/kiosk/settings");
            given().header("Authorization", "Bearer " + "A".repeat(5000)).get("/api/v1/staff");
            given().header("Authorization", "DPoP x").header("DPoP", "y").get("/demo/patients/1");
            Api.as(admin).get("/api/v1/staff/not-a-uuid");
            Api.as(admin).get("/api/v1/devices?status=BOGUS");
            assertEquals("", CapturedLogs.describe(logs.atLeast(Level.SEVERE)), "ERROR lines");
            assertEquals("", CapturedLogs.describe(logs.withStackTraces()), "stack traces");
        }
    }

    private static org.hamcrest.Matcher<Integer> anyClientError() {
        return org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400)).and(org.hamcrest.Matchers.lessThan(500));
    }
}

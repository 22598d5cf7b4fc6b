package org.careid.biometric;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.careid.support.DrawnImages;
import org.careid.support.Enroll;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Multipart bodies a hostile client sends to every upload endpoint: never closed, thousands of empty
 * parts, parts without names, huge part headers, images that are only a magic number. Each is a 4xx
 * problem body, never a 500.
 */
@QuarkusTest
class HostileUploadTest {
    private static final String BOUNDARY = "careid-hostile-boundary";

    private String staff;
    private DeviceKey device;

    /** An upload endpoint: its path, its file field and how its caller authenticates. */
    private record Endpoint(String path, String field, Supplier<RequestSpecification> caller) {}

    @BeforeEach
    void setUp() {
        if (staff == null) {
            staff = Api.createStaff("patient/*.read");
            Enroll.consent(staff);
            device = Api.provisionedDevice();
        }
    }

    private List<Endpoint> endpoints() {
        Supplier<RequestSpecification> admin = () -> given().header("Authorization", "Bearer " + Api.admin());
        Supplier<RequestSpecification> dev = () -> Api.asDevice(device);
        return List.of(
                new Endpoint("/api/v1/faces/check", "image", admin),
                new Endpoint("/api/v1/auth/face", "image", dev),
                new Endpoint("/api/v1/auth/fingerprint", "image", dev),
                new Endpoint("/api/v1/auth", "face", dev),
                new Endpoint("/api/v1/staff/" + staff + "/faces", "images", admin),
                new Endpoint("/api/v1/staff/" + staff + "/fingerprints", "impressions", admin),
                new Endpoint("/api/v1/staff/" + staff + "/fingerprints/import", "template", admin));
    }

    private static Response sendRaw(Endpoint endpoint, byte[] body) {
        return endpoint.caller().get().contentType("multipart/form-data; boundary=" + BOUNDARY).body(body).post(endpoint.path());
    }

    private static void refused(Response response, String what, Endpoint endpoint) {
        response.then().log().ifValidationFails()
                .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)))
                .contentType(startsWith("application/problem+json"))
                .body("type", startsWith(ProblemType.BASE));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String filePart(String name, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"x.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n" + content + "\r\n";
    }

    @Test
    void aBodyThatNeverClosesIsRefused() {
        for (Endpoint e : endpoints()) {
            String open = filePart(e.field(), "\u00ff\u00d8\u00ff\u00e0 partial jpeg data") + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"scope\"\r\n\r\npatient";
            refused(sendRaw(e, ascii(open)), "unclosed", e);
            // only an opening boundary line, nothing after it
            refused(sendRaw(e, ascii("--" + BOUNDARY + "\r\n")), "boundary only", e);
        }
    }

    @Test
    void tenThousandEmptyPartsAreRefused() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"p").append(i).append("\"\r\n\r\n\r\n");
        }
        body.append("--").append(BOUNDARY).append("--\r\n");
        for (Endpoint e : endpoints()) {
            refused(sendRaw(e, ascii(body.toString())), "10000 empty parts", e);
        }
    }

    @Test
    void tenThousandEmptyFilePartsOfTheImageFieldAreRefused() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"images\"; filename=\"a\"\r\n\r\n\r\n");
        }
        body.append("--").append(BOUNDARY).append("--\r\n");
        for (Endpoint e : endpoints()) {
            refused(sendRaw(e, ascii(body.toString().replace("name=\"images\"", "name=\"" + e.field() + "\""))), "10000 empty files", e);
        }
    }

    @Test
    void partsWithoutNamesAreRefused() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; filename=\"x.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nabc\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n"
                + "--" + BOUNDARY + "\r\n\r\nno headers at all\r\n"
                + "--" + BOUNDARY + "--\r\n";
        for (Endpoint e : endpoints()) {
            refused(sendRaw(e, ascii(body)), "nameless parts", e);
        }
    }

    @Test
    void hugePartHeadersAreRefused() {
        String filler = "x".repeat(200_000);
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filler + "\"\r\n"
                + "X-Filler: " + filler + "\r\n\r\nabc\r\n--" + BOUNDARY + "--\r\n";
        for (Endpoint e : endpoints()) {
            refused(sendRaw(e, ascii(body.replace("name=\"image\"", "name=\"" + e.field() + "\""))), "huge part header", e);
        }
    }

    @Test
    void manyNamedFilePartsAreRefusedInBoundedTime() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] jpeg = DrawnImages.jpeg();
        for (int i = 0; i < 2_000; i++) {
            body.writeBytes(ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"f" + i
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"));
            body.writeBytes(i % 2 == 0 ? jpeg : new byte[0]);
            body.writeBytes(ascii("\r\n"));
        }
        body.writeBytes(ascii("--" + BOUNDARY + "--\r\n"));
        Endpoint faces = endpoints().get(4);
        refused(sendRaw(faces, body.toByteArray()), "2000 files", faces);
    }

    @Test
    void nonNumericFormFieldsAreRefused() {
        for (Endpoint e : endpoints()) {
            if (!e.path().contains("fingerprint")) {
                continue;
            }
            refused(e.caller().get().multiPart(e.field(), "f.png", DrawnImages.jpeg(), "image/png")
                    .multiPart("finger", "eleven").multiPart("dpi", "9".repeat(40)).post(e.path()), "non-numeric", e);
        }
    }

    @Test
    void theWebpMagicAloneIsRefusedOnEveryImageEndpoint() {
        byte[] magic = ascii("RIFF....WEBP");
        byte[] sixteen = ascii("RIFF\u0008\u0000\u0000\u0000WEBPVP8 ");
        for (Endpoint e : endpoints()) {
            for (byte[] file : List.of(magic, sixteen)) {
                refused(e.caller().get().multiPart(e.field(), "x.webp", file, "image/webp").multiPart("finger", "2")
                        .post(e.path()), "webp magic", e);
            }
        }
    }
}

package org.careid.biometric;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.careid.fuzz.SeedCorpus;
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
 * Decompression bombs sent to the REST upload endpoints, as complete, otherwise valid requests (scope,
 * finger, three impressions), so that nothing but the image can be refused: the 1,707-byte TIFF that
 * declares a 4000 x 4000 raster of four 16-bit samples (128 MB decoded) and a PNG declaring
 * 30000 x 30000 pixels. A format an endpoint decodes is refused from its header with 413
 * {@code image-too-large} (docs/PROBLEM-TYPES.md: over the pixel limit); a TIFF on a face endpoint is
 * not a face format, 422 {@code image-unsupported}, and is not decoded either. The server allocates
 * far less than the declared raster while refusing them.
 */
@QuarkusTest
class DecompressionBombUploadTest {
    private static final byte[] TIFF_BOMB = SeedCorpus.tiffBomb(4000, 4000);
    private static final long DECLARED_TIFF_BYTES = 4000L * 4000 * 4 * 2;

    private String staff;
    private DeviceKey device;

    @BeforeEach
    void setUp() {
        if (staff == null) {
            staff = Api.createStaff("patient/*.read");
            Enroll.consent(staff);
            device = Api.provisionedDevice();
        }
    }

    /** An upload endpoint sent one bomb file as a complete request. */
    private record Upload(String name, Function<byte[], Response> send) {}

    private RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + Api.admin());
    }

    private List<Upload> fingerprintUploads() {
        return List.of(
                new Upload("POST /api/v1/auth/fingerprint", bomb -> Api.asDevice(device).multiPart("image", "bomb.tif", bomb, "image/tiff")
                        .multiPart("finger", "2").multiPart("dpi", "500").multiPart("scope", "patient/*.read")
                        .post("/api/v1/auth/fingerprint")),
                new Upload("POST /api/v1/auth (fingerprint)", bomb -> Api.asDevice(device).multiPart("fingerprint", "bomb.tif", bomb, "image/tiff")
                        .multiPart("finger", "2").multiPart("scope", "patient/*.read").post("/api/v1/auth")),
                new Upload("POST /api/v1/staff/{id}/fingerprints", bomb -> admin().multiPart("finger", "2").multiPart("dpi", "500")
                        .multiPart("impressions", "a.tif", bomb, "image/tiff").multiPart("impressions", "b.tif", bomb, "image/tiff")
                        .multiPart("impressions", "c.tif", bomb, "image/tiff").post("/api/v1/staff/" + staff + "/fingerprints")));
    }

    private List<Upload> faceUploads() {
        return List.of(
                new Upload("POST /api/v1/faces/check", bomb -> admin().multiPart("image", "bomb", bomb, "application/octet-stream")
                        .post("/api/v1/faces/check")),
                new Upload("POST /api/v1/auth/face", bomb -> Api.asDevice(device).multiPart("image", "bomb", bomb, "application/octet-stream")
                        .multiPart("scope", "patient/*.read").post("/api/v1/auth/face")),
                new Upload("POST /api/v1/auth (face)", bomb -> Api.asDevice(device).multiPart("face", "bomb", bomb, "application/octet-stream")
                        .multiPart("scope", "patient/*.read").post("/api/v1/auth")),
                new Upload("POST /api/v1/staff/{id}/faces", bomb -> admin().multiPart("images", "bomb", bomb, "application/octet-stream")
                        .post("/api/v1/staff/" + staff + "/faces")));
    }

    private static void refused(Response response, Upload upload, int status, ProblemType type) {
        response.then().log().ifValidationFails()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(type.uri()));
    }

    @Test
    void theTiffBombIsRefusedFromItsHeaderByEveryFingerprintEndpoint() {
        assertTrue(TIFF_BOMB.length == 1_707, "the bomb of the finding: 1,707 bytes");
        long allocated = allocatedWhile(() -> {
            for (Upload u : fingerprintUploads()) {
                refused(u.send().apply(TIFF_BOMB), u, 413, ProblemType.IMAGE_TOO_LARGE);
            }
        });
        assertTrue(allocated < DECLARED_TIFF_BYTES / 2, "three requests declaring 128 MB each allocated " + allocated / 1_000_000
                + " MB in the whole JVM (bound: half of one declared raster)");
    }

    @Test
    void theTiffBombIsNotAFaceFormatAndIsRefusedUndecodedByEveryFaceEndpoint() {
        long allocated = allocatedWhile(() -> {
            for (Upload u : faceUploads()) {
                refused(u.send().apply(TIFF_BOMB), u, 422, ProblemType.IMAGE_UNSUPPORTED);
            }
        });
        assertTrue(allocated < DECLARED_TIFF_BYTES / 2, "four requests allocated " + allocated / 1_000_000 + " MB");
    }

    @Test
    void aPngDeclaringNineHundredMegapixelsIsRefusedFromItsHeaderByEveryFaceEndpoint() {
        byte[] png = DrawnImages.hugePngHeader(); // 30000 x 30000: 2.7 GB as BGR
        long allocated = allocatedWhile(() -> {
            for (Upload u : faceUploads()) {
                refused(u.send().apply(png), u, 413, ProblemType.IMAGE_TOO_LARGE);
            }
        });
        assertTrue(allocated < DECLARED_TIFF_BYTES / 2, "four requests allocated " + allocated / 1_000_000 + " MB");
    }

    @Test
    void heapInUseIsTheSameAfterTheBombsAsBefore() {
        long before = heapAfterGc();
        for (int round = 0; round < 5; round++) {
            for (Upload u : fingerprintUploads()) {
                u.send().apply(TIFF_BOMB).then().statusCode(413);
            }
        }
        long after = heapAfterGc();
        assertTrue(after - before < 64L * 1024 * 1024, "heap in use after a full GC grew from " + before / 1_048_576 + " MB to "
                + after / 1_048_576 + " MB after 15 bombs");
    }

    /**
     * Bytes allocated by every live thread of this JVM (the server's request threads included: this is
     * a @QuarkusTest) while {@code work} runs. Threads that end meanwhile are not counted; Quarkus's
     * worker threads are pooled.
     */
    private static long allocatedWhile(Runnable work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] before = threads.getThreadAllocatedBytes(ids);
        work.run();
        long[] after = threads.getThreadAllocatedBytes(ids);
        long sum = 0;
        for (int i = 0; i < ids.length; i++) {
            if (before[i] >= 0 && after[i] >= before[i]) {
                sum += after[i] - before[i];
            }
        }
        // threads started meanwhile (a new worker) are counted from zero
        long[] now = threads.getAllThreadIds();
        long[] known = ids.clone();
        Arrays.sort(known);
        long[] fresh = Arrays.stream(now).filter(id -> Arrays.binarySearch(known, id) < 0).toArray();
        for (long bytes : threads.getThreadAllocatedBytes(fresh)) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

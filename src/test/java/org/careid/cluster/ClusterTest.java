package org.careid.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.careid.support.Datasets;
import org.careid.support.DeviceKey;
import org.careid.support.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Two real server processes (replicas A and B) on one PostgreSQL, started by scripts/cluster-test
 * (which .ci/run calls after the PostgreSQL suite): what one replica changes, the other sees.
 * Tagged "cluster": the normal suite excludes it; careid.cluster.a and careid.cluster.b name the two base URLs.
 */
@Tag("cluster")
class ClusterTest {
    private static final String A = System.getProperty("careid.cluster.a", "");
    private static final String B = System.getProperty("careid.cluster.b", "");
    private static final String ISSUER = System.getProperty("careid.cluster.issuer", "http://localhost:8080");
    private static final String PASSWORD = System.getProperty("careid.cluster.admin-password", "");
    private static final String FACE = "faces/lfw_Gerhard_Schroeder/";

    private static String adminA;
    private static String adminB;

    @BeforeAll
    static void replicas() {
        Prerequisites.require(!A.isEmpty() && !B.isEmpty(), "no cluster: scripts/cluster-test starts two replicas and sets careid.cluster.a/b");
        adminA = login(A);
        adminB = login(B);
    }

    /** Both replicas share one database: whichever logs in first changes the bootstrap password for both. */
    private static String login(String base) {
        return org.careid.support.Api.adminLogin(base, PASSWORD, PASSWORD + "-changed");
    }

    private static RequestSpecification as(String base, String token) {
        return given().baseUri(base).contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification asDevice(String base, DeviceKey key) {
        return given().baseUri(base).header("Authorization", "Device " + key.assertion(ISSUER));
    }

    private static DeviceKey device(String base, String admin) {
        DeviceKey key = new DeviceKey();
        String id = as(base, admin).body(Map.of("name", "cluster ws", "deviceType", "workstation", "ward", "ICU"))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        key.id = UUID.fromString(id);
        String code = as(base, admin).post("/api/v1/devices/" + id + "/provisioning-code").then().extract().path("code");
        given().baseUri(base).contentType(ContentType.JSON).body(Map.of("deviceId", id, "code", code, "jwk", key.publicJwk()))
                .post("/api/v1/devices/provision").then().statusCode(200);
        return key;
    }

    private static String staff(String base, String admin) {
        return as(base, admin).body(Map.of("employeeId", "C" + UUID.randomUUID().toString().substring(0, 8),
                        "displayName", "Cluster nurse", "clinicalRole", "nurse", "ward", "ICU",
                        "scopes", List.of("patient/*.read")))
                .post("/api/v1/staff").then().statusCode(201).extract().path("id");
    }

    private static int faceAuth(String base, DeviceKey device, String photo) {
        return asDevice(base, device).multiPart("image", "p.jpg", Datasets.bytes(photo), "image/jpeg")
                .multiPart("scope", "patient/*.read").post("/api/v1/auth/face").then().extract().statusCode();
    }

    private static void eventually(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " did not happen within " + limit);
    }

    @Test
    void enrollOnAIdentifyOnB() throws Exception {
        Datasets.bytes(FACE + "Gerhard_Schroeder_0001.jpg");
        String staffId = staff(A, adminA);
        as(A, adminA).body(Map.of("textVersion", "2026-11")).post("/api/v1/staff/" + staffId + "/consent").then().statusCode(200);
        RequestSpecification enroll = given().baseUri(A).header("Authorization", "Bearer " + adminA);
        for (String n : List.of("0001", "0002", "0006")) {
            enroll = enroll.multiPart("images", n + ".jpg", Datasets.bytes(FACE + "Gerhard_Schroeder_" + n + ".jpg"), "image/jpeg");
        }
        enroll.post("/api/v1/staff/" + staffId + "/faces").then().statusCode(200).body("enrolled", equalTo(true));
        DeviceKey device = device(B, adminB);
        eventually("B identifies a person enrolled on A", Duration.ofSeconds(10),
                () -> faceAuth(B, device, FACE + "Gerhard_Schroeder_0004.jpg") == 200);
        // a token B issued, revoked on A, is inactive on B within the cache bound
        String token = asDevice(B, device).multiPart("image", "p.jpg", Datasets.bytes(FACE + "Gerhard_Schroeder_0005.jpg"), "image/jpeg")
                .multiPart("scope", "patient/*.read").post("/api/v1/auth/face").then().statusCode(200).extract().path("access_token");
        asDevice(B, device).formParam("token", token).post("/api/v1/tokens/introspect").then().body("active", equalTo(true));
        asDevice(A, device).formParam("token", token).post("/api/v1/tokens/revoke").then().statusCode(200);
        eventually("B reports the token revoked on A as inactive", Duration.ofSeconds(5),
                () -> !asDevice(B, device).formParam("token", token).post("/api/v1/tokens/introspect").then()
                        .extract().<Boolean>path("active"));
        // deletion on A reaches B too
        as(A, adminA).delete("/api/v1/staff/" + staffId + "/faces").then().statusCode(204);
        eventually("B forgets a person erased on A", Duration.ofSeconds(10),
                () -> faceAuth(B, device, FACE + "Gerhard_Schroeder_0004.jpg") == 401);
    }

    @Test
    void rotationAndSuspensionOnAAreSeenByB() throws Exception {
        String staffId = staff(A, adminA);
        DeviceKey device = device(A, adminA);
        String before = as(B, adminB).get("/.well-known/jwks.json").then().extract().asString();
        String newKid = as(A, adminA).post("/api/v1/keys/rotate").then().statusCode(200).extract().path("kid");
        eventually("B publishes the key A rotated to", Duration.ofSeconds(10),
                () -> given().baseUri(B).get("/.well-known/jwks.json").then().extract().asString().contains(newKid));
        assertTrue(!before.contains(newKid));
        // operator tokens signed by A's new key verify on B
        String freshA = login(A);
        as(B, freshA).get("/api/v1/staff/" + staffId).then().statusCode(200);
        // B's tokens after the rotation carry the new kid once it refreshed
        eventually("B signs with the new key", Duration.ofSeconds(10), () -> kid(login(B)).equals(newKid));
        // suspension on A: B refuses the device at once (the database is the truth)
        as(A, adminA).post("/api/v1/devices/" + device.id + "/suspend").then().statusCode(200);
        asDevice(B, device).contentType(ContentType.JSON).body(Map.of("softwareVersion", "1.0"))
                .put("/api/v1/devices/self/software-version").then().statusCode(401);
    }

    @Test
    void concurrentWritesOnBothReplicasKeepOneAuditChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                boolean onA = i % 2 == 0;
                done.add(pool.submit(() -> onA ? staff(A, adminA) : staff(B, adminB)));
                done.add(pool.submit(() -> {
                    as(onA ? B : A, onA ? adminB : adminA).get("/api/v1/audit?size=5").then().statusCode(200);
                    return "";
                }));
            }
            for (Future<String> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long checkedA = as(A, adminA).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).extract().<Integer>path("entriesChecked");
        long checkedB = as(B, adminB).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).extract().<Integer>path("entriesChecked");
        assertTrue(checkedA >= 60 && checkedB >= 60);
    }

    @Test
    void lockoutCountersAreShared() {
        String staffId = staff(A, adminA);
        DeviceKey device = device(A, adminA);
        byte[] noFace = org.careid.support.DrawnImages.jpeg();
        for (int i = 0; i < 5; i++) {
            String base = i % 2 == 0 ? A : B;
            asDevice(base, device).multiPart("image", "x.jpg", noFace, "image/jpeg").multiPart("staffId", staffId)
                    .multiPart("scope", "patient/*.read").post("/api/v1/auth/face").then().statusCode(422); // capture-rejected, still a failure
        }
        String audit = as(B, adminB).queryParam("action", "LOCKOUT_STARTED").queryParam("targetId", device.id.toString())
                .get("/api/v1/audit").then().extract().asString();
        assertTrue(audit.contains("LOCKOUT_STARTED"), "five failures spread over A and B lock the device");
    }

    @Test
    void failuresSpreadOverBothReplicasAreOneBurst() throws Exception {
        String staffId = staff(A, adminA);
        DeviceKey device = device(A, adminA);
        byte[] noFace = org.careid.support.DrawnImages.jpeg();
        // three failures on each replica: neither would see six, the cluster's one detector does
        for (int i = 0; i < 6; i++) {
            if (i == 5) {
                Thread.sleep(2500); // the shared lockout after five (2 s in this cluster) has ended
            }
            String base = i % 2 == 0 ? A : B;
            asDevice(base, device).multiPart("image", "x.jpg", noFace, "image/jpeg").multiPart("staffId", staffId)
                    .multiPart("scope", "patient/*.read").post("/api/v1/auth/face").then().statusCode(422); // capture-rejected, still a failure
        }
        for (String base : List.of(A, B)) {
            String admin = base.equals(A) ? adminA : adminB;
            eventually("a failure-burst alert on the device, seen on " + base, Duration.ofSeconds(20), () ->
                    as(base, admin).queryParam("detector", "failure-burst").queryParam("subjectType", "DEVICE")
                            .queryParam("subjectId", device.id.toString()).get("/api/v1/threats/alerts")
                            .then().statusCode(200).extract().<Integer>path("total") == 1);
        }
    }

    private static String kid(String jwt) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        return header.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }
}

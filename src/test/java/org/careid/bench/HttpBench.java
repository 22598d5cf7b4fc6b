package org.careid.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.careid.crypto.CryptoProviders;
import org.careid.support.DeviceKey;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP side of the benchmarks, run against a real server (scripts/bench-server starts one):
 * <ul>
 * <li>{@code introspection-setup BASE PASSWORD FINGER_DIR}: registers a resource server, enrolls a
 * clinician's finger, authenticates once at a provisioned device, and prints the resource
 * server's bearer token and the access token for wrk to introspect;</li>
 * <li>{@code auth BASE PASSWORD face|fingerprint DATA_DIR CLIENTS SECONDS}: enrolls a person, then
 * authenticates them over HTTP from CLIENTS threads for SECONDS, each call with a fresh client
 * assertion, and prints median, p99 and authentications per second.</li>
 * </ul>
 */
public final class HttpBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final String base;
    final String admin;
    final String issuer;

    HttpBench(String base, String password) throws Exception {
        this.base = base;
        this.admin = adminToken(password);
        this.issuer = (String) json(get("/.well-known/openid-configuration")).get("issuer");
    }

    public static void main(String[] args) throws Exception {
        CryptoProviders.installPreferred();
        HttpBench bench = new HttpBench(args[1], args[2]);
        switch (args[0]) {
            case "introspection-setup" -> bench.introspectionSetup(Path.of(args[3]));
            case "auth" -> bench.auth(args[3], Path.of(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private void introspectionSetup(Path fingerDir) throws Exception {
        DeviceKey rs = new DeviceKey();
        Map<?, ?> registered = json(post("/api/v1/resource-servers", admin, "application/json",
                JSON.writeValueAsBytes(Map.of("name", "bench gateway", "jwk", rs.publicJwk()))));
        rs.id = UUID.fromString((String) registered.get("id"));
        String rsBearer = (String) json(postDevice("/api/v1/tokens/client-token", rs, null, new byte[0])).get("access_token");
        String staff = enrolledStaff("fingerprint", fingerDir);
        DeviceKey device = provisionedDevice();
        String token = (String) json(authenticate(device, "fingerprint", Files.readAllBytes(fingerDir.resolve(impression(fingerDir, 4))))).get("access_token");
        System.out.println("RS_BEARER=" + rsBearer);
        System.out.println("ACCESS_TOKEN=" + token);
        System.err.println("enrolled " + staff);
    }

    private void auth(String modality, Path dataDir, int clients, int seconds) throws Exception {
        enrolledStaff(modality, dataDir);
        byte[] probe = modality.equals("face") ? fit640x480(photos(dataDir).get(3))
                : Files.readAllBytes(dataDir.resolve(impression(dataDir, 4)));
        List<DeviceKey> devices = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            devices.add(provisionedDevice());
        }
        // Warm-up under the same load: a fresh JVM spends its first seconds compiling (C2), and the
        // targets are about a server that has been running, not one that started a moment ago.
        int warmUpSeconds = Integer.getInteger("bench.warm-up-seconds", 30);
        drive(devices, modality, probe, warmUpSeconds);
        List<Long> sorted = new ArrayList<>(drive(devices, modality, probe, seconds));
        Collections.sort(sorted);
        System.out.printf("POST /api/v1/auth/%s, %d client(s), %d s: %d authentications, median %.1f ms, p99 %.1f ms, %.1f auth/s%n",
                modality, clients, seconds, sorted.size(), sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99))) / 1e6,
                sorted.size() / (double) seconds);
    }

    /** Each device authenticates in a loop on its own thread for the given time; the latencies in nanoseconds. */
    private List<Long> drive(List<DeviceKey> devices, String modality, byte[] probe, int seconds) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        List<Future<?>> running = new ArrayList<>();
        for (DeviceKey device : devices) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    check(authenticate(device, modality, probe), 200);
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow(); // a failed call ends the run instead of leaving the other clients going
        }
        return latencies;
    }

    String enrolledStaff(String modality, Path dataDir) throws Exception {
        String employee = "BENCH" + UUID.randomUUID().toString().substring(0, 6);
        String staff = (String) json(post("/api/v1/staff", admin, "application/json", JSON.writeValueAsBytes(Map.of(
                "employeeId", employee, "displayName", "Bench", "clinicalRole", "nurse", "ward", "ICU",
                "scopes", List.of("patient/*.read"))))).get("id");
        post("/api/v1/staff/" + staff + "/consent", admin, "application/json", JSON.writeValueAsBytes(Map.of("textVersion", "2026-11")));
        Multipart form = new Multipart();
        if (modality.equals("face")) {
            for (Path photo : photos(dataDir).subList(0, 3)) {
                form.file("images", photo.getFileName().toString(), Files.readAllBytes(photo));
            }
            check(post("/api/v1/staff/" + staff + "/faces", admin, form.contentType(), form.body()), 200);
        } else {
            form.field("finger", "1").field("dpi", "500");
            for (int k = 1; k <= 3; k++) {
                form.file("impressions", "i" + k, Files.readAllBytes(dataDir.resolve(impression(dataDir, k))));
            }
            check(post("/api/v1/staff/" + staff + "/fingerprints", admin, form.contentType(), form.body()), 200);
        }
        return staff;
    }

    DeviceKey provisionedDevice() throws Exception {
        DeviceKey key = new DeviceKey();
        String id = (String) json(post("/api/v1/devices", admin, "application/json",
                JSON.writeValueAsBytes(Map.of("name", "bench", "deviceType", "workstation", "ward", "ICU")))).get("id");
        key.id = UUID.fromString(id);
        String code = (String) json(post("/api/v1/devices/" + id + "/provisioning-code", admin, "application/json", new byte[0])).get("code");
        check(post("/api/v1/devices/provision", null, "application/json",
                JSON.writeValueAsBytes(Map.of("deviceId", id, "code", code, "jwk", key.publicJwk()))), 200);
        return key;
    }

    HttpResponse<byte[]> authenticate(DeviceKey device, String modality, byte[] probe) throws Exception {
        Multipart form = new Multipart().file("image", "probe", probe).field("scope", "patient/*.read");
        if (modality.equals("fingerprint")) {
            form.field("dpi", "500");
        }
        return postDevice("/api/v1/auth/" + modality, device, form.contentType(), form.body());
    }

    /** The person's photos in name order: the first three are enrolled, the fourth is the probe. */
    static List<Path> photos(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().matches(".*\\.(jpe?g|png)$")).sorted().toList();
        }
    }

    /** The probe as a device camera frame: the photo fitted into a 640x480 JPEG. */
    static byte[] fit640x480(Path photo) throws Exception {
        java.awt.image.BufferedImage source = javax.imageio.ImageIO.read(photo.toFile());
        java.awt.image.BufferedImage frame = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_INT_RGB);
        double scale = Math.min(640.0 / source.getWidth(), 480.0 / source.getHeight());
        int w = (int) (source.getWidth() * scale);
        int h = (int) (source.getHeight() * scale);
        java.awt.Graphics2D g = frame.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, (640 - w) / 2, (480 - h) / 2, w, h, null);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(frame, "jpg", out);
        return out.toByteArray();
    }

    private static String impression(Path fingerDir, int k) throws Exception {
        try (var files = Files.list(fingerDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_" + k + ".tif")).findFirst().orElseThrow();
        }
    }

    HttpResponse<byte[]> postDevice(String path, DeviceKey key, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Device " + key.assertion(issuer))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> putDevice(String path, DeviceKey key, String type, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Device " + key.assertion(issuer))
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> post(String path, String bearer, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * The bootstrap admin must change its password before anything else: on a fresh database the
     * bench changes it to the given one with "-bench" appended, and logs in with that afterwards.
     */
    private String adminToken(String password) throws Exception {
        String chosen = password + "-bench";
        HttpResponse<byte[]> first = post("/api/v1/operators/login", null, "application/json",
                JSON.writeValueAsBytes(Map.of("username", "admin", "password", password)));
        if (first.statusCode() == 200 && Boolean.TRUE.equals(json(first).get("password_change_required"))) {
            HttpRequest change = HttpRequest.newBuilder(URI.create(base + "/api/v1/operators/me/password"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + json(first).get("access_token"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
                            Map.of("currentPassword", password, "newPassword", chosen)))).build();
            HTTP.send(change, HttpResponse.BodyHandlers.discarding());
        } else if (first.statusCode() == 200) {
            return (String) json(first).get("access_token");   // a server that asks for no change (older builds)
        }
        return (String) json(post("/api/v1/operators/login", null, "application/json",
                JSON.writeValueAsBytes(Map.of("username", "admin", "password", chosen)))).get("access_token");
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Map<?, ?> json(HttpResponse<byte[]> response) throws Exception {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.uri() + " -> " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readValue(response.body(), Map.class);
    }

    static void check(HttpResponse<byte[]> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.uri() + " -> " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    /** A minimal multipart/form-data body for the JDK client. */
    static final class Multipart {
        private final String boundary = "careid" + UUID.randomUUID();
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String name, String filename, byte[] bytes) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(bytes);
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] body() {
            byte[] head = out.toByteArray();
            byte[] tail = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            return all;
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}

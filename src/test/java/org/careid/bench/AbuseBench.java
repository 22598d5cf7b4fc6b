package org.careid.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.careid.crypto.CryptoProviders;
import org.careid.support.DeviceKey;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Benchmarks of the server under attack, against a real server (scripts/bench-flood, scripts/bench-timing):
 * <ul>
 * <li>{@code flood BASE PASSWORD FACE_DIR RATE SECONDS}: p50/p99 of a legitimate operator login
 * (sent from 127.0.0.2, another source address) and of a face authentication, first quietly, then
 * while RATE bad logins a second arrive from 127.0.0.1 (open loop: sent on schedule whatever the
 * server answers);</li>
 * <li>{@code timing BASE PASSWORD FACE_DIR STRANGER_DIR SAMPLES}: median answer times of failures
 * that must look alike: a face that does not match vs an attempt while locked out; a wrong
 * emergency PIN for a known vs an unknown staff id; a wrong operator password vs an unknown user
 * vs a locked account. Prints each median and the ratios.</li>
 * </ul>
 */
public final class AbuseBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Requests of each case answered before the measured ones (JIT, caches, connection pools). */
    private static final int WARM_UP = 4;

    private final HttpBench api;
    private final String base;

    private AbuseBench(String base, String password) throws Exception {
        this.api = new HttpBench(base, password);
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        CryptoProviders.installPreferred();
        AbuseBench bench = new AbuseBench(args[1], args[2]);
        switch (args[0]) {
            case "flood" -> bench.flood(Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "timing" -> bench.timing(Path.of(args[3]), Path.of(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ---------------------------------------------------------------------------------- flood

    private void flood(Path faceDir, int rate, int seconds) throws Exception {
        api.enrolledStaff("face", faceDir);
        byte[] probe = HttpBench.fit640x480(HttpBench.photos(faceDir).get(3));
        DeviceKey device = api.provisionedDevice();
        List<String[]> operators = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String username = "bench-op-" + UUID.randomUUID().toString().substring(0, 8);
            String password = "Bench-Passw0rd-" + UUID.randomUUID();
            HttpBench.check(api.post("/api/v1/operators", api.admin, "application/json", JSON.writeValueAsBytes(
                    Map.of("username", username, "role", "AUDITOR", "password", password))), 201);
            operators.add(new String[] {username, password});
        }
        for (int i = 0; i < 3; i++) {
            HttpBench.check(api.authenticate(device, "face", probe), 200); // warm-up
        }
        Probes quiet = probe(device, probe, operators, seconds / 2, 0);
        report("quiet", quiet, null);
        Flood flood = new Flood(rate, seconds + 4);
        flood.start();
        Thread.sleep(3000); // let the flood reach its rate
        Probes loaded = probe(device, probe, operators, seconds, operators.size() / 2);
        flood.stop();
        report(rate + " bad logins/s", loaded, flood);
    }

    private record Probes(List<Long> logins, List<Long> faces, int loginFailures, int faceFailures) {}

    /** A legitimate login every 2 s from 127.0.0.2 and face authentications back to back. */
    private Probes probe(DeviceKey device, byte[] face, List<String[]> operators, int seconds, int firstOperator) throws Exception {
        List<Long> logins = Collections.synchronizedList(new ArrayList<>());
        List<Long> faces = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger loginFailures = new AtomicInteger();
        AtomicInteger faceFailures = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread loginThread = new Thread(() -> {
            int k = firstOperator;
            while (System.nanoTime() < end) {
                String[] op = operators.get(k++ % operators.size());
                long t0 = System.nanoTime();
                int status = loginFrom("127.0.0.2", op[0], op[1]);
                logins.add(System.nanoTime() - t0);
                if (status != 200) {
                    loginFailures.incrementAndGet();
                }
                sleep(2000);
            }
        });
        Thread faceThread = new Thread(() -> {
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                try {
                    if (api.authenticate(device, "face", face).statusCode() != 200) {
                        faceFailures.incrementAndGet();
                    }
                } catch (Exception e) {
                    faceFailures.incrementAndGet();
                }
                faces.add(System.nanoTime() - t0);
                sleep(200);
            }
        });
        loginThread.start();
        faceThread.start();
        loginThread.join();
        faceThread.join();
        return new Probes(logins, faces, loginFailures.get(), faceFailures.get());
    }

    /**
     * Bad logins at about {@code rate} a second from 127.0.0.1, sent by wrk in its own process
     * (bench/login-flood.lua): a flood generator inside this JVM took a core from the server and
     * stalled the probes beside it, so the figures measured the client, not the server.
     */
    private final class Flood {
        private static final int CONNECTIONS = 20;
        private final int rate;
        private final int seconds;
        private Process wrk;
        private String summary = "flood: no summary from wrk";

        Flood(int rate, int seconds) {
            this.rate = rate;
            this.seconds = seconds;
        }

        void start() throws Exception {
            Path script = Files.createTempFile("login-flood", ".lua");
            try (InputStream in = AbuseBench.class.getResourceAsStream("/bench/login-flood.lua")) {
                Files.write(script, in.readAllBytes());
            }
            script.toFile().deleteOnExit();
            long pauseMs = Math.max(1, CONNECTIONS * 1000L / rate);
            wrk = new ProcessBuilder("wrk", "-t1", "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout", "30s",
                    "-s", script.toString(), base + "/api/v1/operators/login", "--", String.valueOf(pauseMs))
                    .redirectErrorStream(true).start();
        }

        void stop() throws Exception {
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            summary = output.lines().filter(l -> l.startsWith("flood:")).findFirst()
                    .orElse("flood: wrk printed no summary (exit " + wrk.exitValue() + "): " + output.strip());
        }

        @Override
        public String toString() {
            return summary;
        }
    }

    private static void report(String phase, Probes p, Flood flood) {
        System.out.printf("%-20s legitimate login  n=%3d  p50 %8.1f ms  p99 %8.1f ms  (not 200: %d)%n", phase, p.logins().size(),
                percentile(p.logins(), 50), percentile(p.logins(), 99), p.loginFailures());
        System.out.printf("%-20s face auth         n=%3d  p50 %8.1f ms  p99 %8.1f ms  (not 200: %d)%n", phase, p.faces().size(),
                percentile(p.faces(), 50), percentile(p.faces(), 99), p.faceFailures());
        if (flood != null) {
            System.out.println(flood);
        }
    }

    /** POST /api/v1/operators/login over a socket bound to the given local address; the HTTP status. */
    private int loginFrom(String localAddress, String username, String password) {
        URI uri = URI.create(base);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            byte[] body = JSON.writeValueAsBytes(Map.of("username", username, "password", password));
            String head = "POST /api/v1/operators/login HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(response.substring(9, 12));
        } catch (Exception e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------------------------- timing

    private void timing(Path faceDir, Path strangerDir, int samples) throws Exception {
        Map<String, Double> medians = new java.util.LinkedHashMap<>();
        api.enrolledStaff("face", faceDir);
        byte[] stranger = HttpBench.fit640x480(HttpBench.photos(strangerDir).get(0));

        // The cases of each pair are measured interleaved (one of each in turn) after a warm-up, so
        // neither gets the cold JVM or a quieter moment of a shared machine.

        // face: a stranger's face (no match) vs an attempt while the device is locked out
        DeviceKey locked = api.provisionedDevice();
        for (int i = 0; i < 5; i++) {
            timed(() -> api.authenticate(locked, "face", stranger), 401);
        }
        List<Long> noMatch = new ArrayList<>();
        List<Long> lockedOut = new ArrayList<>();
        DeviceKey device = null;
        for (int i = -WARM_UP; i < samples; i++) {
            if (Math.floorMod(i, 4) == 0) {
                device = api.provisionedDevice(); // 4 failures per device: none of these is locked
            }
            DeviceKey current = device;
            long a = timed(() -> api.authenticate(current, "face", stranger), 401);
            long b = timed(() -> api.authenticate(locked, "face", stranger), 401);
            if (i >= 0) {
                noMatch.add(a);
                lockedOut.add(b);
            }
        }
        medians.put("face: no match", median(noMatch));
        medians.put("face: device locked out", median(lockedOut));

        // emergency access: wrong PIN for a known staff id vs any PIN for an unknown one
        DeviceKey bedside = api.provisionedDevice();
        List<Long> knownStaff = new ArrayList<>();
        List<Long> unknownStaff = new ArrayList<>();
        String staff = null;
        for (int i = -WARM_UP; i < samples; i++) {
            if (Math.floorMod(i, 4) == 0) {
                staff = staffWithPin(bedside);
            }
            String known = staff;
            long a = timed(() -> emergency(bedside, known, "00000000"), 401);
            long b = timed(() -> emergency(bedside, UUID.randomUUID().toString(), "00000000"), 401);
            if (i >= 0) {
                knownStaff.add(a);
                unknownStaff.add(b);
            }
        }
        medians.put("break-glass: wrong PIN, known staff id", median(knownStaff));
        medians.put("break-glass: unknown staff id", median(unknownStaff));

        // operator login: wrong password vs unknown user vs locked account
        String[] lockedOp = operator();
        for (int i = 0; i < 5; i++) {
            timed(() -> login(lockedOp[0], "Wrong-lock"), 401);
        }
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownUser = new ArrayList<>();
        List<Long> lockedAccount = new ArrayList<>();
        String[] op = null;
        for (int i = -WARM_UP; i < samples; i++) {
            if (Math.floorMod(i, 4) == 0) {
                op = operator();
            }
            String user = op[0];
            String guess = "Wrong-" + i;
            long a = timed(() -> login(user, guess), 401);
            long b = timed(() -> login("nobody-" + UUID.randomUUID(), "Wrong-unknown"), 401);
            long c = timed(() -> login(lockedOp[0], "Wrong-locked"), 401);
            if (i >= 0) {
                wrongPassword.add(a);
                unknownUser.add(b);
                lockedAccount.add(c);
            }
        }
        medians.put("login: wrong password", median(wrongPassword));
        medians.put("login: unknown user", median(unknownUser));
        medians.put("login: locked account", median(lockedAccount));

        medians.forEach((name, ms) -> System.out.printf("%-42s median %7.1f ms  (n=%d)%n", name, ms, samples));
        System.out.printf("ratio face locked / no match:              %.2f%n",
                medians.get("face: device locked out") / medians.get("face: no match"));
        System.out.printf("ratio break-glass unknown / known staff:   %.2f%n",
                medians.get("break-glass: unknown staff id") / medians.get("break-glass: wrong PIN, known staff id"));
        System.out.printf("ratio login unknown user / wrong password: %.2f%n",
                medians.get("login: unknown user") / medians.get("login: wrong password"));
        System.out.printf("ratio login locked / wrong password:       %.2f%n",
                medians.get("login: locked account") / medians.get("login: wrong password"));
    }

    /** A staff member whose PIN an ADMIN reset and who chose their own at a device, as in production. */
    private String staffWithPin(DeviceKey device) throws Exception {
        String employee = "TIM" + UUID.randomUUID().toString().substring(0, 6);
        String staff = (String) HttpBench.json(api.post("/api/v1/staff", api.admin, "application/json", JSON.writeValueAsBytes(Map.of(
                "employeeId", employee, "displayName", "Timing", "clinicalRole", "nurse", "ward", "ICU",
                "scopes", List.of("patient/*.read"))))).get("id");
        HttpResponse<byte[]> reset = api.post("/api/v1/staff/" + staff + "/pin/reset", api.admin, "application/json", new byte[0]);
        HttpBench.check(reset, 200);
        String oneTime = (String) HttpBench.json(reset).get("oneTimePin");
        HttpBench.check(api.putDevice("/api/v1/auth/pin", device, "application/json", JSON.writeValueAsBytes(
                Map.of("staffId", staff, "currentPin", oneTime, "newPin", "73920164"))), 204);
        return staff;
    }

    private String[] operator() throws Exception {
        String username = "timing-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Timing-Passw0rd-" + UUID.randomUUID();
        HttpBench.check(api.post("/api/v1/operators", api.admin, "application/json", JSON.writeValueAsBytes(
                Map.of("username", username, "role", "AUDITOR", "password", password))), 201);
        return new String[] {username, password};
    }

    private HttpResponse<byte[]> emergency(DeviceKey device, String staff, String pin) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("staffId", staff);
        body.put("pin", pin);
        body.put("reason", "INJURY");
        return api.postDevice("/api/v1/auth/emergency", device, "application/json", JSON.writeValueAsBytes(body));
    }

    private HttpResponse<byte[]> login(String username, String password) throws Exception {
        return api.post("/api/v1/operators/login", null, "application/json",
                JSON.writeValueAsBytes(Map.of("username", username, "password", password)));
    }

    private interface Call {
        HttpResponse<byte[]> send() throws Exception;
    }

    /** The wall time of one call, in nanoseconds, after checking its status. */
    private static long timed(Call call, int expected) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> response = call.send();
        long elapsed = System.nanoTime() - t0;
        HttpBench.check(response, expected);
        return elapsed;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static double median(List<Long> nanos) {
        return percentile(nanos, 50);
    }

    private static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * p / 100.0) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

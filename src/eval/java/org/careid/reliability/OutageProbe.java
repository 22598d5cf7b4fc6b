package org.careid.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database outage test of scripts/outage-test, against a running server on PostgreSQL:
 * {@code OutageProbe BASE PASSWORD FACES_DIR OUTAGE_SECONDS STOP_COMMAND START_COMMAND}.
 * Under a steady load (face authentication, introspection, JWKS, an enrollment-state read) it runs
 * STOP_COMMAND, measures how long readiness takes to say DOWN, checks every request during the
 * outage ends within the timeout with 503 database-unavailable (or is served from memory where
 * that is safe: JWKS; introspection never is: it fails closed), runs START_COMMAND after OUTAGE_SECONDS, measures how long the same JVM
 * takes to serve again, then enrolls a new person and authenticates them (galleries in step) and
 * checks the signing keys are unchanged. Prints what it measured; exits 1 on any violation.
 */
public final class OutageProbe {
    private static final long DOWN_WITHIN_MILLIS = 5_000;
    /** The server's database timeout (5 s) plus the time to answer. */
    private static final long REQUEST_BOUND_MILLIS = 6_500;

    private record Sample(long atMillis, String kind, int status, String type, long millis) {}

    public static void main(String[] args) throws Exception {
        String base = args[0];
        CareIdClient client = new CareIdClient(base, Duration.ofSeconds(90)); // a cold server on a busy machine is slow at first
        client.login(args[1]);
        Path faces = Path.of(args[2]);
        int outageSeconds = Integer.parseInt(args[3]);
        List<String> failures = new ArrayList<>();

        CareIdClient.Device device = client.provisionDevice("outage-probe");
        String staff = client.createStaff("OUTAGE-" + UUID.randomUUID().toString().substring(0, 6), List.of("patient/*.read"));
        List<byte[]> photos = Photos.frames(faces.resolve("deepface_p01"));
        client.enrollFaces(staff, photos.subList(0, 3)).require(200);
        byte[] probe = photos.get(3);
        String token = (String) client.authenticateFace(device, probe).require(200).json().get("access_token");
        String jwksBefore = client.get("/.well-known/jwks.json").require(200).text();

        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        long t0 = System.currentTimeMillis();
        List<Thread> load = new ArrayList<>();
        load.add(loop(running, samples, t0, "auth/face", () -> client.authenticateFace(device, probe)));
        load.add(loop(running, samples, t0, "introspect", () -> client.introspect(device, token)));
        load.add(loop(running, samples, t0, "jwks", () -> client.get("/.well-known/jwks.json")));
        load.add(loop(running, samples, t0, "biometrics", () -> client.biometrics(staff)));
        Thread.sleep(2000);

        long stopAt = System.currentTimeMillis();
        run(args[4]);
        long stoppedAt = System.currentTimeMillis();
        System.out.printf("outage: database stopped (the stop command took %d ms)%n", stoppedAt - stopAt);
        long downAt = -1;
        String reason = null;
        while (System.currentTimeMillis() - stoppedAt < outageSeconds * 1000L) {
            CareIdClient.Reply ready = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/q/health/ready")).GET(), true);
            if (downAt < 0 && ready.status() == 503) {
                downAt = System.currentTimeMillis();
                reason = ready.text().replaceAll("\\s+", " ");
            }
            Thread.sleep(200);
        }
        if (downAt < 0) {
            failures.add("readiness never said DOWN during the outage");
        } else {
            System.out.printf("outage: readiness DOWN %d ms after the database stopped: %s%n", downAt - stoppedAt,
                    reason.length() > 400 ? reason.substring(0, 400) + "..." : reason);
            if (downAt - stoppedAt > DOWN_WITHIN_MILLIS) {
                failures.add("readiness took " + (downAt - stoppedAt) + " ms to say DOWN (bound " + DOWN_WITHIN_MILLIS + " ms)");
            }
        }

        long startAt = System.currentTimeMillis();
        run(args[5]);
        long startedAt = System.currentTimeMillis();
        long readyAt = -1;
        long servingAt = -1;
        while (System.currentTimeMillis() - startedAt < 60_000 && (readyAt < 0 || servingAt < 0)) {
            if (readyAt < 0 && client.get("/q/health/ready").status() == 200) {
                readyAt = System.currentTimeMillis();
            }
            if (servingAt < 0 && client.authenticateFace(device, probe).status() == 200) {
                servingAt = System.currentTimeMillis();
            }
            Thread.sleep(100);
        }
        System.out.printf("recovery: database start command took %d ms; readiness UP %d ms and the first authentication "
                + "served %d ms after it returned (same JVM, no restart)%n", startedAt - startAt,
                readyAt < 0 ? -1 : readyAt - startedAt, servingAt < 0 ? -1 : servingAt - startedAt);
        if (readyAt < 0 || servingAt < 0) {
            failures.add("the server did not serve again within 60 s of the database's return");
        }
        Thread.sleep(3000);
        running.set(false);
        for (Thread t : load) {
            t.join();
        }

        // during the outage: bounded, typed answers only. A request is "outage" when it was sent after the
        // stop command returned and answered before the start command began: the database was away for
        // all of it. One sent during the outage but answered after the start began ("straddling") waited
        // for a connection (up to careid.database.timeout) and may have been served by the returned
        // database, with every check made there; it may be 200, and must still end within the bound.
        Map<String, Map<String, Integer>> byKind = new TreeMap<>();
        Map<String, Long> slowest = new TreeMap<>();
        for (Sample s : samples) {
            long sentAt = s.atMillis + t0;
            long answeredAt = sentAt + s.millis;
            boolean sentInOutage = sentAt >= stoppedAt && sentAt <= startAt;
            boolean inOutage = sentInOutage && answeredAt < startAt;
            String phase = inOutage ? "outage" : sentInOutage ? "straddling" : sentAt < stopAt ? "before"
                    : sentAt < stoppedAt ? "stopping" : "after";
            String answer = s.status + (s.type == null ? "" : " " + s.type);
            byKind.computeIfAbsent(s.kind + " " + phase, k -> new TreeMap<>()).merge(answer, 1, Integer::sum);
            if (sentAt >= stopAt && sentAt <= startAt) { // while stopping too: the database goes away mid-request
                slowest.merge(s.kind, s.millis, Math::max);
                if (s.millis > REQUEST_BOUND_MILLIS) {
                    failures.add(s.kind + " took " + s.millis + " ms during the outage (bound " + REQUEST_BOUND_MILLIS + " ms)");
                }
                if (s.status == 0 || s.status == 500) {
                    failures.add(s.kind + " answered " + (s.status == 0 ? "nothing" : "500") + " during the outage");
                }
                if (s.status == 503 && !"database-unavailable".equals(s.type)) {
                    failures.add(s.kind + " answered 503 without the database-unavailable problem type: " + s.type);
                }
                if (sentInOutage && s.status == 200 && !s.kind.equals("jwks")) {
                    System.out.printf("  %s %s: sent %d ms after the stop returned, answered %d ms %s the start command began%n",
                            s.kind, s.status, sentAt - stoppedAt, Math.abs(answeredAt - startAt), answeredAt < startAt ? "before" : "after");
                }
            }
            if (inOutage && s.status == 200 && !s.kind.equals("jwks")) {
                failures.add(s.kind + " answered 200 while the database was away (sent " + (sentAt - stoppedAt)
                        + " ms after the stop, answered " + (startAt - answeredAt) + " ms before the start)");
            }
        }
        byKind.forEach((k, v) -> System.out.printf("answers %-22s %s%n", k, v));
        System.out.printf("slowest answer per kind during the outage (ms): %s%n", slowest);

        // afterwards: a new enrollment reaches the gallery; the key ring is the one from before
        String newcomer = client.createStaff("OUTAGE-NEW-" + UUID.randomUUID().toString().substring(0, 6), List.of("patient/*.read"));
        List<byte[]> other = Photos.frames(faces.resolve("deepface_p02"));
        client.enrollFaces(newcomer, other.subList(0, 3)).require(200);
        Map<?, ?> auth = client.authenticateFace(device, other.get(3)).require(200).json();
        String sub = (String) CareIdClient.claims((String) auth.get("access_token")).get("sub");
        if (!newcomer.equals(sub)) {
            failures.add("the person enrolled after the outage was recognised as " + sub);
        }
        Map<?, ?> verdict = client.introspect(device, (String) auth.get("access_token")).require(200).json();
        if (!Boolean.TRUE.equals(verdict.get("active"))) {
            failures.add("a token issued after the outage is not active: " + verdict);
        }
        String jwksAfter = client.get("/.well-known/jwks.json").require(200).text();
        if (!jwksAfter.equals(jwksBefore)) {
            failures.add("the JWKS changed across the outage");
        }
        System.out.println("after: a person enrolled after the outage authenticates; their token introspects active; JWKS unchanged: "
                + (failures.isEmpty() ? "yes" : "see failures"));
        if (!failures.isEmpty()) {
            System.out.println("OUTAGE TEST FAILED:");
            failures.forEach(f -> System.out.println("  - " + f));
            System.exit(1);
        }
        System.out.println("outage test passed");
    }

    private interface Call {
        CareIdClient.Reply call() throws Exception;
    }

    private static Thread loop(AtomicBoolean running, ConcurrentLinkedQueue<Sample> samples, long t0, String kind, Call call) {
        return started(() -> {
            while (running.get()) {
                long at = System.currentTimeMillis() - t0;
                try {
                    CareIdClient.Reply r = call.call();
                    samples.add(new Sample(at, kind, r.status(), problemType(r), r.nanos() / 1_000_000));
                    Thread.sleep(r.status() == 200 ? 50 : 100);
                } catch (Exception e) {
                    samples.add(new Sample(at, kind, 0, e.getClass().getSimpleName(), System.currentTimeMillis() - t0 - at));
                }
            }
        });
    }

    private static String problemType(CareIdClient.Reply r) {
        if (!r.contentType().startsWith("application/problem+json")) {
            return null;
        }
        try {
            String type = (String) r.json().get("type");
            return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
        } catch (Exception e) {
            return "unreadable";
        }
    }

    private static void run(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("command failed: " + command);
        }
    }

    private static Thread started(Runnable work) {
        Thread t = new Thread(work);
        t.start();
        return t;
    }
}

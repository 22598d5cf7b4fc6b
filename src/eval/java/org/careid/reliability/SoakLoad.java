package org.careid.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The traffic of scripts/soak: {@code SoakLoad BASE PASSWORD FACES_DIR MINUTES RATE} sends RATE
 * requests a second (fixed rate, whatever the answers take) for MINUTES: face authentications
 * (50 %), introspections (30 %), hostile uploads (15 %: random bytes, truncated JPEGs, to the face
 * endpoint) and enrollments (5 %, erased again after a few samples). Each minute it prints the
 * requests, p50 and p99 per kind and the unexpected answers (5xx, or a wrong status). Exits 1 when
 * any answer was unexpected.
 */
public final class SoakLoad {
    private record Result(String kind, long nanos, boolean expected) {}

    public static void main(String[] args) throws Exception {
        CareIdClient client = new CareIdClient(args[0], Duration.ofSeconds(90)); // a cold server is slow at first
        client.login(args[1]);
        Path faces = Path.of(args[2]);
        int minutes = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);

        CareIdClient.Device device = client.provisionDevice("soak");
        // hostile uploads come from their own device: their failures must not lock the clinician's device out
        CareIdClient.Device hostileDevice = client.provisionDevice("soak-hostile");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String person = client.createStaff("SOAK-" + suffix, List.of("patient/*.read"));
        List<byte[]> photos = Photos.frames(faces.resolve("deepface_p01"));
        client.enrollFaces(person, photos.subList(0, 3)).require(200);
        byte[] probe = photos.get(3);
        String token = (String) client.authenticateFace(device, probe).require(200).json().get("access_token");
        String enrollee = client.createStaff("SOAK-ENROLL-" + suffix, List.of("patient/*.read"));
        List<byte[]> enrolleePhotos = Photos.frames(faces.resolve("deepface_p02"));
        AtomicInteger enrolled = new AtomicInteger();
        String[] currentToken = {token};

        List<Result> minute = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unexpectedTotal = new AtomicInteger();
        Random random = new Random(42);
        ExecutorService workers = Executors.newFixedThreadPool(8);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        Map<String, Integer> lastUnexpected = new ConcurrentHashMap<>();
        ticker.scheduleAtFixedRate(() -> {
            double pick = random.nextDouble();
            int seed = random.nextInt();
            workers.submit(() -> {
                String kind = "?";
                try {
                    CareIdClient.Reply r;
                    boolean expected;
                    if (pick < 0.50) {
                        kind = "auth";
                        r = client.authenticateFace(device, probe);
                        expected = r.status() == 200;
                        if (expected && (seed & 15) == 0) {
                            currentToken[0] = (String) r.json().get("access_token");
                        }
                    } else if (pick < 0.80) {
                        kind = "introspect";
                        r = client.introspect(device, currentToken[0]);
                        expected = r.status() == 200;
                    } else if (pick < 0.95) {
                        kind = "hostile";
                        r = client.authenticateFace(hostileDevice, hostile(new Random(seed), probe));
                        expected = r.status() >= 400 && r.status() < 500;
                    } else {
                        kind = "enroll";
                        synchronized (enrolled) {
                            if (enrolled.get() >= 6) {
                                r = client.erase(enrollee);
                                enrolled.set(0);
                            } else {
                                r = client.enrollFaces(enrollee, List.of(enrolleePhotos.get(Math.floorMod(seed, enrolleePhotos.size()))));
                                if (r.ok()) {
                                    enrolled.set(((Number) r.json().get("samples")).intValue());
                                }
                            }
                        }
                        // passive PAD refuses some of the dataset's photos (422, nothing stored): a refusal, not a fault
                        expected = r.ok() || r.status() == 422 && problemType(r).equals(" presentation-attack-suspected");
                    }
                    if (!expected) {
                        unexpectedTotal.incrementAndGet();
                        lastUnexpected.merge(kind + " " + r.status() + problemType(r), 1, Integer::sum);
                    }
                    minute.add(new Result(kind, r.nanos(), expected));
                } catch (Exception e) {
                    unexpectedTotal.incrementAndGet();
                    lastUnexpected.merge(kind + " " + e.getClass().getSimpleName(), 1, Integer::sum);
                }
            });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);

        for (int m = 1; m <= minutes; m++) {
            Thread.sleep(60_000);
            List<Result> done;
            synchronized (minute) {
                done = new ArrayList<>(minute);
                minute.clear();
            }
            Map<String, List<Long>> byKind = new TreeMap<>();
            done.forEach(r -> byKind.computeIfAbsent(r.kind, k -> new ArrayList<>()).add(r.nanos));
            StringBuilder line = new StringBuilder(String.format("minute %d: %d requests", m, done.size()));
            byKind.forEach((k, v) -> {
                Collections.sort(v);
                line.append(String.format("; %s n=%d p50 %.1f ms p99 %.1f ms", k, v.size(), v.get(v.size() / 2) / 1e6,
                        v.get(Math.min(v.size() - 1, (int) Math.round(v.size() * 0.99))) / 1e6));
            });
            if (!lastUnexpected.isEmpty()) {
                line.append("; unexpected ").append(new TreeMap<>(lastUnexpected));
                lastUnexpected.clear();
            }
            System.out.println(line);
        }
        ticker.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        System.out.printf("soak traffic: %d unexpected answers%n", unexpectedTotal.get());
        System.exit(unexpectedTotal.get() == 0 ? 0 : 1);
    }

    /** An upload no camera sends: random bytes, or a real frame cut short. */
    private static byte[] hostile(Random random, byte[] frame) {
        if (random.nextBoolean()) {
            byte[] junk = new byte[1 + random.nextInt(200_000)];
            random.nextBytes(junk);
            return junk;
        }
        return java.util.Arrays.copyOf(frame, 100 + random.nextInt(frame.length / 2));
    }

    /** " type" of a problem body (its last path segment), or "" for any other answer. */
    private static String problemType(CareIdClient.Reply r) {
        if (!r.contentType().startsWith("application/problem+json")) {
            return "";
        }
        try {
            Object type = r.json().get("type");
            return type == null ? "" : " " + type.toString().substring(type.toString().lastIndexOf('/') + 1);
        } catch (Exception e) {
            return " unreadable";
        }
    }
}

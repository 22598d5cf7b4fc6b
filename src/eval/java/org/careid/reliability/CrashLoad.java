package org.careid.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load and the checks of scripts/crash-test, run against the packaged server that the script
 * kills with SIGKILL at random moments and restarts:
 * <ul>
 * <li>{@code setup BASE PASSWORD STATE_DIR FACES_DIR}: two provisioned devices, a clinician enrolled
 * for authentication, and one staff member per further identity folder for enrollment load;</li>
 * <li>{@code load BASE PASSWORD STATE_DIR SECONDS}: enrollments, erasures, face authentications and
 * revocations from several threads until SECONDS pass or the server stops answering; every attempt
 * and every acknowledgement goes to the journal ({@link Journal});</li>
 * <li>{@code check BASE PASSWORD STATE_DIR}: after a restart, that every acknowledged write is there,
 * every unacknowledged one is all or nothing (with its audit entry exactly when its change is
 * there), every delivered token has its TOKEN_ISSUED entry, revoked tokens stay revoked, and the
 * audit chain verifies. Prints each check; exits 1 on any violation.</li>
 * </ul>
 */
public final class CrashLoad {
    private static final int ENROLLED_SAMPLES_BEFORE_ERASE = 4;

    private final CareIdClient client;
    private final Path stateDir;
    private final Journal journal;

    private CrashLoad(String base, String password, Path stateDir) throws Exception {
        this.client = new CareIdClient(base, Duration.ofSeconds(120)); // a cold server on a busy machine is slow at first
        this.client.login(password);
        this.stateDir = stateDir;
        this.journal = new Journal(stateDir.resolve("journal.tsv"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: CrashLoad setup|load|check BASE PASSWORD STATE_DIR [FACES_DIR|SECONDS]");
            System.exit(2);
        }
        CrashLoad tool = new CrashLoad(args[1], args[2], Path.of(args[3]));
        switch (args[0]) {
            case "setup" -> tool.setup(Path.of(args[4]));
            case "load" -> tool.load(Integer.parseInt(args[4]));
            case "check" -> System.exit(tool.check() ? 0 : 1);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ------------------------------------------------------------------------------------ setup

    private void setup(Path faces) throws Exception {
        Files.createDirectories(stateDir);
        List<Map<String, String>> devices = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            devices.add(client.provisionDevice("crash-test-" + i).saved());
        }
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String authStaff = client.createStaff("CRASH-AUTH-" + suffix, List.of("patient/*.read"));
        Path authDir = faces.resolve("deepface_p01");
        client.enrollFaces(authStaff, Photos.frames(authDir).subList(0, 3)).require(200);
        List<Map<String, String>> enrollStaff = new ArrayList<>();
        for (String dir : List.of("deepface_p02", "deepface_p03", "deepface_p04", "deepface_p05", "fr_obama", "fr_kit_harington")) {
            String id = client.createStaff("CRASH-" + dir + "-" + suffix, List.of("patient/*.read"));
            enrollStaff.add(Map.of("id", id, "dir", faces.resolve(dir).toString()));
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("devices", devices);
        state.put("authStaff", authStaff);
        state.put("authDir", authDir.toString());
        state.put("enrollStaff", enrollStaff);
        Files.write(stateDir.resolve("state.json"), CareIdClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        System.out.printf("setup: 2 devices, 1 clinician enrolled for authentication, %d staff for enrollment load%n",
                enrollStaff.size());
    }

    private Map<?, ?> state() throws Exception {
        return CareIdClient.JSON.readValue(stateDir.resolve("state.json").toFile(), Map.class);
    }

    // ------------------------------------------------------------------------------------- load

    private void load(int seconds) throws Exception {
        Map<?, ?> state = state();
        List<CareIdClient.Device> devices = new ArrayList<>();
        for (Object d : (List<?>) state.get("devices")) {
            devices.add(CareIdClient.Device.load((Map<?, ?>) d));
        }
        byte[] probe = Photos.frames(Path.of((String) state.get("authDir"))).get(3);
        List<Map<?, ?>> staff = ((List<?>) state.get("enrollStaff")).stream().<Map<?, ?>>map(s -> (Map<?, ?>) s).toList();

        Map<String, List<byte[]>> photos = new HashMap<>();
        for (Map<?, ?> s : staff) {
            photos.put((String) s.get("id"), Photos.frames(Path.of((String) s.get("dir"))));
        }
        Files.deleteIfExists(stateDir.resolve("load-started"));
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicBoolean serverGone = new AtomicBoolean();
        Counts counts = new Counts();
        List<String[]> tokens = new CopyOnWriteArrayList<>(); // jti, token of this run
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            List<Map<?, ?>> mine = new ArrayList<>();
            for (int i = w; i < staff.size(); i += 2) {
                mine.add(staff.get(i));
            }
            threads.add(started(() -> run(serverGone, () -> enrollments(mine, photos, end, serverGone, counts))));
        }
        for (int d = 0; d < devices.size(); d++) {
            int index = d;
            threads.add(started(() -> run(serverGone,
                    () -> authentications(devices.get(index), index, probe, end, serverGone, counts, tokens))));
        }
        threads.add(started(() -> run(serverGone, () -> revocations(tokens, end, serverGone, counts))));
        Files.writeString(stateDir.resolve("load-started"), Instant.now().toString()); // the crash test kills from now on
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("load: %d enrollments, %d erasures, %d tokens, %d revocations acknowledged; %d unanswered "
                        + "(server killed), %d refused (4xx), %d server errors (5xx)%s%n",
                counts.enrolled.get(), counts.erased.get(), counts.tokens.get(), counts.revoked.get(), counts.unanswered.get(),
                counts.refused.get(), counts.serverErrors.get(), serverGone.get() ? "; the server went away" : "");
        if (counts.serverErrors.get() > 0) {
            System.out.println("FAIL: the server answered 5xx during the load");
            System.exit(1);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void run(AtomicBoolean serverGone, Work work) {
        try {
            work.run();
        } catch (Exception e) {
            if (!serverGone.get()) {
                System.out.println("load thread stopped: " + e);
            }
            serverGone.set(true);
        }
    }

    private static final class Counts {
        final AtomicInteger enrolled = new AtomicInteger();
        final AtomicInteger erased = new AtomicInteger();
        final AtomicInteger tokens = new AtomicInteger();
        final AtomicInteger revoked = new AtomicInteger();
        final AtomicInteger unanswered = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger serverErrors = new AtomicInteger();

        /** True when the reply is an acknowledgement; counts what else it was. */
        boolean acknowledged(CareIdClient.Reply r, AtomicBoolean serverGone) {
            if (r.ok()) {
                return true;
            }
            if (r.status() == 0) {
                unanswered.incrementAndGet();
                serverGone.set(true);
            } else if (r.status() >= 500) {
                serverErrors.incrementAndGet();
                System.out.println("5xx: " + r.status() + " " + r.text());
            } else {
                refused.incrementAndGet();
            }
            return false;
        }
    }

    /** Each staff member belongs to one thread, so their attempts and acknowledgements are in order. */
    private void enrollments(List<Map<?, ?>> staff, Map<String, List<byte[]>> photos, long end, AtomicBoolean serverGone,
                             Counts counts) throws Exception {
        Map<String, Integer> samples = new HashMap<>();
        for (Map<?, ?> s : staff) {
            String id = (String) s.get("id");
            int now = sync(id);
            samples.put(id, now);
        }
        Random random = new Random();
        int turn = 0;
        while (System.nanoTime() < end && !serverGone.get()) {
            Map<?, ?> s = staff.get(turn++ % staff.size());
            String id = (String) s.get("id");
            if (samples.get(id) >= ENROLLED_SAMPLES_BEFORE_ERASE) {
                journal.write("ERASE_A", id);
                CareIdClient.Reply r = client.erase(id);
                if (counts.acknowledged(r, serverGone)) {
                    journal.write("ERASE_K", id);
                    counts.erased.incrementAndGet();
                    samples.put(id, 0);
                } else if (!serverGone.get()) {
                    samples.put(id, sync(id));
                }
            } else {
                List<byte[]> mine = photos.get(id);
                List<byte[]> batch = List.of(mine.get(random.nextInt(mine.size())), mine.get(random.nextInt(mine.size())));
                journal.write("ENROLL_A", id, String.valueOf(batch.size()));
                CareIdClient.Reply r = client.enrollFaces(id, batch);
                if (counts.acknowledged(r, serverGone)) {
                    Map<?, ?> view = r.json();
                    int total = ((Number) view.get("samples")).intValue();
                    journal.write("ENROLL_K", id, String.valueOf(total), String.valueOf(view.get("accepted")));
                    counts.enrolled.incrementAndGet();
                    samples.put(id, total);
                } else if (!serverGone.get()) {
                    samples.put(id, sync(id));
                }
            }
        }
    }

    /** Reads the person's face samples from the server and journals them. */
    private int sync(String staffId) throws Exception {
        int samples = faceSamples(client.biometrics(staffId).require(200).json());
        journal.write("SYNC", staffId, String.valueOf(samples));
        return samples;
    }

    private static int faceSamples(Map<?, ?> biometrics) {
        Object face = biometrics.get("face");
        return face instanceof Map<?, ?> f && f.get("samples") instanceof Number n ? n.intValue() : 0;
    }

    private void authentications(CareIdClient.Device device, int index, byte[] probe, long end, AtomicBoolean serverGone,
                                 Counts counts, List<String[]> tokens) throws Exception {
        while (System.nanoTime() < end && !serverGone.get()) {
            CareIdClient.Reply r = client.authenticateFace(device, probe);
            if (counts.acknowledged(r, serverGone)) {
                String token = (String) r.json().get("access_token");
                String jti = (String) CareIdClient.claims(token).get("jti");
                journal.write("TOKEN_K", jti, String.valueOf(index), token);
                counts.tokens.incrementAndGet();
                tokens.add(new String[] {jti, token});
            }
        }
    }

    private void revocations(List<String[]> tokens, long end, AtomicBoolean serverGone, Counts counts) throws Exception {
        Random random = new Random();
        java.util.Set<String> done = new java.util.HashSet<>();
        while (System.nanoTime() < end && !serverGone.get()) {
            Thread.sleep(150);
            if (tokens.isEmpty()) {
                continue;
            }
            String[] pick = tokens.get(random.nextInt(tokens.size()));
            if (!done.add(pick[0])) {
                continue;
            }
            journal.write("REVOKE_A", pick[0]);
            if (counts.acknowledged(client.revoke(pick[1]), serverGone)) {
                journal.write("REVOKE_K", pick[0]);
                counts.revoked.incrementAndGet();
            }
        }
    }

    // ------------------------------------------------------------------------------------ check

    private boolean check() throws Exception {
        Map<?, ?> state = state();
        List<CareIdClient.Device> devices = new ArrayList<>();
        for (Object d : (List<?>) state.get("devices")) {
            devices.add(CareIdClient.Device.load((Map<?, ?>) d));
        }
        List<String> failures = new ArrayList<>();
        List<String[]> lines = journal.read();

        // 1. enrollments and erasures: replay each person's journal against what the server has now
        Map<String, StaffHistory> histories = new LinkedHashMap<>();
        for (String[] l : lines) {
            switch (l[0]) {
                case "ENROLL_A" -> histories.computeIfAbsent(l[1], StaffHistory::new).attempt(true);
                case "ERASE_A" -> histories.computeIfAbsent(l[1], StaffHistory::new).attempt(false);
                case "ENROLL_K" -> histories.get(l[1]).enrolled(Integer.parseInt(l[2]), Integer.parseInt(l[3]));
                case "ERASE_K" -> histories.get(l[1]).erased();
                case "SYNC" -> histories.computeIfAbsent(l[1], StaffHistory::new).observed(Integer.parseInt(l[2]), failures);
                default -> { }
            }
        }
        int ackedEnroll = 0;
        int ackedErase = 0;
        int inFlight = 0;
        for (StaffHistory h : histories.values()) {
            h.observed(faceSamples(client.biometrics(h.staffId).require(200).json()), failures);
            ackedEnroll += h.ackedEnrollments;
            ackedErase += h.ackedErasures;
            inFlight += h.resolvedInFlight;
        }
        System.out.printf("check: %d acknowledged enrollments and %d acknowledged erasures of %d staff are as acknowledged; "
                + "%d unacknowledged ones (in flight at a kill) were all or nothing%n", ackedEnroll, ackedErase,
                histories.size(), inFlight);

        // 2. the audit entry of an enrollment or erasure exactly when its change is there
        boolean auditMatches = false;
        List<String> auditFailures = List.of();
        for (int attempt = 0; attempt < 20 && !auditMatches; attempt++) {
            auditFailures = new ArrayList<>();
            for (StaffHistory h : histories.values()) {
                long enrolledEntries = total(client.audit("?action=FACE_ENROLLED&outcome=SUCCESS&size=1&targetId=" + h.staffId));
                long erasedEntries = total(client.audit("?action=BIOMETRICS_ERASED&size=1&targetId=" + h.staffId));
                if (enrolledEntries != h.committedEnrollments || erasedEntries != h.committedErasures) {
                    auditFailures.add(String.format("staff %s: the trail has %d FACE_ENROLLED and %d BIOMETRICS_ERASED, "
                                    + "the database says %d enrollments and %d erasures committed", h.staffId, enrolledEntries,
                            erasedEntries, h.committedEnrollments, h.committedErasures));
                }
            }
            auditMatches = auditFailures.isEmpty();
            if (!auditMatches) {
                Thread.sleep(1000); // entries committed in the outbox are linked at start; give the sweep a moment
            }
        }
        failures.addAll(auditFailures);
        System.out.printf("check: FACE_ENROLLED / BIOMETRICS_ERASED entries match the committed changes for %d staff: %s%n",
                histories.size(), auditMatches ? "yes" : "NO");

        // 3. every delivered token is audited
        Map<String, String[]> delivered = new LinkedHashMap<>();
        List<String> revokeAcked = new ArrayList<>();
        java.util.Set<String> revokeAttempted = new java.util.HashSet<>();
        for (String[] l : lines) {
            switch (l[0]) {
                case "TOKEN_K" -> delivered.put(l[1], new String[] {l[2], l[3]});
                case "REVOKE_A" -> revokeAttempted.add(l[1]);
                case "REVOKE_K" -> revokeAcked.add(l[1]);
                default -> { }
            }
        }
        List<String> unaudited = new ArrayList<>(delivered.keySet());
        for (int attempt = 0; attempt < 20 && !unaudited.isEmpty(); attempt++) {
            String issued = client.audit("/export?action=TOKEN_ISSUED").require(200).text();
            unaudited.removeIf(issued::contains);
            if (!unaudited.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        System.out.printf("check: %d delivered tokens, %d without a TOKEN_ISSUED entry%n", delivered.size(), unaudited.size());
        unaudited.forEach(jti -> failures.add("token " + jti + " was delivered but has no TOKEN_ISSUED entry"));

        // 4. tokens after the restart. A device that presents revoked tokens twice within 10 minutes
        // raises the token-misuse alert, whose configured response (careid.threat.response.token-misuse=
        // revoke-tokens, docs/THREATS.md) cuts off every token of that staff member and device issued
        // until then: step 4b below does exactly that on purpose, so every check after the first finds
        // the earlier cut-offs in the trail. Tokens issued before a cut-off must be inactive (the cut-off
        // is durable too); the others, neither revoked nor cut off, must be active. Checked in that
        // order: the live tokens first, before this check's own presentations of revoked tokens.
        Map<String, List<Instant>> cutOffs = cutOffs();
        Map<Standing, List<String>> byStanding = new java.util.EnumMap<>(Standing.class);
        for (String jti : delivered.keySet()) {
            if (!revokeAttempted.contains(jti) && expiry(delivered.get(jti)[1]).isAfter(Instant.now().plusSeconds(5))) {
                byStanding.computeIfAbsent(standing(delivered.get(jti)[1], cutOffs), k -> new ArrayList<>()).add(jti);
            }
        }
        List<String> live = new ArrayList<>(byStanding.getOrDefault(Standing.NOT_CUT_OFF, List.of()));
        Collections.shuffle(live);
        int activeChecked = 0;
        for (String jti : live.subList(0, Math.min(20, live.size()))) {
            String[] d = delivered.get(jti);
            Map<?, ?> verdict = client.introspect(devices.get(Integer.parseInt(d[0])), d[1]).require(200).json();
            if (!Boolean.TRUE.equals(verdict.get("active"))) {
                failures.add("unrevoked, unexpired token " + jti + " issued " + issuedAt(d[1]) + " is not active: " + verdict
                        + "; the server's reason: " + introspectionFailure(jti));
            }
            activeChecked++;
        }
        System.out.printf("check: %d unrevoked, unexpired tokens issued after any cut-off introspected: active (%d such tokens)%n",
                activeChecked, live.size());
        List<String> cut = new ArrayList<>(byStanding.getOrDefault(Standing.CUT_OFF, List.of()));
        Collections.shuffle(cut);
        int cutChecked = 0;
        for (String jti : cut.subList(0, Math.min(10, cut.size()))) {
            String[] d = delivered.get(jti);
            Map<?, ?> verdict = client.introspect(devices.get(Integer.parseInt(d[0])), d[1]).require(200).json();
            if (Boolean.TRUE.equals(verdict.get("active"))) {
                failures.add("token " + jti + " issued " + issuedAt(d[1]) + ", before a cut-off of its staff member or device, "
                        + "is active again after the restart");
            }
            cutChecked++;
        }
        System.out.printf("check: %d unexpired tokens issued before a cut-off (%s in the trail) introspected: inactive "
                + "(%d such tokens; %d issued in a cut-off's second, not checked)%n", cutChecked, describe(cutOffs), cut.size(),
                byStanding.getOrDefault(Standing.AMBIGUOUS, List.of()).size());

        // 4b. revoked tokens stay revoked (and audited)
        String revokedTrail = client.audit("/export?action=TOKEN_REVOKED").require(200).text();
        int stillRevoked = 0;
        int unexpired = 0;
        for (String jti : revokeAcked) {
            String[] d = delivered.get(jti);
            Map<?, ?> verdict = client.introspect(devices.get(Integer.parseInt(d[0])), d[1]).require(200).json();
            if (Boolean.TRUE.equals(verdict.get("active"))) {
                failures.add("revoked token " + jti + " is active again after the restart");
            } else {
                stillRevoked++;
            }
            if (expiry(d[1]).isAfter(Instant.now())) {
                unexpired++;
            }
            if (!revokedTrail.contains(jti)) {
                failures.add("revoked token " + jti + " has no TOKEN_REVOKED entry");
            }
        }
        System.out.printf("check: %d acknowledged revocations (%d of those tokens not yet expired): all inactive and audited: %s%n",
                revokeAcked.size(), unexpired, stillRevoked == revokeAcked.size() ? "yes" : "NO");
        if (revokeAcked.size() >= 2) {
            // the threat monitor answers on its own thread; show what it did (the next check relies on it)
            Map<String, List<Instant>> after = cutOffs();
            for (int attempt = 0; attempt < 10 && count(after) == count(cutOffs); attempt++) {
                Thread.sleep(500);
                after = cutOffs();
            }
            System.out.printf("check: presenting %d revoked tokens raised token-misuse; cut-offs in the trail now: %s%n",
                    revokeAcked.size(), describe(after));
        }

        // 5. the chain verifies
        Map<?, ?> verification = client.audit("/verify").require(200).json();
        boolean valid = Boolean.TRUE.equals(verification.get("valid"));
        System.out.printf("check: audit chain verifies: %s (%s entries checked, head %s)%n", valid ? "yes" : "NO",
                verification.get("entriesChecked"), verification.get("headSeq"));
        if (!valid) {
            failures.add("audit chain does not verify: " + verification);
        }

        if (!failures.isEmpty()) {
            System.out.println("CRASH TEST FAILED:");
            failures.forEach(f -> System.out.println("  - " + f));
            return false;
        }
        System.out.println("check: all passed");
        return true;
    }

    /** Where a delivered token stands against the cut-offs (TOKENS_REVOKED_ALL) of its staff member and device. */
    private enum Standing { CUT_OFF, AMBIGUOUS, NOT_CUT_OFF }

    /**
     * The server cuts at the second the revocation started ({@code iat <= cut-off}, both in whole
     * seconds); the audit entry is stamped a moment later, which may be in the next second. So a token
     * issued before the entry's second is cut off, one issued after it is not, and one issued in that
     * very second may be either.
     */
    private static Standing standing(String token, Map<String, List<Instant>> cutOffs) throws Exception {
        Map<?, ?> claims = CareIdClient.claims(token);
        long iat = ((Number) claims.get("iat")).longValue();
        Standing result = Standing.NOT_CUT_OFF;
        for (String key : List.of("STAFF:" + claims.get("sub"), "DEVICE:" + claims.get("device_id"))) {
            for (Instant at : cutOffs.getOrDefault(key, List.of())) {
                if (iat < at.getEpochSecond()) {
                    return Standing.CUT_OFF;
                }
                if (iat == at.getEpochSecond()) {
                    result = Standing.AMBIGUOUS;
                }
            }
        }
        return result;
    }

    /** The TOKENS_REVOKED_ALL entries of the trail: "STAFF:id" / "DEVICE:id" to when each was recorded. */
    private Map<String, List<Instant>> cutOffs() throws Exception {
        Map<String, List<Instant>> out = new LinkedHashMap<>();
        for (Object item : (List<?>) client.audit("?action=TOKENS_REVOKED_ALL&outcome=SUCCESS&size=500").require(200).json().get("items")) {
            Map<?, ?> e = (Map<?, ?>) item;
            Object at = e.get("occurredAt");
            Instant when = at instanceof Number n ? Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000)) : Instant.parse(at.toString());
            out.computeIfAbsent(e.get("targetType") + ":" + e.get("targetId"), k -> new ArrayList<>()).add(when);
        }
        return out;
    }

    private static int count(Map<String, List<Instant>> cutOffs) {
        return cutOffs.values().stream().mapToInt(List::size).sum();
    }

    private static String describe(Map<String, List<Instant>> cutOffs) {
        if (cutOffs.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        cutOffs.forEach((k, v) -> parts.add(k + " at " + v));
        return String.join(", ", parts);
    }

    /** Why the server found the token inactive: the detail of its latest TOKEN_INTROSPECTION_FAILED entry. */
    private String introspectionFailure(String jti) throws Exception {
        List<?> items = (List<?>) client.audit("?action=TOKEN_INTROSPECTION_FAILED&size=1&targetId=" + jti).require(200).json().get("items");
        return items.isEmpty() ? "no TOKEN_INTROSPECTION_FAILED entry" : String.valueOf(((Map<?, ?>) items.get(0)).get("detail"));
    }

    private static Instant issuedAt(String token) throws Exception {
        return Instant.ofEpochSecond(((Number) CareIdClient.claims(token).get("iat")).longValue());
    }

    private static long total(CareIdClient.Reply page) throws Exception {
        return ((Number) page.require(200).json().get("total")).longValue();
    }

    private static Instant expiry(String token) {
        try {
            return Instant.ofEpochSecond(((Number) CareIdClient.claims(token).get("exp")).longValue());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One staff member's enrollments and erasures as journaled: what the server acknowledged, and,
     * for an attempt cut off by a kill, which of the two possible states the next observation shows.
     */
    private static final class StaffHistory {
        final String staffId;
        int known;
        Boolean pendingEnroll; // null: nothing in flight; true: an enrollment; false: an erasure
        int ackedEnrollments;
        int ackedErasures;
        int committedEnrollments;
        int committedErasures;
        int resolvedInFlight;

        StaffHistory(String staffId) {
            this.staffId = staffId;
        }

        void attempt(boolean enroll) {
            pendingEnroll = enroll;
        }

        void enrolled(int samples, int accepted) {
            known = samples;
            ackedEnrollments++;
            if (accepted > 0) {
                committedEnrollments++;
            }
            pendingEnroll = null;
        }

        void erased() {
            known = 0;
            ackedErasures++;
            committedErasures++;
            pendingEnroll = null;
        }

        void observed(int samples, List<String> failures) {
            if (pendingEnroll == null) {
                if (samples != known) {
                    failures.add(String.format("staff %s: %d face samples acknowledged, %d found", staffId, known, samples));
                }
            } else if (pendingEnroll) {
                if (samples > known) {
                    committedEnrollments++;
                } else if (samples < known) {
                    failures.add(String.format("staff %s: an unacknowledged enrollment left %d samples where %d were acknowledged",
                            staffId, samples, known));
                }
                resolvedInFlight++;
            } else {
                if (samples == 0 && known > 0) {
                    committedErasures++;
                } else if (samples != known) {
                    failures.add(String.format("staff %s: an unacknowledged erasure left %d of %d samples", staffId, samples, known));
                }
                resolvedInFlight++;
            }
            known = samples;
            pendingEnroll = null;
        }
    }

    private static Thread started(Runnable work) {
        Thread t = new Thread(work);
        t.start();
        return t;
    }
}

package org.careid.threat.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.events.TokenMisuseKind;
import org.careid.threat.detect.BehaviourAnomalyDetector;
import org.careid.threat.detect.DevicePostureDetector;
import org.careid.threat.detect.FailureBurstDetector;
import org.careid.threat.detect.ImpossibleTravelDetector;
import org.careid.threat.detect.NearThresholdProbingDetector;
import org.careid.threat.detect.TokenMisuseDetector;
import org.careid.threat.evaluation.SimulatedHospital.Device;
import org.careid.threat.evaluation.SimulatedHospital.Staff;

/**
 * Injects attacks at random times. Every intensity is drawn from a range describing the attack
 * (documented in docs/THREATS.md), written without reference to the detector settings: the ranges
 * say what the attacker does, never what the detectors need.
 */
final class AttackInjector {
    // Brute force / photo cycling: how many attempts, over how long
    static final int BURST_MIN_ATTEMPTS = 10;
    static final int BURST_MAX_ATTEMPTS = 60;
    static final int BURST_MIN_MINUTES = 2;
    static final int BURST_MAX_MINUTES = 30;
    // Fastest physically possible move between wards (a sprint, stairs taken at a run)
    static final double SPRINT_MPS = 3.0;
    static final double SPRINT_SECONDS_PER_FLOOR = 15;
    // Stolen identity used by an outsider: a session of several authentications (tokens live 2 min)
    static final int MISUSE_MIN_AUTHS = 2;
    static final int MISUSE_MAX_AUTHS = 8;
    static final int MISUSE_MAX_HOURS = 3;
    // Spoof or morph being tuned: attempts, and how far under the threshold it scores (fraction)
    static final int PROBE_MIN_ATTEMPTS = 5;
    static final int PROBE_MAX_ATTEMPTS = 30;
    static final double PROBE_MIN_GAP = 0.02;
    static final double PROBE_MAX_GAP = 0.25;
    static final int PROBE_MAX_MINUTES = 180;
    // Stolen token: how many times it is tried
    static final int TOKEN_MIN_TRIES = 1;
    static final int TOKEN_MAX_TRIES = 10;
    // What a thief without the device key does with the token (no data on thieves: the three things
    // it can do, equally likely): present it with no proof, sign a proof with its own key, or replay
    // the proof captured together with the token (same request, same URL).
    static final double THIEF_NO_PROOF = 1.0 / 3;
    static final double THIEF_OWN_KEY = 1.0 / 3;
    // Token service facts (careid.token.*): access tokens live 120 s, proofs are fresh for 60 s,
    // both with 10 s clock tolerance. Past the token's life the server answers "expired" (no misuse).
    static final int TOKEN_LIFETIME_SECONDS = 120;
    static final int CLOCK_TOLERANCE_SECONDS = 10;
    static final int PROOF_FRESH_SECONDS = 60;
    // Ward-wide device failure: share of the ward's devices affected, how long
    static final double WARD_MIN_SHARE = 0.5;
    static final int WARD_MIN_MINUTES = 20;
    static final int WARD_MAX_MINUTES = 120;

    private final SimulatedHospital hospital;
    private final Random rnd;
    /** The token thief's own choices, apart from {@link #rnd} so the other attacks stay as they were. */
    private final Random thief;
    private final List<SimEvent> events;
    final List<InjectedAttack> attacks = new ArrayList<>();

    AttackInjector(SimulatedHospital hospital, Random rnd, Random thief, List<SimEvent> events) {
        this.hospital = hospital;
        this.rnd = rnd;
        this.thief = thief;
        this.events = events;
    }

    private InjectedAttack newAttack(String kind, String detector, Instant start) {
        InjectedAttack a = new InjectedAttack(String.valueOf(attacks.size() + 1), kind, detector, start);
        attacks.add(a);
        return a;
    }

    private Instant randomTime(Instant from, Duration span) {
        return from.plusSeconds((long) (rnd.nextDouble() * span.toSeconds()));
    }

    private Staff randomStaff() {
        return hospital.staff.get(rnd.nextInt(hospital.staff.size()));
    }

    private void add(AuthEventRecord r, InjectedAttack a) {
        events.add(new SimEvent(r, a));
        a.extendTo(r.time());
    }

    /** Someone cycles through photos (1:N) at one device. */
    void deviceBurst(Instant from, Duration span) {
        Device d = hospital.randomDevice(rnd);
        Instant t = randomTime(from, span);
        InjectedAttack a = newAttack("brute-force-device", FailureBurstDetector.NAME, t);
        a.subjects.add("DEVICE:" + d.id());
        int n = BURST_MIN_ATTEMPTS + rnd.nextInt(BURST_MAX_ATTEMPTS - BURST_MIN_ATTEMPTS + 1);
        double minutes = BURST_MIN_MINUTES + rnd.nextDouble() * (BURST_MAX_MINUTES - BURST_MIN_MINUTES);
        for (int i = 0; i < n; i++) {
            Staff candidate = randomStaff();
            a.subjects.add("STAFF:" + candidate.id());
            add(AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, t.plusSeconds((long) (i * minutes * 60 / n)))
                    .claimedStaff(candidate.id()).device(d.id(), d.ward(), d.type()).modality("face")
                    .match(Scores.unknownPerson("face", rnd), Scores.threshold("face")).outcome("no-match").build(), a);
        }
    }

    /** Brute force against one identity, at one to four devices. */
    void staffBurst(Instant from, Duration span) {
        Staff victim = randomStaff();
        Instant t = randomTime(from, span);
        InjectedAttack a = newAttack("brute-force-identity", FailureBurstDetector.NAME, t);
        a.subjects.add("STAFF:" + victim.id());
        int n = BURST_MIN_ATTEMPTS + rnd.nextInt(BURST_MAX_ATTEMPTS - BURST_MIN_ATTEMPTS + 1);
        double minutes = BURST_MIN_MINUTES + rnd.nextDouble() * (BURST_MAX_MINUTES - BURST_MIN_MINUTES);
        List<Device> used = new ArrayList<>();
        int deviceCount = 1 + rnd.nextInt(4);
        for (int i = 0; i < deviceCount; i++) {
            used.add(hospital.randomDevice(rnd));
        }
        for (int i = 0; i < n; i++) {
            Device d = used.get(i * deviceCount / n);
            a.subjects.add("DEVICE:" + d.id());
            String modality = rnd.nextBoolean() ? "face" : "fingerprint";
            add(AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, t.plusSeconds((long) (i * minutes * 60 / n)))
                    .claimedStaff(victim.id()).device(d.id(), d.ward(), d.type()).modality(modality)
                    .match(Scores.unknownPerson(modality, rnd), Scores.threshold(modality)).outcome("no-match").build(), a);
        }
    }

    /**
     * An impostor gets in as a person (photo, fingerprint cast) at another ward while the person is
     * at work: within the time nobody could cover the distance, before or after a genuine login.
     */
    void impossibleTravel(List<AuthEventRecord> genuineSuccesses) {
        AuthEventRecord genuine = genuineSuccesses.get(rnd.nextInt(genuineSuccesses.size()));
        Device d = hospital.randomDeviceOutside(genuine.deviceWard(), rnd);
        double metres = hospital.wardMap.metres(genuine.deviceWard(), d.ward()).orElse(0.0);
        int floors = Math.abs(hospital.wardMap.floor(genuine.deviceWard()) - hospital.wardMap.floor(d.ward()));
        double impossibleSeconds = metres / SPRINT_MPS + floors * SPRINT_SECONDS_PER_FLOOR;
        long delta = (long) (rnd.nextDouble() * impossibleSeconds * 1000);
        Instant t = rnd.nextBoolean() ? genuine.time().plusMillis(delta) : genuine.time().minusMillis(delta);
        InjectedAttack a = newAttack("cloned-identity", ImpossibleTravelDetector.NAME,
                t.isBefore(genuine.time()) ? t : genuine.time());
        a.subjects.add("STAFF:" + genuine.staffId());
        a.extendTo(genuine.time());
        add(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, t).staff(genuine.staffId())
                .device(d.id(), d.ward(), d.type()).modality(genuine.modality()).scopes(genuine.scopes())
                .match(Scores.threshold("face") * 1.05, Scores.threshold("face")).outcome("ok").build(), a);
    }

    /** An outsider uses a stolen identity: any device, any hour, whatever scopes they are after. */
    void stolenIdentity(Instant from, Duration span) {
        Staff victim = randomStaff();
        Instant t = randomTime(from, span);
        InjectedAttack a = newAttack("stolen-identity", BehaviourAnomalyDetector.NAME, t);
        a.subjects.add("STAFF:" + victim.id());
        int n = MISUSE_MIN_AUTHS + rnd.nextInt(MISUSE_MAX_AUTHS - MISUSE_MIN_AUTHS + 1);
        double hours = 0.25 + rnd.nextDouble() * (MISUSE_MAX_HOURS - 0.25);
        Device d = hospital.randomDevice(rnd);
        String modality = List.of("face", "fingerprint", "face+fingerprint").get(rnd.nextInt(3));
        Set<String> scopes = new java.util.TreeSet<>();
        for (String s : SimulatedHospital.ALL_SCOPES) {
            if (rnd.nextDouble() < 0.4) {
                scopes.add(s);
            }
        }
        scopes.add(SimulatedHospital.ALL_SCOPES.get(rnd.nextInt(SimulatedHospital.ALL_SCOPES.size())));
        for (int i = 0; i < n; i++) {
            if (rnd.nextDouble() < 0.3) {
                d = hospital.devicesByWard.get(d.ward()).get(rnd.nextInt(10));
            }
            add(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, t.plusSeconds((long) (i * hours * 3600 / n)))
                    .staff(victim.id()).device(d.id(), d.ward(), d.type()).modality(modality).scopes(scopes)
                    .match(Scores.threshold(modality) * 1.1, Scores.threshold(modality)).outcome("ok").build(), a);
        }
    }

    /** A spoof or morph tuned against one identity, at one to three devices. */
    void probing(Instant from, Duration span) {
        Staff victim = randomStaff();
        Instant t = randomTime(from, span);
        InjectedAttack a = newAttack("spoof-probing", NearThresholdProbingDetector.NAME, t);
        a.subjects.add("STAFF:" + victim.id());
        int n = PROBE_MIN_ATTEMPTS + rnd.nextInt(PROBE_MAX_ATTEMPTS - PROBE_MIN_ATTEMPTS + 1);
        double gap = PROBE_MIN_GAP + rnd.nextDouble() * (PROBE_MAX_GAP - PROBE_MIN_GAP);
        double minutes = 5 + rnd.nextDouble() * (PROBE_MAX_MINUTES - 5);
        List<Device> used = new ArrayList<>();
        for (int i = 0, k = 1 + rnd.nextInt(3); i < k; i++) {
            used.add(hospital.randomDevice(rnd));
        }
        String modality = rnd.nextBoolean() ? "face" : "fingerprint";
        double threshold = Scores.threshold(modality);
        for (int i = 0; i < n; i++) {
            Device d = used.get(rnd.nextInt(used.size()));
            a.subjects.add("DEVICE:" + d.id());
            double score = threshold * (1 - gap * rnd.nextDouble());
            add(AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, t.plusSeconds((long) (i * minutes * 60 / n)))
                    .claimedStaff(victim.id()).device(d.id(), d.ward(), d.type()).modality(modality)
                    .match(score, threshold).outcome("no-match").build(), a);
        }
    }

    /** What a thief does with a stolen token (one of four, equally likely). */
    enum TokenAttack { BINDING_MISMATCH, REPLAYED_ONE_TIME_TOKEN, REVOKED_TOKEN_USE, WITHOUT_DEVICE_KEY }

    /**
     * A stolen token presented by an attacker: at the wrong device, a one-time token replayed, after
     * revocation, or without the device key (see {@link #THIEF_NO_PROOF}).
     */
    void tokenMisuse(Instant from, Duration span) {
        Staff victim = randomStaff();
        Device d = hospital.randomDevice(rnd);
        Instant t = randomTime(from, span);
        TokenAttack kind = TokenAttack.values()[rnd.nextInt(TokenAttack.values().length)];
        if (kind != TokenAttack.WITHOUT_DEVICE_KEY) {
            TokenMisuseKind misuse = TokenMisuseKind.valueOf(kind.name());
            InjectedAttack a = tokenAttack("token-" + kind.name().toLowerCase().replace('_', '-'), victim, d, t);
            for (long offset : tryOffsets()) {
                add(AuthEventRecord.builder(AuthEventKind.TOKEN_MISUSE, t.plusSeconds(offset))
                        .staff(victim.id()).device(d.id(), d.ward(), d.type()).misuse(misuse).build(), a);
            }
            return;
        }
        // Captured (with the victim's request and its proof) at some age of the token; first used while
        // the token still works, after a delay of the thief's own (a script: seconds; a person: a minute).
        int usableFor = TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS;
        int capturedAtAge = thief.nextInt(TOKEN_LIFETIME_SECONDS);
        long delay = 1 + thief.nextInt(usableFor - capturedAtAge);
        double strategy = thief.nextDouble();
        boolean replaysProof = strategy >= THIEF_NO_PROOF + THIEF_OWN_KEY;
        InjectedAttack a = tokenAttack(replaysProof ? "token-replayed-proof" : strategy < THIEF_NO_PROOF ? "token-no-proof"
                : "token-own-key", victim, d, t);
        for (long offset : tryOffsets()) {
            long proofAge = delay + offset;
            if (capturedAtAge + proofAge > usableFor) {
                continue; // "expired": no misuse to report
            }
            TokenMisuseKind misuse = !replaysProof ? TokenMisuseKind.PROOF_WITHOUT_BOUND_KEY
                    : proofAge <= PROOF_FRESH_SECONDS + CLOCK_TOLERANCE_SECONDS ? TokenMisuseKind.PROOF_REPLAYED
                    : TokenMisuseKind.STALE_OR_MALFORMED_PROOF;
            add(AuthEventRecord.builder(AuthEventKind.TOKEN_MISUSE, t.plusSeconds(offset))
                    .staff(victim.id()).device(d.id(), d.ward(), d.type()).misuse(misuse).build(), a);
        }
    }

    private InjectedAttack tokenAttack(String kind, Staff victim, Device d, Instant t) {
        InjectedAttack a = newAttack(kind, TokenMisuseDetector.NAME, t);
        a.subjects.add("DEVICE:" + d.id());
        a.subjects.add("STAFF:" + victim.id());
        return a;
    }

    /** When the thief presents the token, in seconds after the first try: a few seconds apart. */
    private long[] tryOffsets() {
        int tries = TOKEN_MIN_TRIES + rnd.nextInt(TOKEN_MAX_TRIES - TOKEN_MIN_TRIES + 1);
        long[] offsets = new long[tries];
        for (int i = 0; i < tries; i++) {
            offsets[i] = i * (2L + rnd.nextInt(20));
        }
        return offsets;
    }

    /** An unpatched or downgraded device joins: it reports an old version. */
    void outdatedDevice(Instant from, Duration span) {
        Device d = hospital.randomDevice(rnd);
        Instant t = randomTime(from, span);
        InjectedAttack a = newAttack("outdated-device", DevicePostureDetector.NAME, t);
        a.subjects.add("DEVICE:" + d.id());
        String version = "1." + rnd.nextInt(10) + "." + rnd.nextInt(10);
        add(AuthEventRecord.builder(AuthEventKind.DEVICE_VERSION_REPORTED, t).device(d.id(), d.ward(), d.type())
                .softwareVersion(version).build(), a);
    }

    /**
     * Tampered cameras/readers or a malicious update in one ward: for a while, every genuine attempt
     * at the affected devices fails; people try three times and then go to another device.
     */
    void wardFailure(Instant from, Duration span) {
        String ward = hospital.wards.get(rnd.nextInt(hospital.wards.size()));
        Instant t = randomTime(from, span);
        Instant end = t.plus(Duration.ofMinutes(WARD_MIN_MINUTES + rnd.nextInt(WARD_MAX_MINUTES - WARD_MIN_MINUTES + 1)));
        List<Device> wardDevices = new ArrayList<>(hospital.devicesByWard.get(ward));
        java.util.Collections.shuffle(wardDevices, rnd);
        double share = WARD_MIN_SHARE + rnd.nextDouble() * (1 - WARD_MIN_SHARE);
        Set<UUID> affected = new java.util.LinkedHashSet<>();
        for (Device d : wardDevices.subList(0, (int) Math.ceil(share * wardDevices.size()))) {
            affected.add(d.id());
        }
        InjectedAttack a = newAttack("ward-device-failure", DevicePostureDetector.NAME, t);
        a.subjects.add("WARD:" + ward);
        affected.forEach(id -> a.subjects.add("DEVICE:" + id));
        a.extendTo(end);
        List<SimEvent> replaced = new ArrayList<>();
        for (java.util.Iterator<SimEvent> it = events.iterator(); it.hasNext(); ) {
            SimEvent e = it.next();
            AuthEventRecord r = e.record();
            if (e.attack() == null && r.kind() == AuthEventKind.AUTH_SUCCESS && affected.contains(r.deviceId())
                    && !r.time().isBefore(t) && r.time().isBefore(end)) {
                it.remove();
                a.subjects.add("STAFF:" + r.staffId());
                for (int i = 0; i < 3; i++) {
                    String modality = r.modality() == null || r.modality().contains("pin") ? "face" : r.modality();
                    replaced.add(new SimEvent(AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, r.time().plusSeconds(20L * i))
                            .claimedStaff(r.staffId()).device(r.deviceId(), r.deviceWard(), r.deviceType())
                            .modality(modality).scopes(r.scopes()).match(Scores.unknownPerson(modality, rnd),
                                    Scores.threshold(modality)).outcome("no-match").build(), a));
                }
                Device other = wardDevices.stream().filter(d -> !affected.contains(d.id())).findAny()
                        .orElse(hospital.randomDeviceOutside(ward, rnd));
                replaced.add(new SimEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, r.time().plusSeconds(120))
                        .staff(r.staffId()).device(other.id(), other.ward(), other.type()).modality(r.modality())
                        .scopes(r.scopes()).match(r.matchScore() == null ? 0 : r.matchScore(),
                                r.matchThreshold() == null ? 0 : r.matchThreshold()).outcome("ok").build(), a));
            }
        }
        events.addAll(replaced);
    }
}

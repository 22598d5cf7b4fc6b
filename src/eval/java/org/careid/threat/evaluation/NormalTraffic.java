package org.careid.threat.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.events.TokenMisuseKind;
import org.careid.threat.evaluation.SimulatedHospital.Device;
import org.careid.threat.evaluation.SimulatedHospital.ShiftPattern;
import org.careid.threat.evaluation.SimulatedHospital.Staff;

/**
 * Normal life: staff work 12-hour shifts on about half the days, authenticate about twice an hour
 * (mostly at their usual devices, sometimes in their secondary ward, walking between wards at their
 * own speed), fail now and then and retry, visitors touch devices, tokens are occasionally revoked
 * mid-request or a proof arrives stale (a device clock off by more than the tolerance), and the
 * device fleet is updated once.
 */
final class NormalTraffic {
    static final double SHIFT_PROBABILITY = 0.5;
    static final double SWAP_PROBABILITY = 0.03;
    static final double BENIGN_TOKEN_EVENT_PER_SUCCESS = 1.0 / 5000;
    static final double UNKNOWN_PERSON_PER_DEVICE_HOUR = 0.1;

    private final SimulatedHospital hospital;
    private final Random rnd;
    final List<SimEvent> events = new ArrayList<>();
    int staffShifts;

    NormalTraffic(SimulatedHospital hospital, Random rnd) {
        this.hospital = hospital;
        this.rnd = rnd;
    }

    void generate(Instant start, int days) {
        for (Staff s : hospital.staff) {
            for (int day = 0; day < days; day++) {
                if (rnd.nextDouble() < SHIFT_PROBABILITY) {
                    staffShifts++;
                    shift(s, start.plus(Duration.ofDays(day)), day);
                }
            }
        }
        visitors(start, days);
        fleet(start, days);
    }

    private void shift(Staff s, Instant midnight, int day) {
        boolean night = switch (s.pattern()) {
            case DAY -> false;
            case NIGHT -> true;
            case ROTATING -> (day / 7) % 2 == 1;
        };
        if (s.pattern() != ShiftPattern.ROTATING && rnd.nextDouble() < SWAP_PROBABILITY) {
            night = !night;
        }
        Instant begin = midnight.plus(Duration.ofHours(night ? 19 : 7)).plusSeconds(rnd.nextInt(1800) - 900);
        double hours = 12 + (rnd.nextDouble() < 0.1 ? rnd.nextDouble() * 3 : 0);
        Instant end = begin.plusSeconds((long) (hours * 3600));
        double ratePerHour = 1 + rnd.nextDouble() * 2;
        Instant t = begin;
        String ward = s.home();
        while (true) {
            t = t.plusSeconds((long) (-Math.log(1 - rnd.nextDouble()) / ratePerHour * 3600));
            Device d = chooseDevice(s);
            if (!d.ward().equals(ward)) {
                t = t.plus(travelTime(s, ward, d.ward()));
                ward = d.ward();
            }
            if (t.isAfter(end)) {
                break;
            }
            t = authenticate(s, d, t);
        }
    }

    private Device chooseDevice(Staff s) {
        double r = rnd.nextDouble();
        if (r < 0.90) {
            return s.usualDevices().get(rnd.nextInt(s.usualDevices().size()));
        }
        if (r < 0.98) {
            return s.secondaryDevices().get(rnd.nextInt(s.secondaryDevices().size()));
        }
        List<Device> ward = hospital.devicesByWard.get(s.home());
        return ward.get(rnd.nextInt(ward.size()));
    }

    /** Real walking time, at the person's own pace; 1 % of moves are emergencies, run at 2.2 m/s. */
    private Duration travelTime(Staff s, String from, String to) {
        double metres = hospital.wardMap.metres(from, to).orElse(0.0);
        int floors = Math.abs(floor(from) - floor(to));
        boolean emergency = rnd.nextDouble() < 0.01;
        double seconds = emergency ? metres / 2.2 + floors * 20
                : metres / s.walkingSpeed() + floors * (30 + rnd.nextDouble() * 30);
        return Duration.ofSeconds((long) seconds + rnd.nextInt(60));
    }

    private int floor(String ward) {
        return hospital.wardMap.floor(ward);
    }

    /** One authentication with retries; returns when the person is done. */
    Instant authenticate(Staff s, Device d, Instant t) {
        String modality = rnd.nextDouble() < 0.85 ? s.modality()
                : List.of("face", "fingerprint", "face+fingerprint").get(rnd.nextInt(3));
        Set<String> scopes = scopesFor(s);
        for (int attempt = 0; attempt < 3; attempt++) {
            double score = Scores.genuine(modality, s.frr(), rnd);
            double threshold = Scores.threshold(modality);
            if (score >= threshold) {
                success(s, d, t, modality, scopes, score, threshold);
                return t;
            }
            events.add(new SimEvent(AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, t).claimedStaff(s.id())
                    .device(d.id(), d.ward(), d.type()).modality(modality).scopes(scopes)
                    .match(score, threshold).outcome("no-match").build(), null));
            t = t.plusSeconds(5 + rnd.nextInt(35));
        }
        // after three biometric failures: face with PIN (second factor) at the same device
        events.add(new SimEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, t).staff(s.id())
                .device(d.id(), d.ward(), d.type()).modality("face+pin").scopes(scopes).outcome("ok").build(), null));
        return t;
    }

    private void success(Staff s, Device d, Instant t, String modality, Set<String> scopes, double score,
                         double threshold) {
        events.add(new SimEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, t).staff(s.id())
                .device(d.id(), d.ward(), d.type()).modality(modality).scopes(scopes)
                .match(score, threshold).outcome("ok").build(), null));
        if (rnd.nextDouble() < BENIGN_TOKEN_EVENT_PER_SUCCESS) {
            misuse(s, d, t.plusSeconds(30 + rnd.nextInt(60)), TokenMisuseKind.REVOKED_TOKEN_USE);
        }
        if (rnd.nextDouble() < BENIGN_TOKEN_EVENT_PER_SUCCESS) {
            // a device whose clock drifted: its proof (signed with its own key) is refused as not fresh
            misuse(s, d, t.plusSeconds(1 + rnd.nextInt(100)), TokenMisuseKind.STALE_OR_MALFORMED_PROOF);
        }
    }

    private void misuse(Staff s, Device d, Instant t, TokenMisuseKind kind) {
        events.add(new SimEvent(AuthEventRecord.builder(AuthEventKind.TOKEN_MISUSE, t).staff(s.id())
                .device(d.id(), d.ward(), d.type()).misuse(kind).build(), null));
    }

    private Set<String> scopesFor(Staff s) {
        List<String> role = new ArrayList<>(SimulatedHospital.ROLE_SCOPES.get(s.role()));
        Set<String> out = new java.util.TreeSet<>();
        out.add("patient/*.read");
        for (String scope : role) {
            if (rnd.nextDouble() < 0.5) {
                out.add(scope);
            }
        }
        return out;
    }

    /** Visitors and patients touching devices: failed 1:N searches scoring far below threshold. */
    private void visitors(Instant start, int days) {
        for (Device d : hospital.devices) {
            double hours = days * 24.0;
            double t = 0;
            while (true) {
                t += -Math.log(1 - rnd.nextDouble()) / UNKNOWN_PERSON_PER_DEVICE_HOUR;
                if (t >= hours) {
                    break;
                }
                Staff candidate = hospital.staff.get(rnd.nextInt(hospital.staff.size()));
                String modality = rnd.nextBoolean() ? "face" : "fingerprint";
                events.add(new SimEvent(AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE,
                        start.plusSeconds((long) (t * 3600))).claimedStaff(candidate.id())
                        .device(d.id(), d.ward(), d.type()).modality(modality)
                        .match(Scores.unknownPerson(modality, rnd), Scores.threshold(modality))
                        .outcome("no-match").build(), null));
            }
        }
    }

    /** Every device reports 2.4.1 at start; a fleet update to 2.5.0 rolls out over days 10-14. */
    private void fleet(Instant start, int days) {
        for (Device d : hospital.devices) {
            events.add(new SimEvent(AuthEventRecord.builder(AuthEventKind.DEVICE_VERSION_REPORTED,
                    start.plusSeconds(rnd.nextInt(3600))).device(d.id(), d.ward(), d.type())
                    .softwareVersion("2.4.1").build(), null));
            if (days > 14) {
                events.add(new SimEvent(AuthEventRecord.builder(AuthEventKind.DEVICE_VERSION_REPORTED,
                        start.plus(Duration.ofDays(10)).plusSeconds(rnd.nextInt(4 * 86400)))
                        .device(d.id(), d.ward(), d.type()).softwareVersion("2.5.0").build(), null));
            }
        }
    }
}

package org.careid.threat.detect;

import static org.careid.threat.Events.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfig;
import org.careid.threat.ThreatConfigLoader;
import org.junit.jupiter.api.Test;

/** Trains real Tribuo models on a made-up history of a day-shift ICU nurse. */
class BehaviourAnomalyDetectorTest {
    private final ThreatConfig config = ThreatConfigLoader.load(Map.of());
    private final UUID nurse = UUID.randomUUID();
    private final Random rnd = new Random(42);

    private AuthEventRecord event(Instant t, String ward, String type, String modality, Set<String> scopes) {
        return AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, t).staff(nurse)
                .device(UUID.randomUUID(), ward, type).modality(modality).scopes(scopes).build();
    }

    private BehaviourAnomalyDetector trained() {
        List<AuthEventRecord> history = new ArrayList<>();
        for (int day = 0; day < 20; day++) {
            for (int i = 0; i < 15; i++) {
                Instant t = T0.minus(Duration.ofDays(30 - day)).plusSeconds(rnd.nextInt(11 * 3600)); // 08:00-19:00
                Set<String> scopes = rnd.nextBoolean() ? Set.of("patient/*.read") : Set.of("patient/*.read", "vitals.write");
                history.add(event(t, rnd.nextDouble() < 0.9 ? "icu" : "surgery", "bedside",
                        rnd.nextDouble() < 0.9 ? "face" : "fingerprint", scopes));
            }
        }
        // someone else's history gives the vocabulary other wards and scopes
        UUID other = UUID.randomUUID();
        history.add(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, T0.minus(Duration.ofDays(3))).staff(other)
                .device(UUID.randomUUID(), "maternity", "workstation").modality("face+fingerprint")
                .scopes(Set.of("records.export", "orders.write")).build());
        BehaviourAnomalyDetector detector = new BehaviourAnomalyDetector(config.behaviour());
        var models = new BehaviourTrainer(config.behaviour()).train(history, T0);
        assertEquals(1, models.personCount(), "only the nurse has enough history for a model");
        detector.install(models);
        return detector;
    }

    @Test
    void outsiderUsingTheIdentityAtNightInAnotherWardAlerts() {
        BehaviourAnomalyDetector detector = trained();
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            alerts.addAll(detector.onEvent(event(T0.plus(Duration.ofHours(18)).plusSeconds(i * 900L), "maternity",
                    "workstation", "face+fingerprint", Set.of("records.export"))));
        }
        assertEquals(1, alerts.size());
        assertEquals(nurse.toString(), alerts.get(0).subjectId());
    }

    @Test
    void anOrdinaryDayDoesNotAlert() {
        BehaviourAnomalyDetector detector = trained();
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            alerts.addAll(detector.onEvent(event(T0.plusSeconds(1800L * i), i % 5 == 0 ? "surgery" : "icu", "bedside",
                    "face", Set.of("patient/*.read", "vitals.write"))));
        }
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    /** In ward, at her usual hours and device type, with her scopes, but at a workstation: one attribute off. */
    private AuthEventRecord atAWorkstation(Instant t) {
        return event(t, "icu", "workstation", "face", Set.of("patient/*.read", "vitals.write"));
    }

    @Test
    void oneAttributeOffIsOutsideTheBoundaryButNotAnomalousAlone() {
        double score = trained().current().score(atAWorkstation(T0.plus(Duration.ofHours(2)))).orElseThrow();
        assertTrue(score < 0 && score >= -config.behaviour().anomalyMargin(), "score " + score);
        assertTrue(-2 * score < config.behaviour().sessionEvidence(), "two of them are not yet a session: " + score);
    }

    @Test
    void aSessionOfSeveralOneAttributeOffEventsAlerts() {
        BehaviourAnomalyDetector detector = trained();
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            alerts.addAll(detector.onEvent(atAWorkstation(T0.plus(Duration.ofHours(2)).plusSeconds(i * 1200L))));
        }
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(nurse.toString(), alerts.get(0).subjectId());
        assertTrue(alerts.get(0).evidence().startsWith("authentications within 4 h one after another outside"),
                alerts.get(0).evidence());
    }

    @Test
    void oneOneAttributeOffEventInAnOrdinaryDayDoesNotAlert() {
        BehaviourAnomalyDetector detector = trained();
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant t = T0.plusSeconds(1800L * i);
            alerts.addAll(detector.onEvent(i == 5 ? atAWorkstation(t)
                    : event(t, "icu", "bedside", "face", Set.of("patient/*.read", "vitals.write"))));
        }
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    @Test
    void tooLittleHistoryAndNoPeerGroupMeansNotJudged() {
        ThreatConfig strict = ThreatConfigLoader.load(Map.of("careid.threat.behaviour.min-events", "301"));
        List<AuthEventRecord> history = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            history.add(event(T0.minus(Duration.ofHours(1 + i)), "icu", "bedside", "face", Set.of("patient/*.read")));
        }
        BehaviourModels models = new BehaviourTrainer(strict.behaviour()).train(history, T0);
        assertEquals(0, models.personCount(), "300 events are fewer than min-events 301");
        BehaviourAnomalyDetector detector = new BehaviourAnomalyDetector(strict.behaviour());
        detector.install(models);
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            alerts.addAll(detector.onEvent(event(T0.plusSeconds(i * 1200L), "maternity", "workstation",
                    "face+fingerprint", Set.of("records.export"))));
        }
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    /** One successful authentication of a nurse on the ICU (day or night), with a nurse's scopes. */
    private AuthEventRecord icuNurse(UUID who, Instant day) {
        Instant t = day.plusSeconds((rnd.nextBoolean() ? 7 : 19) * 3600L + rnd.nextInt(12 * 3600));
        Set<String> scopes = new java.util.TreeSet<>(Set.of("patient/*.read"));
        if (rnd.nextBoolean()) {
            scopes.add("vitals.write");
        }
        if (rnd.nextBoolean()) {
            scopes.add("medication.administer");
        }
        double r = rnd.nextDouble();
        return AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, t).staff(who)
                .device(UUID.randomUUID(), rnd.nextDouble() < 0.92 ? "icu" : "surgery",
                        rnd.nextDouble() < 0.7 ? "bedside" : "medication-cart")
                .modality(r < 0.6 ? "face" : r < 0.9 ? "fingerprint" : "face+fingerprint").scopes(scopes).build();
    }

    /** Four ICU nurses with 20 days of history, a newcomer with 12 events, and a maternity physician. */
    private BehaviourAnomalyDetector trainedWithPeers(UUID newcomer) {
        List<AuthEventRecord> history = new ArrayList<>();
        Map<UUID, String> groups = new java.util.HashMap<>();
        for (int p = 0; p < 4; p++) {
            UUID peer = UUID.randomUUID();
            groups.put(peer, "icu/nurse");
            for (int i = 0; i < 200; i++) {
                history.add(icuNurse(peer, T0.minus(Duration.ofDays(1 + rnd.nextInt(20)))));
            }
        }
        groups.put(newcomer, "icu/nurse");
        for (int i = 0; i < 12; i++) {
            history.add(icuNurse(newcomer, T0.minus(Duration.ofDays(1 + rnd.nextInt(2)))));
        }
        UUID physician = UUID.randomUUID();
        groups.put(physician, "maternity/physician");
        for (int i = 0; i < 200; i++) {
            history.add(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS,
                            T0.minus(Duration.ofDays(1 + rnd.nextInt(20))).plusSeconds(8 * 3600L + rnd.nextInt(10 * 3600)))
                    .staff(physician).device(UUID.randomUUID(), "maternity", "workstation").modality("face")
                    .scopes(Set.of("patient/*.read", "patient/*.write", "orders.write")).build());
        }
        BehaviourModels models = new BehaviourTrainer(config.behaviour()).train(history, groups, T0);
        assertEquals(java.util.Optional.of("icu/nurse"), models.peerGroup(newcomer));
        assertTrue(models.trainingEvents(newcomer) >= config.behaviour().minEvents(), "the peers' events");
        BehaviourAnomalyDetector detector = new BehaviourAnomalyDetector(config.behaviour());
        detector.install(models);
        return detector;
    }

    @Test
    void aNewcomerActingLikeTheirPeersDoesNotAlert() {
        UUID newcomer = UUID.randomUUID();
        BehaviourAnomalyDetector detector = trainedWithPeers(newcomer);
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 20; i++) {
                alerts.addAll(detector.onEvent(icuNurse(newcomer, T0.plus(Duration.ofDays(day)))));
            }
        }
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    @Test
    void aNewcomersIdentityUsedAtAnotherWardWithAnotherRolesScopesAlerts() {
        UUID newcomer = UUID.randomUUID();
        BehaviourAnomalyDetector detector = trainedWithPeers(newcomer);
        List<ThreatAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alerts.addAll(detector.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS,
                            T0.plus(Duration.ofHours(10)).plusSeconds(i * 900L)).staff(newcomer)
                    .device(UUID.randomUUID(), "maternity", "workstation").modality("face")
                    .scopes(Set.of("patient/*.read", "patient/*.write", "orders.write")).build()));
        }
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(newcomer.toString(), alerts.get(0).subjectId());
        assertTrue(alerts.get(0).evidence().contains("peer group icu/nurse"), alerts.get(0).evidence());
    }

    /** Someone in the staff directory who has not authenticated yet is judged by their peers from the first login. */
    @Test
    void aNewcomerWithNoHistoryYetIsJudgedByTheirPeerGroup() {
        List<AuthEventRecord> history = new ArrayList<>();
        Map<UUID, String> groups = new java.util.HashMap<>();
        for (int p = 0; p < 2; p++) {
            UUID peer = UUID.randomUUID();
            groups.put(peer, "icu/nurse");
            for (int i = 0; i < 200; i++) {
                history.add(icuNurse(peer, T0.minus(Duration.ofDays(1 + rnd.nextInt(20)))));
            }
        }
        UUID unseen = UUID.randomUUID();
        groups.put(unseen, "icu/nurse");
        groups.put(UUID.randomUUID(), "pharmacy/pharmacist"); // a group nobody in it has used yet
        BehaviourModels models = new BehaviourTrainer(config.behaviour()).train(history, groups, T0);
        assertEquals(java.util.Optional.of("icu/nurse"), models.peerGroup(unseen));
        assertTrue(models.score(icuNurse(unseen, T0)).isPresent());
    }

    @Test
    void oneAttributeOffEventsTwoInASessionOrSpreadOverTheDayDoNotAlert() {
        BehaviourAnomalyDetector detector = trained();
        List<ThreatAlert> alerts = new ArrayList<>();
        alerts.addAll(detector.onEvent(atAWorkstation(T0)));
        alerts.addAll(detector.onEvent(atAWorkstation(T0.plus(Duration.ofMinutes(20)))));
        // a third one, but after the first two left the session window
        alerts.addAll(detector.onEvent(atAWorkstation(T0.plus(Duration.ofHours(5)))));
        alerts.addAll(detector.onEvent(atAWorkstation(T0.plus(Duration.ofHours(10)))));
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    /** A detector whose score tail is learned quickly (400 events) from a day-shift routine. */
    private BehaviourAnomalyDetector trainedWithKnownTail(int ordinaryEvents) {
        ThreatConfig small = ThreatConfigLoader.load(Map.of("careid.threat.behaviour.tail-memory", "2000"));
        BehaviourAnomalyDetector detector = new BehaviourAnomalyDetector(small.behaviour());
        detector.install(trained().current());
        for (int i = 0; i < ordinaryEvents; i++) {
            // her day shift: twenty authentications between 08:00 and 18:00
            Instant t = T0.minus(Duration.ofDays(200)).plus(Duration.ofDays(i / 20)).plusSeconds(1800L * (i % 20));
            assertTrue(detector.onEvent(event(t, "icu", "bedside", "face", Set.of("patient/*.read"))).isEmpty());
        }
        return detector;
    }

    @Test
    void twoEventsRarerThanAlmostEverybodysWithinASessionAlert() {
        BehaviourAnomalyDetector detector = trainedWithKnownTail(2000);
        List<ThreatAlert> alerts = new ArrayList<>();
        alerts.addAll(detector.onEvent(atAWorkstation(T0)));
        assertTrue(alerts.isEmpty(), "one rare event is what anybody does now and then: " + alerts);
        alerts.addAll(detector.onEvent(atAWorkstation(T0.plus(Duration.ofMinutes(40)))));
        assertEquals(1, alerts.size(), alerts.toString());
        assertTrue(alerts.get(0).evidence().startsWith("2 authentications within 4 h outside this person's learned "
                + "pattern, each as far outside as at most 0.1 % of everybody's recent authentications"),
                alerts.get(0).evidence());
    }

    @Test
    void rareEventsInDifferentSessionsDoNotAlert() {
        BehaviourAnomalyDetector detector = trainedWithKnownTail(2000);
        List<ThreatAlert> alerts = new ArrayList<>();
        alerts.addAll(detector.onEvent(atAWorkstation(T0)));
        alerts.addAll(detector.onEvent(atAWorkstation(T0.plus(Duration.ofHours(5)))));
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    @Test
    void whatPeopleOftenDoIsNotRare() {
        BehaviourAnomalyDetector detector = trainedWithKnownTail(400);
        // one in fifty of everybody's recent events was as far outside: common, not rare
        for (int i = 0; i < 20; i++) {
            detector.onEvent(atAWorkstation(T0.minus(Duration.ofDays(5)).plus(Duration.ofHours(6L * i))));
        }
        List<ThreatAlert> alerts = new ArrayList<>();
        alerts.addAll(detector.onEvent(atAWorkstation(T0)));
        alerts.addAll(detector.onEvent(atAWorkstation(T0.plus(Duration.ofMinutes(40)))));
        assertTrue(alerts.isEmpty(), alerts.toString());
    }
}

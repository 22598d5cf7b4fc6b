package org.careid.threat;

import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.careid.identity.StaffMember;
import org.careid.threat.alert.AlertService;
import org.junit.jupiter.api.Test;

/** Recorded successes become training history; retraining builds a Tribuo model that then alerts. */
@QuarkusTest
@TestProfile(ThreatTestProfile.class)
class ThreatMonitorTest {
    @Inject
    ThreatMonitor monitor;
    @Inject
    AlertService alerts;

    @Test
    void retrainsFromRecordedHistoryAndFlagsAnOutsider() throws Exception {
        UUID nurse = UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofDays(10));
        for (int i = 0; i < 160; i++) {
            monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, start.plus(Duration.ofMinutes(90L * i)))
                    .staff(nurse).device(UUID.randomUUID(), "icu", "bedside").modality("face")
                    .scopes(Set.of("patient/*.read")).outcome("ok").build());
        }
        // another person's history brings other wards, types and scopes into the vocabulary
        monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, start).staff(UUID.randomUUID())
                .device(UUID.randomUUID(), "maternity", "workstation").modality("fingerprint")
                .scopes(Set.of("records.export")).outcome("ok").build());
        assertTrue(monitor.awaitIdle(20_000));
        assertTrue(monitor.retrainNow() >= 1, "the nurse has enough history (min-events) for a model");

        monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, Instant.now()).staff(nurse)
                .device(UUID.randomUUID(), "maternity", "workstation").modality("fingerprint")
                .scopes(Set.of("records.export")).outcome("ok").build());
        assertTrue(monitor.awaitIdle(20_000));
        var page = alerts.list(new AlertService.Filter(null, "unusual-behaviour", null, null, nurse.toString(), null), 0, 5);
        assertEquals(1, page.total());
    }

    private static UUID staffMember(String ward, String role) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            StaffMember s = new StaffMember();
            s.id = id;
            s.employeeId = "threat-" + id;
            s.displayName = "Peer " + id;
            s.clinicalRole = role;
            s.ward = ward;
            s.active = true;
            s.scopes = "patient/*.read";
            s.createdAt = Instant.now();
            s.updatedAt = s.createdAt;
            s.persist();
        });
        return id;
    }

    @Test
    void aNewcomerIsJudgedByThePeerGroupFromTheStaffDirectory() throws Exception {
        UUID veteran = staffMember("cardiology", "nurse");
        UUID newcomer = staffMember("cardiology", "nurse");
        Instant start = Instant.now().minus(Duration.ofDays(10));
        for (int i = 0; i < 160; i++) {
            monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, start.plus(Duration.ofMinutes(90L * i)))
                    .staff(i % 20 == 0 ? newcomer : veteran).device(UUID.randomUUID(), "cardiology", "bedside")
                    .modality("face").scopes(Set.of("patient/*.read")).outcome("ok").build());
        }
        monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, start).staff(UUID.randomUUID())
                .device(UUID.randomUUID(), "maternity", "workstation").modality("fingerprint")
                .scopes(Set.of("records.export")).outcome("ok").build());
        assertTrue(monitor.awaitIdle(20_000));
        monitor.retrainNow();

        monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, Instant.now()).staff(newcomer)
                .device(UUID.randomUUID(), "maternity", "workstation").modality("fingerprint")
                .scopes(Set.of("records.export")).outcome("ok").build());
        assertTrue(monitor.awaitIdle(20_000));
        var page = alerts.list(new AlertService.Filter(null, "unusual-behaviour", null, null, newcomer.toString(), null), 0, 5);
        assertEquals(1, page.total(), "8 events of their own, judged by the cardiology nurses' model");
    }
}

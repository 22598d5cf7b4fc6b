package org.careid.threat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
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
        for (int i = 0; i < 60; i++) {
            monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, start.plus(Duration.ofHours(4L * i)))
                    .staff(nurse).device(UUID.randomUUID(), "icu", "bedside").modality("face")
                    .scopes(Set.of("patient/*.read")).outcome("ok").build());
        }
        // another person's history brings other wards, types and scopes into the vocabulary
        monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, start).staff(UUID.randomUUID())
                .device(UUID.randomUUID(), "maternity", "workstation").modality("fingerprint")
                .scopes(Set.of("records.export")).outcome("ok").build());
        assertTrue(monitor.awaitIdle(20_000));
        assertTrue(monitor.retrainNow() >= 1, "the nurse has enough history for a model");

        monitor.onEvent(AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, Instant.now()).staff(nurse)
                .device(UUID.randomUUID(), "maternity", "workstation").modality("fingerprint")
                .scopes(Set.of("records.export")).outcome("ok").build());
        assertTrue(monitor.awaitIdle(20_000));
        var page = alerts.list(new AlertService.Filter(null, "unusual-behaviour", null, null, nurse.toString(), null), 0, 5);
        assertEquals(1, page.total());
    }
}

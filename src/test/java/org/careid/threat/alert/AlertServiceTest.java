package org.careid.threat.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatTestProfile;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ThreatTestProfile.class)
class AlertServiceTest {
    @Inject
    AlertService alerts;

    private static ThreatAlert burst(UUID device, Instant t, Severity severity) {
        return ThreatAlert.aboutDevice(t, "failure-burst", severity, device, null, "burst at " + t);
    }

    @Test
    void repeatedDetectionsOnOneSubjectBecomeOneAlert() {
        UUID device = UUID.randomUUID();
        Instant t = Instant.parse("2026-03-02T08:00:00Z");
        var first = alerts.raise(burst(device, t, Severity.MEDIUM));
        var second = alerts.raise(burst(device, t.plusSeconds(60), Severity.HIGH));
        assertTrue(first.newlyOpened());
        assertFalse(second.newlyOpened());
        AlertView stored = alerts.get(first.alert().id);
        assertEquals(2, stored.occurrences());
        assertEquals(t, stored.firstSeen());
        assertEquals(t.plusSeconds(60), stored.lastSeen());
        assertEquals(Severity.HIGH, stored.severity(), "keeps the highest severity");
        assertEquals("burst at " + t.plusSeconds(60), stored.evidence());

        var otherDetector = alerts.raise(ThreatAlert.aboutDevice(t, "token-misuse", Severity.HIGH, device, null, "x"));
        assertTrue(otherDetector.newlyOpened(), "another detector on the same subject is another alert");
    }

    @Test
    void statusMovesOpenAcknowledgedResolvedAndANewDetectionThenOpensANewAlert() {
        UUID device = UUID.randomUUID();
        Instant t = Instant.parse("2026-03-02T09:00:00Z");
        UUID id = alerts.raise(burst(device, t, Severity.HIGH)).alert().id;
        AlertView ack = alerts.acknowledge(id, "auditor1");
        assertEquals(AlertStatus.ACKNOWLEDGED, ack.status());
        assertEquals("auditor1", ack.acknowledgedBy());
        assertEquals(ProblemType.CONFLICT.uri(),
                assertThrows(ApiException.class, () -> alerts.acknowledge(id, "auditor2")).problem().type());
        assertFalse(alerts.raise(burst(device, t.plusSeconds(30), Severity.HIGH)).newlyOpened(),
                "an acknowledged alert still collects repeats");
        AlertView resolved = alerts.resolve(id, "admin1", "device cleaned and re-provisioned");
        assertEquals(AlertStatus.RESOLVED, resolved.status());
        assertEquals("admin1", resolved.resolvedBy());
        assertEquals(ProblemType.CONFLICT.uri(),
                assertThrows(ApiException.class, () -> alerts.resolve(id, "admin1", null)).problem().type());
        var again = alerts.raise(burst(device, t.plusSeconds(3600), Severity.HIGH));
        assertTrue(again.newlyOpened());
        assertEquals(AlertStatus.OPEN, again.alert().status);
    }

    @Test
    void listsWithFiltersAndPages() {
        UUID device = UUID.randomUUID();
        Instant t = Instant.parse("2026-03-03T09:00:00Z");
        alerts.raise(burst(device, t, Severity.LOW));
        var page = alerts.list(new AlertService.Filter(AlertStatus.OPEN, "failure-burst", null,
                org.careid.threat.SubjectType.DEVICE, device.toString(), null), 0, 10);
        assertEquals(1, page.total());
        assertEquals(device.toString(), page.items().get(0).subjectId());
        var highOnly = alerts.list(new AlertService.Filter(null, null, Severity.HIGH, null, device.toString(), null), 0, 10);
        assertEquals(0, highOnly.total());
        assertTrue(alerts.statistics().stream().anyMatch(s -> s.detector().equals("failure-burst") && s.total() >= 1));
    }
}

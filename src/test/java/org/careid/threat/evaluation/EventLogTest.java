package org.careid.threat.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threat event logs (JSON Lines): written, read back, and replayed through the real detectors. */
class EventLogTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void aSimulatedHospitalWrittenAsALogReplaysToTheSameReport() throws IOException {
        LabelledStream simulated = ThreatEvaluation.simulate(21, 60, 12, 8);
        Path log = dir.resolve("events.jsonl");
        EventLog.write(simulated, log);
        LabelledStream read = EventLog.read(log);

        assertEquals(simulated.events().size(), read.events().size());
        assertEquals(simulated.attacks().size(), read.attacks().size());
        assertEquals(simulated.peerGroups(), read.peerGroups());
        assertEquals(simulated.staffShifts(), read.staffShifts());
        for (int i = 0; i < simulated.events().size(); i++) {
            assertEquals(simulated.events().get(i).record(), read.events().get(i).record(), "event " + i);
        }

        Map<String, Object> direct = ThreatEvaluation.replay(simulated, 1);
        Map<String, Object> replayed = ThreatEvaluation.replay(read, 1);
        assertEquals(direct.get("detectors"), replayed.get("detectors"));
        assertEquals(direct.get("missedAttacks"), replayed.get("missedAttacks"));
        int injected = ((Map<String, Map<String, Object>>) replayed.get("detectors")).values().stream()
                .mapToInt(row -> (Integer) row.get("injected")).sum();
        assertEquals(simulated.attacks().size(), injected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHandWrittenLogOfOneDeviceBurstIsScoredAgainstItsLabel() throws IOException {
        UUID device = UUID.randomUUID();
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"attack\",\"id\":\"burst-1\",\"kind\":\"device-burst\",\"detector\":\"failure-burst\","
                + "\"subjects\":[\"DEVICE:" + device + "\"]}");
        Instant t = Instant.parse("2026-03-02T03:00:00Z");
        // a quiet week of ordinary successes first, so the detector knows the ward's usual failure rate
        for (int day = 0; day < 7; day++) {
            for (int i = 0; i < 40; i++) {
                lines.add(event(t.minusSeconds(86_400L * (7 - day) + 600L * i), "AUTH_SUCCESS", UUID.randomUUID(), device, null));
            }
        }
        for (int i = 0; i < 25; i++) {
            lines.add(event(t.plusSeconds(4L * i), "AUTH_FAILURE", null, device, "burst-1"));
        }
        Path log = dir.resolve("burst.jsonl");
        Files.write(log, lines);

        LabelledStream stream = EventLog.read(log);
        assertEquals(t, stream.attacks().get(0).start, "an attack without times spans its events");
        assertEquals(t.plusSeconds(96), stream.attacks().get(0).end);
        assertEquals(7 * 40, stream.staffShifts(), "without a meta line: person-days with a success");
        Map<String, Object> report = ThreatEvaluation.replay(stream, 1);
        Map<String, Object> burst = ((Map<String, Map<String, Object>>) report.get("detectors")).get("failure-burst");
        assertEquals(1, burst.get("injected"));
        assertEquals(1, burst.get("detected"), () -> "report: " + report);
    }

    @Test
    void aBadLineIsRefusedWithItsLineNumber() throws IOException {
        Path log = dir.resolve("bad.jsonl");
        Files.write(log, List.of(event(Instant.parse("2026-03-02T03:00:00Z"), "AUTH_SUCCESS", UUID.randomUUID(),
                UUID.randomUUID(), null), "{\"type\":\"event\",\"kind\":\"AUTH_SUCCESS\"}"));
        IOException e = assertThrows(IOException.class, () -> EventLog.read(log));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());

        Files.write(log, List.of("{\"type\":\"event\",\"time\":\"2026-03-02T03:00:00Z\",\"kind\":\"AUTH_FAILURE\",\"attack\":\"nope\"}"));
        e = assertThrows(IOException.class, () -> EventLog.read(log));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("unknown attack"), e.getMessage());

        Files.write(log, List.of("{\"type\":\"nonsense\"}"));
        e = assertThrows(IOException.class, () -> EventLog.read(log));
        assertTrue(e.getMessage().contains("unknown line type"), e.getMessage());
    }

    private static String event(Instant time, String kind, UUID staff, UUID device, String attack) {
        return "{\"type\":\"event\",\"time\":\"" + time + "\",\"kind\":\"" + kind + "\""
                + (staff == null ? "" : ",\"staffId\":\"" + staff + "\"")
                + ",\"deviceId\":\"" + device + "\",\"deviceWard\":\"icu\",\"deviceType\":\"bedside\",\"modality\":\"face\""
                + ",\"outcome\":\"" + (kind.equals("AUTH_SUCCESS") ? "ok" : "no-match") + "\""
                + (attack == null ? "" : ",\"attack\":\"" + attack + "\"") + "}";
    }
}

package org.careid.threat.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;

/**
 * Threat event logs: JSON Lines, one object per line, so that a hospital can replay its own
 * authentication, token and device events through the detectors. Four line types (field {@code type}):
 * <ul>
 *   <li>{@code event}: the fields of {@link AuthEventRecord} ({@code time}, {@code kind} required), plus
 *       {@code attack}, the id of the attack it belongs to (absent for ordinary traffic);</li>
 *   <li>{@code attack}: {@code id}, {@code kind}, {@code detector} (the one expected to catch it),
 *       {@code subjects} ("STAFF:uuid", "DEVICE:uuid", "WARD:name": an alert naming one of them counts),
 *       optional {@code start} and {@code end} (both, or neither: then the times of its first and last event);</li>
 *   <li>{@code staff}: {@code staffId} and {@code peerGroup} (ward and clinical role, e.g. "icu/nurse"),
 *       which the behaviour model uses for people with little history;</li>
 *   <li>{@code meta}: optional {@code staffShifts} (default: distinct person-days with a successful
 *       authentication) and {@code start} (default: the first event's time).</li>
 * </ul>
 * docs/THREATS.md shows an example. Lines may come in any order; a bad line stops the read with its
 * line number.
 */
final class EventLog {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventLog() {
    }

    /** Writes a stream as an event log that {@link #read} gives back unchanged. */
    static void write(LabelledStream stream, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ObjectNode meta = JSON.createObjectNode().put("type", "meta").put("staffShifts", stream.staffShifts())
                    .put("start", stream.start().toString());
            line(out, meta);
            for (Map.Entry<UUID, String> person : stream.peerGroups().entrySet()) {
                line(out, JSON.createObjectNode().put("type", "staff").put("staffId", person.getKey().toString())
                        .put("peerGroup", person.getValue()));
            }
            for (InjectedAttack a : stream.attacks()) {
                ObjectNode attack = JSON.createObjectNode().put("type", "attack").put("id", a.id).put("kind", a.kind)
                        .put("detector", a.detector).put("start", a.start.toString()).put("end", a.end.toString());
                a.subjects.stream().sorted().forEach(attack.putArray("subjects")::add);
                line(out, attack);
            }
            for (SimEvent e : stream.events()) {
                ObjectNode event = JSON.createObjectNode().put("type", "event");
                event.setAll((ObjectNode) JSON.valueToTree(e.record()));
                if (e.attack() != null) {
                    event.put("attack", e.attack().id);
                }
                line(out, event);
            }
        }
    }

    private static void line(BufferedWriter out, JsonNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.newLine();
    }

    /** Reads an event log; events come back in time order (the order of equal times kept). */
    static LabelledStream read(Path file) throws IOException {
        Map<String, InjectedAttack> attacks = new LinkedHashMap<>();
        Set<String> attacksWithTimes = new HashSet<>();
        Map<UUID, String> peerGroups = new HashMap<>();
        List<ObjectNode> eventLines = new ArrayList<>();
        List<Integer> eventLineNumbers = new ArrayList<>();
        Integer staffShifts = null;
        Instant start = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = in.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    ObjectNode line = (ObjectNode) JSON.readTree(text);
                    String type = line.path("type").asText("event");
                    line.remove("type");
                    switch (type) {
                        case "event" -> {
                            eventLines.add(line);
                            eventLineNumbers.add(number);
                        }
                        case "attack" -> {
                            boolean timed = line.has("start") && line.has("end");
                            InjectedAttack a = new InjectedAttack(required(line, "id"), required(line, "kind"),
                                    required(line, "detector"), timed ? Instant.parse(line.get("start").asText()) : Instant.MAX);
                            a.end = timed ? Instant.parse(line.get("end").asText()) : Instant.MIN;
                            if (timed) {
                                attacksWithTimes.add(a.id);
                            }
                            line.path("subjects").forEach(s -> a.subjects.add(s.asText()));
                            if (a.subjects.isEmpty()) {
                                throw new IllegalArgumentException("attack " + a.id + " names no subject");
                            }
                            if (attacks.put(a.id, a) != null) {
                                throw new IllegalArgumentException("attack " + a.id + " appears twice");
                            }
                        }
                        case "staff" -> peerGroups.put(UUID.fromString(required(line, "staffId")), required(line, "peerGroup"));
                        case "meta" -> {
                            if (line.has("staffShifts")) {
                                staffShifts = line.get("staffShifts").asInt();
                            }
                            if (line.has("start")) {
                                start = Instant.parse(line.get("start").asText());
                            }
                        }
                        default -> throw new IllegalArgumentException("unknown line type '" + type + "'");
                    }
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        List<SimEvent> events = new ArrayList<>(eventLines.size());
        for (int i = 0; i < eventLines.size(); i++) {
            ObjectNode line = eventLines.get(i);
            try {
                JsonNode attackId = line.remove("attack");
                InjectedAttack attack = null;
                if (attackId != null) {
                    attack = attacks.get(attackId.asText());
                    if (attack == null) {
                        throw new IllegalArgumentException("event of unknown attack '" + attackId.asText() + "'");
                    }
                }
                AuthEventRecord record = JSON.treeToValue(line, AuthEventRecord.class);
                if (attack != null && !attacksWithTimes.contains(attack.id)) {
                    attack.cover(record.time());
                }
                events.add(new SimEvent(record, attack));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + " line " + eventLineNumbers.get(i) + ": " + e.getMessage(), e);
            }
        }
        events.sort(Comparator.comparing(e -> e.record().time()));
        for (InjectedAttack a : attacks.values()) {
            if (a.start.equals(Instant.MAX)) {
                throw new IOException(file + ": attack " + a.id + " has neither start and end nor events");
            }
        }
        if (events.isEmpty()) {
            throw new IOException(file + ": no events");
        }
        return new LabelledStream(events, new ArrayList<>(attacks.values()), peerGroups,
                staffShifts != null ? staffShifts : activePersonDays(events),
                start != null ? start : events.get(0).record().time());
    }

    /** Staff-shifts when the log does not say: distinct (person, UTC day) pairs with a successful authentication. */
    static int activePersonDays(List<SimEvent> events) {
        Set<String> personDays = new HashSet<>();
        for (SimEvent e : events) {
            AuthEventRecord r = e.record();
            if (r.kind() == AuthEventKind.AUTH_SUCCESS && r.staffId() != null) {
                personDays.add(r.staffId() + "@" + LocalDate.ofInstant(r.time(), ZoneOffset.UTC));
            }
        }
        return personDays.size();
    }

    private static String required(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return value.asText();
    }
}

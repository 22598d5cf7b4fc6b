package org.careid.face.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** models/manifest.json: expected relative path, sha256 and size per model id. */
public final class ModelManifest {

    /** One manifest entry. */
    public record Entry(String id, String path, String sha256, long size) {
    }

    private final Map<String, Entry> entries;

    private ModelManifest(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static ModelManifest read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
        Map<String, Entry> map = new HashMap<>();
        for (JsonNode m : root.path("models")) {
            Entry e = new Entry(m.path("id").asText(), m.path("path").asText(), m.path("sha256").asText(), m.path("size").asLong());
            map.put(e.id(), e);
        }
        return new ModelManifest(map);
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }
}

package org.careid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The problem types are a contract: unique URIs under one base, each documented in
 * docs/PROBLEM-TYPES.md and known to the device client (which turns them into exit codes).
 */
class ProblemTypeCatalogueTest {
    @Test
    void urisAreUniqueAndUnderTheCareIdBase() {
        Set<String> uris = new HashSet<>();
        for (ProblemType t : ProblemType.values()) {
            assertEquals(ProblemType.BASE + t.slug(), t.uri());
            assertTrue(t.slug().matches("[a-z]+(-[a-z]+)*"), t.slug());
            assertTrue(uris.add(t.uri()), "duplicate " + t.uri());
            assertTrue(t.status() >= 400 && t.status() < 600, t.name());
        }
        assertEquals("https://careid.org/problems/token-expired", ProblemType.TOKEN_EXPIRED.uri());
    }

    @Test
    void everyTypeIsDocumentedAndKnownToTheDeviceClient() throws IOException {
        String doc = Files.readString(Path.of("docs", "PROBLEM-TYPES.md"));
        String client = Files.readString(Path.of("device-client", "src", "main", "java", "org", "careid", "device",
                "ProblemTypes.java"));
        for (ProblemType t : ProblemType.values()) {
            assertTrue(doc.contains("| `" + t.slug() + "` |"), t.slug() + " missing from docs/PROBLEM-TYPES.md");
            assertTrue(client.contains("\"" + t.slug() + "\""), t.slug() + " unknown to the device client");
        }
    }
}

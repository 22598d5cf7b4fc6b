package org.careid.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What the load driver attempted and what the server acknowledged, one tab-separated line per
 * event, appended and flushed at once, across every run and restart of one crash test:
 * <ul>
 * <li>{@code ENROLL_A staff photos} / {@code ENROLL_K staff samples accepted}: an enrollment sent / answered 200;</li>
 * <li>{@code ERASE_A staff} / {@code ERASE_K staff}: an erasure sent / answered 204;</li>
 * <li>{@code SYNC staff samples}: the samples the server reported when a run started (after a restart);</li>
 * <li>{@code TOKEN_K jti device token}: a token delivered to a device;</li>
 * <li>{@code REVOKE_A jti} / {@code REVOKE_K jti}: a revocation sent / answered 200.</li>
 * </ul>
 */
final class Journal {
    private final Path file;

    Journal(Path file) {
        this.file = file;
    }

    synchronized void write(String... fields) {
        try {
            Files.writeString(file, String.join("\t", fields) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("journal not writable: " + file, e);
        }
    }

    List<String[]> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t", -1)).toList();
    }
}

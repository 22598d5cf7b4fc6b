package org.careid.support;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real photos and fingerprints from ../shared/datasets (careid.datasets.dir); tests skip without them. */
public final class Datasets {
    private Datasets() {}

    public static Path root() {
        return Path.of(System.getProperty("careid.datasets.dir", "../shared/datasets"));
    }

    /** The file's bytes, or the test is skipped with a clear message. */
    public static byte[] bytes(String relative) {
        Path p = root().resolve(relative);
        Prerequisites.require(Files.isRegularFile(p), "dataset file " + p + " absent (set careid.datasets.dir)");
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.careid.fingerprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.careid.support.Prerequisites;

/** Real fingerprint data from the directory in system property careid.datasets.dir; tests skip without it. */
public final class TestData {
    private TestData() {
    }

    public static Path datasets(String sub) {
        String dir = System.getProperty("careid.datasets.dir", "../shared/datasets");
        Path path = Path.of(dir, sub);
        Prerequisites.require(Files.isDirectory(path), "no " + path + " (set careid.datasets.dir to the shared datasets)");
        return path;
    }

    /** Impression k (1-8) of an FVC finger folder such as fvc2002_db1_b_101. */
    public static byte[] fvc(String finger, int impression) {
        Path folder = datasets("fingerprints").resolve(finger);
        String number = finger.substring(finger.lastIndexOf('_') + 1);
        Path file = folder.resolve(number + "_" + impression + ".tif");
        Prerequisites.require(Files.exists(file), "no " + file);
        return read(file);
    }

    public static int fvcDpi(String finger) {
        try {
            return Integer.parseInt(Files.readString(datasets("fingerprints").resolve(finger).resolve("dpi.txt")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.careid.device.cli;

import org.careid.device.CareIdException;
import org.careid.device.Failure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an image file the CLI sends, with the size limit and messages every command shares. */
final class Images {
    /** Well above any camera still or 500 dpi scan; the server enforces its own limits too. */
    static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;

    private Images() {
    }

    static byte[] read(Path file) {
        try {
            long size = Files.size(file);
            if (size == 0 || size > MAX_IMAGE_BYTES) {
                throw new CareIdException(Failure.BAD_INPUT, "Image " + file + " is empty or larger than 20 MB");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CareIdException(Failure.BAD_INPUT, "No such image: " + file, e);
        } catch (IOException e) {
            throw new CareIdException(Failure.BAD_INPUT, "Cannot read image " + file + ": " + e.getMessage(), e);
        }
    }
}

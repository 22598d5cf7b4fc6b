package org.careid.device.cli;

import org.careid.device.CareIdException;
import org.careid.device.Failure;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the PIN without echo from the terminal, or as one line from standard input when there is
 * no terminal (a device's own UI piping it in). Never from an argument: those show in process lists.
 */
final class PinReader {
    private static final int MAX_LENGTH = 64;

    private PinReader() {
    }

    static char[] read(InputStream stdin) {
        Console console = System.console();
        if (console != null && stdin == System.in) {
            char[] pin = console.readPassword("PIN: ");
            if (pin == null) {
                throw new CareIdException(Failure.BAD_INPUT, "No PIN entered");
            }
            return pin;
        }
        return readLine(stdin);
    }

    private static char[] readLine(InputStream stdin) {
        char[] buffer = new char[MAX_LENGTH];
        int length = 0;
        try {
            // No buffering reader on purpose: it would copy the PIN into buffers we cannot wipe.
            Reader reader = new InputStreamReader(stdin, StandardCharsets.UTF_8);
            int c;
            while ((c = reader.read()) != -1 && c != '\n') {
                if (c == '\r') {
                    continue;
                }
                if (length == MAX_LENGTH) {
                    Arrays.fill(buffer, '\0');
                    throw new CareIdException(Failure.BAD_INPUT, "The PIN is longer than " + MAX_LENGTH + " characters");
                }
                buffer[length++] = (char) c;
            }
        } catch (IOException e) {
            throw new CareIdException(Failure.BAD_INPUT, "Cannot read the PIN from standard input", e);
        }
        if (length == 0) {
            throw new CareIdException(Failure.BAD_INPUT, "No PIN on standard input");
        }
        char[] pin = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        return pin;
    }
}

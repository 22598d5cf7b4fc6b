package org.careid.e2e;

/** What one run of the device CLI did: its exit code, its two output streams and how long it took. */
record CliResult(int exitCode, String stdout, String stderr, long millis) {
    /** For assertion messages: the CLI's own explanation, never a token (the CLI does not print one). */
    String describe() {
        return "exit " + exitCode + " after " + millis + " ms; stderr: " + stderr.strip() + "; stdout: " + stdout.strip();
    }
}

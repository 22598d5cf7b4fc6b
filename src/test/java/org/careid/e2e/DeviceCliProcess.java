package org.careid.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.careid.support.Prerequisites;

/**
 * The real device client, run as a device runs it: {@code java -jar careid-device-client.jar} in its
 * own process, with its own key store directory, talking HTTP to the test server.
 */
final class DeviceCliProcess {
    /** Built by the root build's maven-invoker-plugin before the tests run. */
    static final Path JAR = Path.of("device-client", "target", "careid-device-client.jar");
    private static final long TIMEOUT_SECONDS = 120;

    private final String server;
    private final Path keyStore;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();

    /** One device: its key store lives in {@code dir} (owner-only, as the CLI insists). */
    DeviceCliProcess(URL server, Path dir) {
        Prerequisites.require(Files.isRegularFile(JAR), "device client jar " + JAR.toAbsolutePath()
                + " absent (the root build's invoker makes it; not run with -Dinvoker.skip=true?); skipping");
        this.server = server.toString().replaceAll("/$", "");
        this.keyStore = dir.resolve("device-key.jwk");
    }

    /** One device whose key store is {@code keyStore} itself (a PKCS#12 file, or the state files of a PKCS#11 key). */
    DeviceCliProcess(URL server, Path dir, String keyStoreName) {
        Prerequisites.require(Files.isRegularFile(JAR), "device client jar " + JAR.toAbsolutePath()
                + " absent (the root build's invoker makes it; not run with -Dinvoker.skip=true?); skipping");
        this.server = server.toString().replaceAll("/$", "");
        this.keyStore = dir.resolve(keyStoreName);
    }

    /** Runs every later command with this environment variable as well (a key store password, SOFTHSM2_CONF). */
    DeviceCliProcess withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Path keyStore() {
        return keyStore;
    }

    /** The CLI's saved token file, next to the key store. */
    Path tokenFile() {
        return keyStore.resolveSibling(keyStore.getFileName() + ".token");
    }

    /** Runs {@code careid-device --server S --key-store K ARGS...} and waits for it. */
    CliResult run(String... args) {
        return runWithInput(null, args);
    }

    /** The same with {@code --server URL} of the caller's choice (an unreachable or plain-http one). */
    CliResult runAgainst(String otherServer, String... args) {
        return execute(otherServer, null, args);
    }

    /** The same, with {@code input} as standard input (a PIN, as a device's own UI pipes it in). */
    CliResult runWithInput(String input, String... args) {
        return execute(server, input, args);
    }

    private CliResult execute(String serverUrl, String input, String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", JAR.toAbsolutePath().toString(),
                "--server", serverUrl, "--key-store", keyStore.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("careid-cli", ".out");
            Path err = Files.createTempFile("careid-cli", ".err");
            Path in = input == null ? null : Files.createTempFile("careid-cli", ".in");
            try {
                if (in != null) {
                    Files.writeString(in, input, StandardCharsets.UTF_8);
                }
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(in == null ? devNull() : in.toFile()));
                // Only the options given here count, not whatever the machine running the tests exports.
                builder.environment().keySet().removeIf(name -> name.startsWith("CAREID_"));
                builder.environment().putAll(environment);
                long start = System.nanoTime();
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("device CLI did not finish within " + TIMEOUT_SECONDS + " s: " + args[0]);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                return new CliResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8), millis);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
                if (in != null) {
                    Files.deleteIfExists(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.io.File devNull() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package org.careid.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.careid.support.Api;
import org.careid.support.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * device-client/README.md as a device maker follows it: its {@code sh} command blocks, exactly as
 * written and in order, run by bash with the {@code careid-device} launcher of the distribution
 * archive on the PATH, against the real server. The test only supplies what the README says the
 * reader supplies: CAREID_SERVER, CAREID_KEY_STORE, ADMIN_TOKEN and a camera picture capture.jpg.
 */
@QuarkusTest
class DeviceReadmeEndToEndTest {
    static final Path README = Path.of("device-client", "README.md");
    static final Path DISTRIBUTION = Path.of("device-client", "target", "careid-device-client-dist.tar.gz");
    /** Enrolled once; no other test class enrolls this person. */
    private static final String CLINICIAN = "faces/lfw_George_W_Bush/George_W_Bush_";

    @TestHTTPResource("/")
    URL server;
    @TempDir
    Path work;

    /** The README's {@code ```sh} blocks, in order. */
    static List<String> shellBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("(?ms)^```sh\\n(.*?)^```").matcher(markdown);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    @Test
    void theReadmesCommandsWorkAsWritten() throws Exception {
        for (String tool : List.of("bash", "tar", "curl", "jq")) {
            Prerequisites.require(onPath(tool), tool + " not on the PATH; skipping");
        }
        Prerequisites.require(Files.isRegularFile(DISTRIBUTION), "device client distribution " + DISTRIBUTION.toAbsolutePath()
                + " absent (the root build's invoker makes it; not run with -Dinvoker.skip=true?); skipping");
        Fixtures.clinicianWithFace(CLINICIAN + "0001.jpg", CLINICIAN + "0002.jpg", CLINICIAN + "0003.jpg");

        List<String> blocks = shellBlocks(Files.readString(README, StandardCharsets.UTF_8));
        assertTrue(blocks.size() >= 2, "the README has its registration and device blocks as ```sh");
        Path install = Files.createDirectories(work.resolve("opt"));
        assertEquals(0, run(List.of("tar", "xzf", DISTRIBUTION.toAbsolutePath().toString(), "-C", install.toString()),
                install, Map.of()).exitCode());
        Path launcherDir = install.resolve("careid-device");
        assertTrue(Files.isExecutable(launcherDir.resolve("careid-device")), "the archive holds the careid-device launcher");
        assertTrue(Files.isRegularFile(launcherDir.resolve("careid-device-client.jar")), "next to the jar");

        Path deviceHome = Files.createDirectories(work.resolve("device"));
        Files.setPosixFilePermissions(deviceHome, PosixFilePermissions.fromString("rwx------"));
        Files.copy(Path.of(Fixtures.photo(CLINICIAN + "0005.jpg")), work.resolve("capture.jpg"));
        Path script = work.resolve("readme.sh");
        Files.writeString(script, String.join("\n", blocks), StandardCharsets.UTF_8);

        CliResult result = run(List.of("bash", "-e", "-u", "-o", "pipefail", script.toString()), work, Map.of(
                "PATH", launcherDir + ":" + System.getenv("PATH"),
                "CAREID_SERVER", server.toString().replaceAll("/$", ""),
                "CAREID_KEY_STORE", deviceHome.resolve("device-key.jwk").toString(),
                "ADMIN_TOKEN", Api.admin(),
                "JAVA_HOME", System.getProperty("java.home")));
        assertEquals(0, result.exitCode(), result::describe);
        assertThat(result.stdout(), containsString("Provisioned device"));
        assertThat(result.stdout(), containsString("Authenticated: Nurse"));
        assertThat(result.stdout(), containsString("pt-1001"));
        assertThat(result.stdout(), containsString("\"unlocked\""));
        assertThat(result.stdout(), containsString("Token revoked"));
        assertFalse(Files.exists(deviceHome.resolve("device-key.jwk.token")), "the README's session ends with revoke");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static CliResult run(List<String> command, Path dir, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile("readme", ".out");
        Path err = Files.createTempFile("readme", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().keySet().removeIf(name -> name.startsWith("CAREID_"));
            builder.environment().putAll(environment);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not finish within 5 minutes: " + command);
            }
            return new CliResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

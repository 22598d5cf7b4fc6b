package org.careid.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.careid.e2e.Fixtures.ProvisionedDevice;
import org.careid.support.Api;
import org.careid.support.DrawnImages;
import org.careid.token.AccessTokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The CLI's {@code session start|heartbeat|end} against the real server. */
@QuarkusTest
class DeviceSessionEndToEndTest {
    private static final int OK = 0;
    private static final int BAD_INPUT = 2;
    private static final int TOKEN_REVOKED = 9;
    private static final Pattern SESSION = Pattern.compile("session=([0-9a-f-]{36})");

    @Inject
    AccessTokenIssuer issuer;
    @TestHTTPResource("/")
    URL server;
    @TempDir
    Path devices;

    /** A token for a new clinician at this device, in an owner-only file as the CLI requires. */
    private Path tokenFile(ProvisionedDevice bed) throws IOException {
        String staff = Api.createStaff("patient/*.read");
        String token = issuer.issue(new AccessTokenIssuer.Grant(UUID.fromString(staff), bed.id(), Set.of("patient/*.read"),
                List.of("face"), "aal2")).access_token();
        Path file = devices.resolve("token-" + bed.id() + ".jwt");
        Files.writeString(file, token);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void expect(int exitCode, CliResult result) {
        assertEquals(exitCode, result.exitCode(), result::describe);
    }

    @Test
    void startHeartbeatWithAndWithoutFrameThenEnd() throws IOException {
        ProvisionedDevice bed = Fixtures.provisionedDevice(server, devices, "workstation");
        Path token = tokenFile(bed);
        CliResult started = bed.run("session", "start", "--token-file", token.toString());
        expect(OK, started);
        Matcher m = SESSION.matcher(started.stdout());
        assertEquals(true, m.find(), started::describe);
        String id = m.group(1);

        CliResult tap = bed.run("session", "heartbeat", "--session", id);
        expect(OK, tap);
        assertThat(tap.stdout(), containsString("open=true"));

        Path blank = devices.resolve("blank.jpg");
        Files.write(blank, DrawnImages.jpeg());
        CliResult frame = bed.run("session", "heartbeat", "--session", id, "--frame", blank.toString());
        expect(OK, frame);
        assertThat(frame.stdout(), containsString("seen=nobody"));

        expect(OK, bed.run("session", "end", "--session", id));
        CliResult after = bed.run("session", "heartbeat", "--session", id);
        expect(TOKEN_REVOKED, after);
        expect(TOKEN_REVOKED, bed.run("session", "start", "--token-file", token.toString()));
    }

    @Test
    void anotherDevicesSessionIsUnknown() throws IOException {
        ProvisionedDevice bed = Fixtures.provisionedDevice(server, devices, "workstation");
        ProvisionedDevice other = Fixtures.provisionedDevice(server, devices, "workstation");
        CliResult started = bed.run("session", "start", "--token-file", tokenFile(bed).toString());
        expect(OK, started);
        Matcher m = SESSION.matcher(started.stdout());
        assertEquals(true, m.find(), started::describe);
        expect(BAD_INPUT, other.run("session", "end", "--session", m.group(1)));
        expect(OK, bed.run("session", "heartbeat", "--session", m.group(1)));
    }
}

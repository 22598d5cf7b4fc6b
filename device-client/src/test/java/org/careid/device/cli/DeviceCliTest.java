package org.careid.device.cli;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.careid.device.ContractServer;
import org.careid.device.DeviceKeyStore;
import org.careid.device.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line program run in-process: help, exit codes, and whole flows against {@link ContractServer}. */
class DeviceCliTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @TempDir
    Path dir;

    private ContractServer server;
    private final MutableClock clock = MutableClock.startingNow();

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private Run run(Clock withClock, InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DeviceCli.commandLine(new DeviceCli(stdin, withClock));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(clock, new ByteArrayInputStream(new byte[0]), args);
    }

    /** Global options first, as a device's scripts would write them. */
    private Run device(Path keyStore, String... args) {
        List<String> all = new ArrayList<>(List.of("--server", server.baseUri().toString(), "--key-store", keyStore.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private Path provisionedKeyStore(String name) throws Exception {
        if (server == null) {
            server = new ContractServer();
        }
        String deviceId = UUID.randomUUID().toString();
        server.issueProvisioningCode(deviceId, "code-" + name);
        Path keyStore = dir.resolve(name + ".jwk");
        Run provisioned = device(keyStore, "--device-id", deviceId, "provision", "--code", "code-" + name);
        assertEquals(0, provisioned.exit(), provisioned.all());
        return keyStore;
    }

    private Path face() throws Exception {
        Path image = dir.resolve("face.png");
        Files.write(image, PNG);
        return image;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "provision", "report-version", "authenticate", "verify", "read-patient", "unlock", "revoke",
            "face-check", "emergency"})
    void everyCommandHasHelp(String command) {
        Run help = command.isEmpty() ? run("--help") : run(command, "--help");
        assertEquals(0, help.exit(), help.all());
        assertTrue(help.out().startsWith("Usage: careid-device" + (command.isEmpty() ? "" : " " + command)), help.out());
        assertTrue(help.out().contains("--server"), "global options are listed on every command");
        Run viaHelpCommand = command.isEmpty() ? run("help") : run("help", command);
        assertEquals(0, viaHelpCommand.exit());
    }

    @Test
    void topLevelHelpListsCommandsAndExitCodes() {
        String help = run("--help").out();
        for (String command : List.of("provision", "report-version", "authenticate", "verify", "read-patient", "unlock", "revoke")) {
            assertTrue(help.contains(command), command);
        }
        assertTrue(help.contains("Exit codes:"));
        assertTrue(help.matches("(?s).*\\s3\\s+server unreachable.*"), help);
    }

    @Test
    void usageErrorsAreBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, run().exit());
        assertEquals(ExitCodes.BAD_INPUT, run("provision").exit(), "--code is required");
        assertEquals(ExitCodes.BAD_INPUT, run("unlock", "--no-such-option").exit());
        assertEquals(ExitCodes.BAD_INPUT, run("authenticate", "--pin", "4711").exit(), "a PIN is never an argument");
    }

    @Test
    void unreachableServerHasItsOwnExitCode() throws Exception {
        String server = "http://127.0.0.1:" + closedPort();
        Path keyStore = dir.resolve("device.jwk");
        DeviceKeyStore.generateInto(keyStore, UUID.randomUUID().toString());

        Run report = run("--server", server, "--key-store", keyStore.toString(), "report-version", "2.4.1");
        assertEquals(ExitCodes.SERVER_UNREACHABLE, report.exit(), report.all());
        assertTrue(report.err().contains("unreachable"), report.err());

        Run authenticate = run("--server", server, "--key-store", keyStore.toString(), "authenticate", "--face", face().toString());
        assertEquals(ExitCodes.SERVER_UNREACHABLE, authenticate.exit(), authenticate.all());

        Run provision = run("provision", "--server", server, "--key-store", dir.resolve("new.jwk").toString(),
                "--device-id", UUID.randomUUID().toString(), "--code", "x");
        assertEquals(ExitCodes.SERVER_UNREACHABLE, provision.exit(), provision.all());
    }

    @Test
    void badInputIsReportedBeforeAnyCall() throws Exception {
        Path keyStore = dir.resolve("device.jwk");
        DeviceKeyStore.generateInto(keyStore, UUID.randomUUID().toString());
        String[] base = {"--server", "http://127.0.0.1:" + closedPort(), "--key-store", keyStore.toString()};

        assertEquals(ExitCodes.BAD_INPUT, run(concat(base, "authenticate")).exit(), "no factor");
        assertEquals(ExitCodes.BAD_INPUT, run(concat(base, "authenticate", "--pin")).exit(), "PIN without staff id");
        assertEquals(ExitCodes.BAD_INPUT, run(concat(base, "authenticate", "--face", dir.resolve("none.png").toString())).exit());
        assertEquals(ExitCodes.BAD_INPUT, run(concat(base, "authenticate", "--face", face().toString(), "--finger", "2")).exit());
        assertEquals(ExitCodes.BAD_INPUT, run("--key-store", keyStore.toString(), "report-version", "1.0").exit(), "no server");
        assertEquals(ExitCodes.BAD_INPUT, run("--server", "ftp://x", "--key-store", keyStore.toString(), "report-version", "1.0").exit());
        assertEquals(ExitCodes.BAD_INPUT, run(concat(base, "provision", "--code", "c")).exit(), "no device id");
        assertEquals(ExitCodes.BAD_INPUT, run(concat(base, "--device-id", "not-a-uuid", "provision", "--code", "c")).exit());
        assertEquals(ExitCodes.BAD_INPUT, run("--key-store", dir.resolve("missing.jwk").toString(), "--server", "http://h",
                "report-version", "1.0").exit(), "no key store");
    }

    @Test
    void wholeFlowProvisionAuthenticateReadUnlockVerifyRevoke() throws Exception {
        Path keyStore = provisionedKeyStore("ward-7");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyStore)));
        ECKey key = DeviceKeyStore.load(keyStore);

        Run report = device(keyStore, "report-version", "2.4.1");
        assertEquals(0, report.exit(), report.all());
        assertEquals("2.4.1", server.softwareVersion(key.getKeyID()));

        Run authenticated = device(keyStore, "authenticate", "--face", face().toString(), "--scope", "patient/*.read device:unlock");
        assertEquals(0, authenticated.exit(), authenticated.all());
        assertTrue(authenticated.out().contains("scope=patient/*.read device:unlock"), authenticated.out());
        Path tokenFile = dir.resolve("ward-7.jwk.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String token = (String) JSONObjectUtils.parse(Files.readString(tokenFile)).get("access_token");
        assertFalse(authenticated.all().contains(token), "the token is never printed unless asked for");

        Run patient = device(keyStore, "read-patient", "p-42");
        assertEquals(0, patient.exit(), patient.all());
        assertTrue(patient.out().contains("\"id\":\"p-42\""), patient.out());

        Run offline = device(keyStore, "verify");
        assertEquals(0, offline.exit(), offline.all());
        assertTrue(offline.out().contains("Valid offline"), offline.out());
        Run online = device(keyStore, "verify", "--online");
        assertEquals(0, online.exit(), online.all());
        assertTrue(online.out().contains("Active at the server"), online.out());
        // Offline verification needs neither --server nor the network once the JWKS and issuer are cached.
        int fetches = server.jwksRequests();
        Run cached = run(clock, new ByteArrayInputStream(token.getBytes(StandardCharsets.US_ASCII)),
                "--key-store", keyStore.toString(), "verify", "-");
        assertEquals(0, cached.exit(), cached.all());
        assertEquals(fetches, server.jwksRequests());

        Run unlocked = device(keyStore, "unlock");
        assertEquals(0, unlocked.exit(), unlocked.all());
        Run replay = device(keyStore, "unlock");
        assertEquals(ExitCodes.CONFLICT, replay.exit(), replay.all());

        Run revoked = device(keyStore, "revoke");
        assertEquals(0, revoked.exit(), revoked.all());
        assertFalse(Files.exists(tokenFile));
        Run afterRevoke = device(keyStore, "read-patient", "p-42");
        assertEquals(ExitCodes.TOKEN_EXPIRED, afterRevoke.exit(), "no token left on the device: " + afterRevoke.all());
    }

    @Test
    void aTokenRevokedElsewhereIsReportedAsRevoked() throws Exception {
        Path keyStore = provisionedKeyStore("bed-3");
        Run printed = device(keyStore, "authenticate", "--face", face().toString(), "--scope", "patient/*.read", "--print-token");
        assertEquals(0, printed.exit(), printed.all());
        String token = printed.out().trim();
        assertEquals(3, token.split("\\.").length, "stdout holds the token alone");
        Path copy = dir.resolve("copy.token");
        Files.writeString(copy, token);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));

        // An administrator (here: the copy) revokes it; the device's own saved token is the same one.
        assertEquals(0, device(keyStore, "revoke", "--token-file", copy.toString()).exit());

        Run read = device(keyStore, "read-patient", "p-1");
        assertEquals(ExitCodes.TOKEN_REVOKED, read.exit(), read.all());
        Run verify = device(keyStore, "verify", "--online");
        assertEquals(ExitCodes.TOKEN_REVOKED, verify.exit(), verify.all());
    }

    @Test
    void aTokenReplayedFromAnotherDeviceKeyIsRefused() throws Exception {
        Path first = provisionedKeyStore("first");
        Path second = provisionedKeyStore("second");
        assertEquals(0, device(first, "authenticate", "--face", face().toString(), "--scope", "patient/*.read").exit());
        Path stolen = dir.resolve("first.jwk.token");

        // The server's introspection calls another device's token inactive: still "invalid", not "revoked".
        Run replay = device(second, "read-patient", "p-1", "--token-file", stolen.toString());
        assertEquals(ExitCodes.TOKEN_INVALID, replay.exit(), replay.all());
        assertTrue(replay.err().contains("bound to another device's key"), replay.err());
        Run unlock = device(second, "unlock", "--token-file", stolen.toString());
        assertEquals(ExitCodes.TOKEN_INVALID, unlock.exit(), unlock.all());
        Run verify = device(second, "verify", "--token-file", stolen.toString());
        assertEquals(ExitCodes.TOKEN_INVALID, verify.exit(), verify.all());
        assertTrue(verify.err().contains("bound to another key"), verify.err());
    }

    @Test
    void plainHttpOnlyToThisMachine() throws Exception {
        Path keyStore = dir.resolve("device.jwk");
        DeviceKeyStore.generateInto(keyStore, UUID.randomUUID().toString());
        Run elsewhere = run("--server", "http://careid.example", "--key-store", keyStore.toString(), "report-version", "1.0");
        assertEquals(ExitCodes.BAD_INPUT, elsewhere.exit(), elsewhere.all());
        assertTrue(elsewhere.err().contains("https"), elsewhere.err());
        for (String loopback : List.of("http://localhost:" + closedPort(), "http://127.0.0.1:" + closedPort(), "http://[::1]:" + closedPort())) {
            Run local = run("--server", loopback, "--key-store", keyStore.toString(), "report-version", "1.0");
            assertEquals(ExitCodes.SERVER_UNREACHABLE, local.exit(), loopback + ": " + local.all());
        }
    }

    @Test
    void theTokenResponseGreetsTheClinicianAndListsRefusedScopes() throws Exception {
        Path keyStore = provisionedKeyStore("greeting");
        Run auth = device(keyStore, "authenticate", "--face", face().toString(), "--scope", "patient/*.read user/*.write");
        assertEquals(0, auth.exit(), auth.all());
        assertTrue(auth.out().startsWith("Authenticated: Test Nurse (nurse)"), auth.out());
        assertTrue(auth.out().contains("Refused scopes: user/*.write (NOT_PERMITTED)"), auth.out());
    }

    @Test
    void aValidTokenStaysWhenTheServerCannotBeReached() throws Exception {
        Path keyStore = provisionedKeyStore("offline-bed");
        assertEquals(0, device(keyStore, "authenticate", "--face", face().toString(), "--scope", "patient/*.read").exit());
        Path tokenFile = dir.resolve("offline-bed.jwk.token");
        String saved = Files.readString(tokenFile);
        Run unreachable = run("--server", "http://127.0.0.1:" + closedPort(), "--key-store", keyStore.toString(),
                "authenticate", "--face", face().toString(), "--scope", "patient/*.read");
        assertEquals(ExitCodes.SERVER_UNREACHABLE, unreachable.exit(), unreachable.all());
        assertEquals(saved, Files.readString(tokenFile), "no answer: nobody else was authenticated, the token stays");

        server.refuseAuthentication(true);
        Run refused = device(keyStore, "authenticate", "--face", face().toString(), "--scope", "patient/*.read");
        assertEquals(ExitCodes.AUTHENTICATION_FAILED, refused.exit(), refused.all());
        assertFalse(Files.exists(tokenFile), "the server answered: the previous clinician's token is gone");
    }

    @Test
    void anExpiredTokenFileOfTheUsersChoiceIsLeftAlone() throws Exception {
        Path keyStore = provisionedKeyStore("kept");
        assertEquals(0, device(keyStore, "authenticate", "--face", face().toString(), "--scope", "patient/*.read").exit());
        Path copy = dir.resolve("copy.token");
        Files.copy(dir.resolve("kept.jwk.token"), copy);
        clock.advance(ContractServer.TOKEN_LIFETIME.plusSeconds(1));
        Run read = device(keyStore, "read-patient", "p-1", "--token-file", copy.toString());
        assertEquals(ExitCodes.TOKEN_EXPIRED, read.exit(), read.all());
        assertTrue(read.err().contains("left as it is"), read.err());
        assertFalse(read.err().contains("discarded"), read.err());
        assertTrue(Files.exists(copy));
    }

    @Test
    void cachesOthersCouldWriteAreNoTrustAnchors() throws Exception {
        Path keyStore = provisionedKeyStore("caches");
        assertEquals(0, device(keyStore, "authenticate", "--face", face().toString(), "--scope", "patient/*.read").exit());
        assertEquals(0, device(keyStore, "verify").exit());
        Path jwks = dir.resolve("caches.jwk.jwks.json");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(jwks));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("caches.jwk.server.json")));
        Files.setPosixFilePermissions(jwks, PosixFilePermissions.fromString("rw-rw-rw-"));
        Run verify = device(keyStore, "verify");
        assertEquals(ExitCodes.BAD_INPUT, verify.exit(), verify.all());
        assertTrue(verify.err().contains("JWKS cache"), verify.err());
    }

    @Test
    void anExpiredSavedTokenIsDiscarded() throws Exception {
        Path keyStore = provisionedKeyStore("bed-9");
        assertEquals(0, device(keyStore, "authenticate", "--face", face().toString(), "--scope", "patient/*.read").exit());
        Path tokenFile = dir.resolve("bed-9.jwk.token");
        String token = (String) JSONObjectUtils.parse(Files.readString(tokenFile)).get("access_token");

        clock.advance(ContractServer.TOKEN_LIFETIME.plusSeconds(1));
        Run read = device(keyStore, "read-patient", "p-1");
        assertEquals(ExitCodes.TOKEN_EXPIRED, read.exit(), read.all());
        assertTrue(read.err().contains("expired"), read.err());
        assertFalse(Files.exists(tokenFile));

        // Offline verification allows 10 s of clock skew past exp, then refuses. The contract server
        // stamps exp with the real time, which a loaded machine puts seconds after this test's clock.
        java.time.Instant exp = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        Duration beyondSkew = Duration.between(clock.instant(), exp.plusSeconds(11));
        clock.advance(beyondSkew.isNegative() ? Duration.ofSeconds(10) : beyondSkew);
        Run verify = run(clock, new ByteArrayInputStream(token.getBytes(StandardCharsets.US_ASCII)),
                "--server", server.baseUri().toString(), "--key-store", keyStore.toString(), "verify", "-");
        assertEquals(ExitCodes.TOKEN_EXPIRED, verify.exit(), verify.all());
    }

    @Test
    void pinComesFromStandardInputAndIsNeverEchoed() throws Exception {
        Path keyStore = provisionedKeyStore("pin-pad");
        String staffId = UUID.randomUUID().toString();
        Run run = run(clock, new ByteArrayInputStream("4711\n".getBytes(StandardCharsets.UTF_8)),
                "--server", server.baseUri().toString(), "--key-store", keyStore.toString(),
                "authenticate", "--pin", "--staff-id", staffId, "--scope", "device:unlock");
        assertEquals(0, run.exit(), run.all());
        assertEquals("4711", server.authenticationForms().get(0).get("pin"));
        assertEquals(staffId, server.authenticationForms().get(0).get("staffId"));
        assertFalse(run.all().contains("4711"));
    }

    @Test
    void refusedAuthenticationAndClockSkewHaveTheirOwnExitCodes() throws Exception {
        Path keyStore = provisionedKeyStore("bed-1");
        server.refuseAuthentication(true);
        Run refused = device(keyStore, "authenticate", "--face", face().toString(), "--scope", "patient/*.read");
        assertEquals(ExitCodes.AUTHENTICATION_FAILED, refused.exit(), refused.all());
        assertFalse(Files.exists(dir.resolve("bed-1.jwk.token")));

        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        Run skewed = run(ahead, new ByteArrayInputStream(new byte[0]), "--server", server.baseUri().toString(),
                "--key-store", keyStore.toString(), "report-version", "2.4.1");
        assertEquals(ExitCodes.CLOCK_SKEW, skewed.exit(), skewed.all());
        assertTrue(skewed.err().matches("(?s).*60[01] s ahead of the server.*"), skewed.err());
    }

    @Test
    void provisioningTwiceWithTheSameCodeFailsButKeepsTheKey() throws Exception {
        server = new ContractServer();
        String deviceId = UUID.randomUUID().toString();
        server.issueProvisioningCode(deviceId, "once");
        Path keyStore = dir.resolve("device.jwk");
        assertEquals(0, device(keyStore, "--device-id", deviceId, "provision", "--code", "once").exit());
        String thumbprint = DeviceKeyStore.thumbprint(DeviceKeyStore.load(keyStore));

        Run again = device(keyStore, "--device-id", deviceId, "provision", "--code", "once", "--replace-key");
        assertEquals(ExitCodes.AUTHENTICATION_FAILED, again.exit(), again.all());
        assertEquals(thumbprint, DeviceKeyStore.thumbprint(DeviceKeyStore.load(keyStore)), "a refused code leaves the key alone");

        Run otherDevice = device(keyStore, "--device-id", UUID.randomUUID().toString(), "provision", "--code", "x");
        assertEquals(ExitCodes.BAD_INPUT, otherDevice.exit(), otherDevice.all());
    }

    private static String[] concat(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}

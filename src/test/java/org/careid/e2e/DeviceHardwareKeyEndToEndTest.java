package org.careid.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

import org.careid.support.Api;
import org.careid.support.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The device key outside a JWK file, with the real CLI against the real server: a PKCS#12 file made
 * by keytool, and a key generated on a PKCS#11 token (SoftHSM, Debian's softhsm2, installed by
 * scripts/ci-install-tools) that signs the client assertions and proofs without ever leaving it.
 * The clinician gets in by emergency access (staff id and PIN), so no face is enrolled here.
 */
@QuarkusTest
class DeviceHardwareKeyEndToEndTest {
    private static final String SOFTHSM_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String PASSWORD = "device-store-4711";
    private static final String PIN = "73915024";

    @TestHTTPResource("/")
    URL server;
    @TempDir
    Path work;

    /** A clinician of one's own per device: emergency access is limited per person. */
    private static String clinicianWithPin() {
        String staff = Api.createStaff(Fixtures.SCOPES.split(" "));
        Api.givePin(staff, PIN);
        return staff;
    }

    @Test
    void aDeviceKeyInAPkcs12FileProvisionsAndAuthenticates() throws Exception {
        String id = Fixtures.registeredDevice("workstation");
        Path dir = ownerOnly(work.resolve("p12"));
        Path store = dir.resolve("device.p12");
        exec(Map.of(), keytool(), "-genkeypair", "-alias", id, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + id, "-validity", "365", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        DeviceCliProcess cli = new DeviceCliProcess(server, dir, "device.p12").withEnvironment("CAREID_KEY_STORE_PASSWORD", PASSWORD);
        provisionAuthenticateAndRead(cli, id);
    }

    @Test
    void aDeviceKeyOnAPkcs11TokenProvisionsAndAuthenticates() throws Exception {
        Prerequisites.require(Files.isRegularFile(Path.of(SOFTHSM_LIBRARY)) && onPath("softhsm2-util"),
                "SoftHSM (Debian package softhsm2) not installed; skipping");
        String id = Fixtures.registeredDevice("workstation");
        Path dir = ownerOnly(work.resolve("p11"));
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path softhsmConf = dir.resolve("softhsm2.conf");
        Files.writeString(softhsmConf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Map<String, String> env = Map.of("SOFTHSM2_CONF", softhsmConf.toString());
        exec(env, "softhsm2-util", "--init-token", "--free", "--label", "careid-device", "--pin", PASSWORD, "--so-pin", PASSWORD);
        Path pkcs11 = dir.resolve("pkcs11.cfg");
        Files.writeString(pkcs11, "name = SoftHSM\nlibrary = " + SOFTHSM_LIBRARY + "\nslotListIndex = 0\n");
        exec(env, keytool(), "-genkeypair", "-alias", id, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + id,
                "-validity", "365", "-keystore", "NONE", "-storetype", "PKCS11", "-addprovider", "SunPKCS11",
                "-providerArg", pkcs11.toString(), "-storepass", PASSWORD);
        DeviceCliProcess cli = new DeviceCliProcess(server, dir, "device-state")
                .withEnvironment("SOFTHSM2_CONF", softhsmConf.toString())
                .withEnvironment("CAREID_KEY_STORE_PASSWORD", PASSWORD)
                .withEnvironment("CAREID_PKCS11_CONFIG", pkcs11.toString());
        provisionAuthenticateAndRead(cli, id);
    }

    private static void provisionAuthenticateAndRead(DeviceCliProcess cli, String id) {
        String code = Api.as(Api.admin()).post("/api/v1/devices/" + id + "/provisioning-code")
                .then().statusCode(200).extract().path("code");
        CliResult provisioned = cli.run("--device-id", id, "provision", "--code", code);
        assertEquals(0, provisioned.exitCode(), provisioned::describe);
        assertThat(provisioned.stdout(), containsString("Provisioned device " + id));
        CliResult version = cli.run("report-version", "2.4.1");
        assertEquals(0, version.exitCode(), version::describe);
        CliResult auth = cli.runWithInput(PIN + "\n", "emergency", "--staff-id", clinicianWithPin(), "--reason", "DEVICE_MALFUNCTION");
        assertEquals(0, auth.exitCode(), auth::describe);
        CliResult read = cli.run("read-patient", "pt-4001");
        assertEquals(0, read.exitCode(), read::describe);
        assertThat(read.stdout(), containsString("pt-4001"));
        CliResult verify = cli.run("verify");
        assertEquals(0, verify.exitCode(), verify::describe);
    }

    private static Path ownerOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void exec(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("hardware-key", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " did not finish");
            }
            assertEquals(0, process.exitValue(), command[0] + ": " + Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

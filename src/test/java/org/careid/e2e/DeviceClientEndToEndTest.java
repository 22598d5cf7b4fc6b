package org.careid.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.careid.e2e.Fixtures.ProvisionedDevice;
import org.careid.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole flow from a bedside device, with the real server and the real device CLI in its own
 * process: ADMIN registers a device and a clinician, the CLI provisions the device, reports its
 * software version, authenticates the clinician by face, reads a patient and unlocks; and every way
 * that must fail does, with the CLI's documented exit code (device-client/README.md).
 */
@QuarkusTest
class DeviceClientEndToEndTest {
    // Exit codes of device-client/README.md.
    private static final int OK = 0;
    private static final int AUTHENTICATION_FAILED = 6;
    private static final int TOKEN_REVOKED = 9;
    private static final int TOKEN_INVALID = 10;
    private static final int FORBIDDEN = 11;
    private static final int REPLAY = 12;

    /** Enrolled once for the class (one person cannot be enrolled twice); no other test class uses these people. */
    private static final String CLINICIAN = "faces/lfw_Donald_Rumsfeld/Donald_Rumsfeld_";
    private static final String CLINICIAN_PROBE = CLINICIAN + "0008.jpg";
    /** Clinicians whose tokens the threat detector cuts off (token misuse), kept apart from the others. */
    private static final String REPLAY_VICTIM = "faces/lfw_Ariel_Sharon/Ariel_Sharon_";
    private static final String UNLOCK_REPLAYER = "faces/lfw_Gerhard_Schroeder/Gerhard_Schroeder_";
    /** Never enrolled by any test. */
    private static final String STRANGER = "faces/deepface_p05/img16.jpg";
    private static final int TIMED_RUNS = 5;

    private static String clinician;

    @TestHTTPResource("/")
    URL server;
    @TempDir
    Path devices;

    private static synchronized void enrollClinician() {
        if (clinician == null) {
            clinician = Fixtures.clinicianWithFace(CLINICIAN + "0001.jpg", CLINICIAN + "0002.jpg", CLINICIAN + "0006.jpg");
        }
    }

    private ProvisionedDevice device() {
        return Fixtures.provisionedDevice(server, devices, "workstation");
    }

    private static CliResult authenticate(ProvisionedDevice device, String photo) {
        return device.run("authenticate", "--face", Fixtures.photo(photo), "--scope", Fixtures.SCOPES);
    }

    private static void expect(int exitCode, CliResult result) {
        assertEquals(exitCode, result.exitCode(), result::describe);
    }

    @Test
    void clinicianAuthenticatesReadsAPatientAndUnlocksTheDevice() throws Exception {
        enrollClinician();
        ProvisionedDevice bed = device();
        expect(OK, bed.run("report-version", "2.4.1"));
        Api.as(Api.admin()).get("/api/v1/devices/" + bed.id()).then().statusCode(200)
                .body("softwareVersion", equalTo("2.4.1"))
                .body("provisioned", equalTo(true));

        CliResult auth = authenticate(bed, CLINICIAN_PROBE);
        expect(OK, auth);
        assertThat(auth.stderr() + auth.stdout(), containsString("patient/*.read"));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(bed.cli().tokenFile()),
                "the CLI keeps the token in an owner-only file");

        CliResult verified = bed.run("verify", "--online");
        expect(OK, verified);

        CliResult patient = bed.run("read-patient", "pt-1001");
        expect(OK, patient);
        assertThat(patient.stdout(), containsString("\"resourceType\""));
        assertThat(patient.stdout(), containsString("Patient"));
        assertThat(patient.stdout(), containsString("pt-1001"));

        CliResult unlocked = bed.run("unlock");
        expect(OK, unlocked);
        assertThat(unlocked.stdout(), containsString("\"unlocked\""));
        assertThat(unlocked.stdout(), containsString(bed.id().toString()));
        assertThat(unlocked.stdout(), containsString(clinician));
    }

    @Test
    void aStrangersFaceIsNotMatched() {
        enrollClinician(); // the gallery is not empty: the stranger is compared and refused
        ProvisionedDevice bed = device();
        expect(AUTHENTICATION_FAILED, authenticate(bed, STRANGER));
        assertFalse(Files.exists(bed.cli().tokenFile()), "no token after a refused authentication");
    }

    @Test
    void aSuspendedDeviceCannotAuthenticateNorUseItsToken() {
        enrollClinician();
        ProvisionedDevice bed = device();
        expect(OK, authenticate(bed, CLINICIAN_PROBE));
        Api.as(Api.admin()).post("/api/v1/devices/" + bed.id() + "/suspend").then().statusCode(200);

        expect(TOKEN_REVOKED, bed.run("read-patient", "pt-1002"));
        expect(AUTHENTICATION_FAILED, authenticate(bed, CLINICIAN_PROBE));

        Api.as(Api.admin()).post("/api/v1/devices/" + bed.id() + "/activate").then().statusCode(200);
        expect(OK, authenticate(bed, CLINICIAN_PROBE));
    }

    @Test
    void aTokenRevokedByTheDeviceIsRefused() {
        enrollClinician();
        ProvisionedDevice bed = device();
        expect(OK, authenticate(bed, CLINICIAN_PROBE));
        Path kept = Fixtures.ownerOnlyCopy(bed.cli().tokenFile(), devices.resolve("kept-" + bed.id()).resolve("token.json"));

        expect(OK, bed.run("revoke"));
        assertFalse(Files.exists(bed.cli().tokenFile()), "revoke deletes the saved token");
        expect(TOKEN_REVOKED, bed.run("read-patient", "pt-1003", "--token-file", kept.toString()));
        expect(TOKEN_REVOKED, bed.run("verify", "--online", "--token-file", kept.toString()));
    }

    @Test
    void tokensRevokedByAnAdministratorAreRefused() {
        enrollClinician();
        ProvisionedDevice bed = device();
        expect(OK, authenticate(bed, CLINICIAN_PROBE));
        expect(OK, bed.run("read-patient", "pt-1004"));

        // Per device, so the clinician's tokens on the other tests' devices stay valid.
        Api.as(Api.admin()).body(Map.of("deviceId", bed.id().toString(), "reason", "e2e test"))
                .post("/api/v1/tokens/revoke-all").then().statusCode(204);
        expect(TOKEN_REVOKED, bed.run("read-patient", "pt-1004"));
        expect(TOKEN_REVOKED, bed.run("unlock"));
    }

    @Test
    void aTokenCopiedToAnotherDeviceIsUselessThere() {
        Fixtures.clinicianWithFace(REPLAY_VICTIM + "0001.jpg", REPLAY_VICTIM + "0002.jpg", REPLAY_VICTIM + "0003.jpg");
        ProvisionedDevice bed = device();
        ProvisionedDevice thief = device();
        expect(OK, authenticate(bed, REPLAY_VICTIM + "0005.jpg"));
        Path stolen = Fixtures.ownerOnlyCopy(bed.cli().tokenFile(), devices.resolve("stolen-" + thief.id()).resolve("token.json"));

        // The thief's proofs are signed with its own key: the token's cnf.jkt names the other key.
        CliResult read = thief.run("read-patient", "pt-1005", "--token-file", stolen.toString());
        expect(TOKEN_INVALID, read);
        assertThat(read.stderr(), containsString("proof of possession was not accepted"));
        expect(TOKEN_INVALID, thief.run("unlock", "--token-file", stolen.toString()));
        expect(TOKEN_INVALID, thief.run("verify", "--token-file", stolen.toString()));
    }

    @Test
    void outdatedDeviceSoftwareCannotObtainTokens() {
        enrollClinician();
        // A device type of its own, so the policy does not touch the other tests' devices.
        ProvisionedDevice bed = Fixtures.provisionedDevice(server, devices, "e2e-bedside");
        expect(OK, bed.run("report-version", "1.8.0"));
        Api.as(Api.admin()).body(Map.of("minSoftwareVersion", "2.0.0"))
                .put("/api/v1/devices/policies/e2e-bedside").then().statusCode(200);

        expect(FORBIDDEN, authenticate(bed, CLINICIAN_PROBE));
        assertFalse(Files.exists(bed.cli().tokenFile()), "no token for an outdated device");

        expect(OK, bed.run("report-version", "2.0.1"));
        expect(OK, authenticate(bed, CLINICIAN_PROBE));
    }

    @Test
    void anUnlockCannotBeReplayed() {
        Fixtures.clinicianWithFace(UNLOCK_REPLAYER + "0002.jpg", UNLOCK_REPLAYER + "0005.jpg", UNLOCK_REPLAYER + "0007.jpg");
        ProvisionedDevice bed = device();
        expect(OK, authenticate(bed, UNLOCK_REPLAYER + "0008.jpg"));
        expect(OK, bed.run("unlock"));
        CliResult again = bed.run("unlock");
        expect(REPLAY, again);
    }

    /** Not a timed test: prints the figure and only checks that every run succeeded. */
    @Test
    void measuresTheAuthenticateToReadPatientWallTime() {
        enrollClinician();
        ProvisionedDevice bed = device();
        List<Long> flows = new ArrayList<>();
        List<Long> authentications = new ArrayList<>();
        List<Long> reads = new ArrayList<>();
        for (int run = 0; run < TIMED_RUNS; run++) {
            long start = System.nanoTime();
            CliResult auth = authenticate(bed, run % 2 == 0 ? CLINICIAN_PROBE : CLINICIAN + "0009.jpg");
            expect(OK, auth);
            CliResult read = bed.run("read-patient", "pt-20" + run);
            flows.add((System.nanoTime() - start) / 1_000_000);
            expect(OK, read);
            authentications.add(auth.millis());
            reads.add(read.millis());
        }
        // What a CLI run costs before it talks to the server: JVM start and picocli, nothing else.
        List<Long> jvmStarts = new ArrayList<>();
        for (int run = 0; run < TIMED_RUNS; run++) {
            CliResult help = bed.run("--help");
            expect(OK, help);
            jvmStarts.add(help.millis());
        }
        System.out.printf("E2E authenticate+read-patient wall time: median %d ms over %d runs "
                        + "(authenticate median %d ms, read-patient median %d ms; runs %s ms; each a fresh CLI JVM, "
                        + "whose start alone (--help) takes median %d ms)%n",
                median(flows), TIMED_RUNS, median(authentications), median(reads), flows, median(jvmStarts));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

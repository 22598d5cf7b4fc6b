package org.careid.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.careid.e2e.Fixtures.ProvisionedDevice;
import org.careid.support.Api;
import org.careid.support.DrawnImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every exit code of device-client/README.md's table, produced by the real CLI against the real
 * server, and the answers a bedside screen acts on: capture problems with their reason, the
 * clinician's name, refused scopes, emergency access, and a valid token kept when the server is
 * out of reach. The codes this class does not produce are produced by DeviceClientEndToEndTest
 * (0, 6, 9, 10, 11, 12) or cannot come from a healthy server (see {@link #NOT_FROM_A_HEALTHY_SERVER}).
 */
@QuarkusTest
class DeviceExitCodesEndToEndTest {
    private static final int OK = 0;
    private static final int BAD_INPUT = 2;
    private static final int UNREACHABLE = 3;
    private static final int RATE_LIMITED = 5;
    private static final int AUTHENTICATION_FAILED = 6;
    private static final int SECOND_FACTOR_REQUIRED = 7;
    private static final int TOKEN_EXPIRED = 8;
    private static final int FORBIDDEN = 11;
    private static final int CAPTURE_REJECTED = 14;

    /** Codes this class and DeviceClientEndToEndTest produce against the real server. */
    private static final Set<Integer> PRODUCED = Set.of(0, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 14);
    /**
     * 1 is a bug in the client, 4 needs the device clock off (the CLI uses the system clock) and 13 a
     * failing server: DeviceCliTest in device-client produces them against its contract server.
     */
    private static final Set<Integer> NOT_FROM_A_HEALTHY_SERVER = Set.of(1, 4, 13);

    /** Enrolled once for the class; no other test class enrolls this person. */
    private static final String CLINICIAN = "faces/lfw_Colin_Powell/Colin_Powell_";
    private static final String PROBE = CLINICIAN + "0008.jpg";
    private static final String TWO_PEOPLE = "face-samples/multi_face_fr/obama_and_biden.jpg";
    private static final String PIN = "73915024";
    /** A device type of this class's own, with a rule that device:unlock needs two factors there. */
    private static final String TWO_FACTOR_TYPE = "e2e-two-factor";

    private static String clinician;

    @TestHTTPResource("/")
    URL server;
    @TempDir
    Path devices;

    private static synchronized String clinician() {
        if (clinician == null) {
            clinician = Fixtures.clinicianWithFace(CLINICIAN + "0001.jpg", CLINICIAN + "0002.jpg", CLINICIAN + "0004.jpg");
            Api.givePin(clinician, PIN);
            Api.as(Api.admin()).body(Map.of("scope", "device:unlock", "deviceType", TWO_FACTOR_TYPE, "requiredFactors", 2))
                    .put("/api/v1/auth/policies").then().statusCode(200);
            Api.as(Api.admin()).body(Map.of("scope", "user/*.write", "deviceType", TWO_FACTOR_TYPE, "requiredFactors", 2))
                    .put("/api/v1/auth/policies").then().statusCode(200);
        }
        return clinician;
    }

    private ProvisionedDevice device(String type) {
        // the two-factor type keeps the rule set for it above
        return Fixtures.provisionedDevice(server, devices, type, TWO_FACTOR_TYPE.equals(type));
    }

    private static void expect(int exitCode, CliResult result) {
        assertEquals(exitCode, result.exitCode(), result::describe);
    }

    @Test
    void everyDocumentedExitCodeIsProducedOrExplained() throws IOException {
        String readme = Files.readString(Path.of("device-client", "README.md"), StandardCharsets.UTF_8);
        String table = readme.substring(readme.indexOf("### Exit codes"));
        table = table.substring(0, table.indexOf("\n## "));
        Set<Integer> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(table);
        while (row.find()) {
            documented.add(Integer.parseInt(row.group(1)));
        }
        Set<Integer> accounted = new TreeSet<>(PRODUCED);
        accounted.addAll(NOT_FROM_A_HEALTHY_SERVER);
        assertEquals(accounted, documented, "the README's exit codes and the ones the end-to-end tests produce");
    }

    @Test
    void badInputAndAPlainHttpServerElsewhereAreRefusedBeforeAnyCall() {
        clinician();
        ProvisionedDevice bed = device("workstation");
        expect(BAD_INPUT, bed.run("authenticate", "--face", devices.resolve("missing.jpg").toString(), "--scope", "patient/*.read"));
        CliResult plainHttp = bed.cli().runAgainst("http://careid.example", "report-version", "2.4.1");
        expect(BAD_INPUT, plainHttp);
        assertThat(plainHttp.stderr(), containsString("https"));
    }

    @Test
    void aWrongProvisioningCodeIsAnAuthenticationFailure() {
        String id = Fixtures.registeredDevice("workstation");
        Api.as(Api.admin()).post("/api/v1/devices/" + id + "/provisioning-code").then().statusCode(200);
        DeviceCliProcess cli = Fixtures.deviceCli(server, devices, id);
        expect(AUTHENTICATION_FAILED, cli.run("--device-id", id, "provision", "--code", "AAAA-BBBB-CCCC-DDDD"));
    }

    @Test
    void aValidTokenSurvivesAnAuthenticationTheServerNeverAnswered() {
        clinician();
        ProvisionedDevice bed = device("workstation");
        expect(OK, bed.run("authenticate", "--face", Fixtures.photo(PROBE), "--scope", Fixtures.SCOPES));
        CliResult unreachable = bed.cli().runAgainst("http://127.0.0.1:1", "authenticate", "--face", Fixtures.photo(PROBE),
                "--scope", Fixtures.SCOPES);
        expect(UNREACHABLE, unreachable);
        assertTrue(Files.exists(bed.cli().tokenFile()), "no answer, so the clinician's valid token stays");
        expect(OK, bed.run("read-patient", "pt-3001"));
    }

    @Test
    void noTokenIsExpired() {
        ProvisionedDevice bed = device("workstation");
        CliResult read = bed.run("read-patient", "pt-3002");
        expect(TOKEN_EXPIRED, read);
        assertThat(read.stderr(), containsString("authenticate first"));
    }

    @Test
    void capturesNobodyCouldBeComparedWithSayWhatToFix() throws IOException {
        clinician();
        ProvisionedDevice bed = device("workstation");
        expect(OK, bed.run("authenticate", "--face", Fixtures.photo(PROBE), "--scope", Fixtures.SCOPES));
        Path noFace = devices.resolve("no-face.jpg");
        Files.write(noFace, DrawnImages.jpeg());

        CliResult empty = bed.run("authenticate", "--face", noFace.toString(), "--scope", Fixtures.SCOPES);
        expect(CAPTURE_REJECTED, empty);
        assertThat(empty.stderr(), containsString("NO_FACE"));
        assertThat(empty.stderr(), not(containsString("Authentication failed: Authentication failed")));
        assertFalse(Files.exists(bed.cli().tokenFile()), "the server answered: the previous clinician's token is gone");

        CliResult crowd = bed.run("authenticate", "--face", Fixtures.photo(TWO_PEOPLE), "--scope", Fixtures.SCOPES);
        expect(CAPTURE_REJECTED, crowd);
        assertThat(crowd.stderr(), containsString("MULTIPLE_FACES"));

        CliResult guidance = bed.run("face-check", noFace.toString());
        expect(CAPTURE_REJECTED, guidance);
        assertThat(guidance.stdout(), containsString("NO_FACE"));
        expect(OK, bed.run("face-check", Fixtures.photo(PROBE)));
    }

    @Test
    void theTokenResponseGreetsTheClinicianAndNamesRefusedScopes() {
        clinician();
        ProvisionedDevice bed = device(TWO_FACTOR_TYPE);
        CliResult partly = bed.run("authenticate", "--face", Fixtures.photo(PROBE), "--scope", "patient/*.read device:unlock user/*.write");
        expect(OK, partly);
        assertThat(partly.stdout(), containsString("Authenticated: Nurse "));
        assertThat(partly.stdout(), containsString("(nurse)"));
        assertThat(partly.stdout(), containsString("device:unlock (SECOND_FACTOR_REQUIRED)"));
        assertThat(partly.stdout(), containsString("user/*.write (NOT_PERMITTED)"));

        // Only a scope that needs two factors: ask for the second factor.
        CliResult twoFactors = bed.run("authenticate", "--face", Fixtures.photo(PROBE), "--scope", "device:unlock");
        expect(SECOND_FACTOR_REQUIRED, twoFactors);
        assertThat(twoFactors.stderr(), containsString("TWO_FACTOR_SCOPE"));
        // With the PIN the second factor is there.
        CliResult withPin = bed.cli().runWithInput(PIN + "\n", "authenticate", "--face", Fixtures.photo(PROBE), "--pin",
                "--staff-id", clinician(), "--scope", "device:unlock");
        expect(OK, withPin);
        assertThat(withPin.stdout(), containsString("scope=device:unlock"));
        // A scope the person does not hold is not "second factor required", even where it needs two.
        expect(FORBIDDEN, bed.run("authenticate", "--face", Fixtures.photo(PROBE), "--scope", "user/*.write"));
    }

    @Test
    void emergencyAccessIsGrantedThenRateLimited() {
        String staff = clinician();
        ProvisionedDevice bed = device("workstation");
        for (int use = 0; use < 2; use++) {
            CliResult granted = bed.cli().runWithInput(PIN + "\n", "emergency", "--staff-id", staff,
                    "--reason", "PROTECTIVE_EQUIPMENT");
            expect(OK, granted);
            assertThat(granted.stdout(), containsString("acr=urn:careid:acr:emergency"));
            expect(OK, bed.run("read-patient", "pt-3003"));
        }
        CliResult limited = bed.cli().runWithInput(PIN + "\n", "emergency", "--staff-id", staff, "--reason", "INJURY");
        expect(RATE_LIMITED, limited);
        expect(AUTHENTICATION_FAILED, device("workstation").cli().runWithInput("00000000\n", "emergency",
                "--staff-id", staff, "--reason", "INJURY"));
    }
}

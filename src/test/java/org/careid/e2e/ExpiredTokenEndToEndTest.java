package org.careid.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.careid.e2e.Fixtures.ProvisionedDevice;
import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A token that outlives its lifetime: the CLI discards it and says "expired" (exit 8), and the
 * server no longer calls it active either. Runs with 6 s tokens (its own Quarkus start).
 */
@QuarkusTest
@TestProfile(ShortTokenLifetimeProfile.class)
class ExpiredTokenEndToEndTest {
    private static final int OK = 0;
    private static final int TOKEN_EXPIRED = 8;
    private static final String CLINICIAN = "faces/lfw_Donald_Rumsfeld/Donald_Rumsfeld_";

    @TestHTTPResource("/")
    URL server;
    @TempDir
    Path devices;

    @Test
    void anExpiredTokenIsDiscardedByTheDeviceAndInactiveAtTheServer() throws Exception {
        Fixtures.clinicianWithFace(CLINICIAN + "0001.jpg", CLINICIAN + "0002.jpg", CLINICIAN + "0006.jpg");
        ProvisionedDevice bed = Fixtures.provisionedDevice(server, devices, "workstation");
        CliResult auth = bed.run("authenticate", "--face", Fixtures.photo(CLINICIAN + "0009.jpg"), "--scope", Fixtures.SCOPES);
        assertEquals(OK, auth.exitCode(), auth::describe);
        String token = (String) new ObjectMapper().readValue(Files.readString(bed.cli().tokenFile()), java.util.Map.class)
                .get("access_token");
        CliResult fresh = bed.run("read-patient", "pt-3001");
        assertEquals(OK, fresh.exitCode(), fresh::describe);

        Thread.sleep((ShortTokenLifetimeProfile.LIFETIME_SECONDS + ShortTokenLifetimeProfile.SKEW_SECONDS + 1) * 1000);

        CliResult read = bed.run("read-patient", "pt-3001");
        assertEquals(TOKEN_EXPIRED, read.exitCode(), read::describe);
        assertTrue(read.stderr().contains("expired"), read::describe);
        assertFalse(Files.exists(bed.cli().tokenFile()), "the CLI deletes an expired token");
        CliResult unlock = bed.run("unlock");
        assertEquals(TOKEN_EXPIRED, unlock.exitCode(), "no token left: " + unlock.describe());

        // The server agrees: a resource server asking about the token hears it is no longer active.
        DeviceKey resourceServer = Api.provisionedDevice();
        Api.asDevice(resourceServer).formParam("token", token).post("/api/v1/tokens/introspect")
                .then().statusCode(200).body("active", equalTo(false));
    }
}

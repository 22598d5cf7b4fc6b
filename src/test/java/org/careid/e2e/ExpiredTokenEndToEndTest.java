package org.careid.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.careid.e2e.Fixtures.ProvisionedDevice;
import org.careid.support.Api;
import org.careid.support.ResourceServerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.ValidatableResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A token that outlives its lifetime: the CLI discards it and says "expired" (exit 8), and the
 * server no longer calls it active either. The server's answer is checked by a resource server, which
 * may introspect any token: the same question answered "active" before the lifetime ran out, so only
 * expiry can turn it inactive (and the audit trail names that reason). Runs with 6 s tokens (its own
 * Quarkus start).
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
        String token = (String) new ObjectMapper().readValue(Files.readString(bed.cli().tokenFile()), Map.class)
                .get("access_token");
        CliResult fresh = bed.run("read-patient", "pt-3001");
        assertEquals(OK, fresh.exitCode(), fresh::describe);
        ResourceServerKey resourceServer = ResourceServerKey.register();
        introspect(resourceServer, token).body("active", equalTo(true));

        Thread.sleep((ShortTokenLifetimeProfile.LIFETIME_SECONDS + ShortTokenLifetimeProfile.SKEW_SECONDS + 1) * 1000);

        CliResult read = bed.run("read-patient", "pt-3001");
        assertEquals(TOKEN_EXPIRED, read.exitCode(), read::describe);
        assertTrue(read.stderr().contains("expired"), read::describe);
        assertFalse(Files.exists(bed.cli().tokenFile()), "the CLI deletes an expired token");
        CliResult unlock = bed.run("unlock");
        assertEquals(TOKEN_EXPIRED, unlock.exitCode(), "no token left: " + unlock.describe());

        // The server agrees: the same resource server asking the same question now hears "not active",
        // and the audit trail says why.
        introspect(resourceServer, token).body("active", equalTo(false));
        String jti = (String) new ObjectMapper().readValue(
                Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class).get("jti");
        List<String> reasons = Api.as(Api.operator("AUDITOR")).queryParam("action", "TOKEN_INTROSPECTION_FAILED")
                .queryParam("targetId", jti).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.detail", String.class);
        assertEquals(1, reasons.size(), "one failed introspection of this token: " + reasons);
        assertTrue(reasons.get(0).toLowerCase(Locale.ROOT).contains("expired"), "audited reason: " + reasons);
    }

    /** Introspection by a resource server, authenticated with a fresh client assertion (no bearer to expire). */
    private static ValidatableResponse introspect(ResourceServerKey resourceServer, String token) {
        return Api.asDevice(resourceServer.key).formParam("token", token).post("/api/v1/tokens/introspect")
                .then().statusCode(200);
    }
}

package org.careid.device;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CareIdClient against {@link ContractServer}, which checks assertions and proofs for real. */
class CareIdClientTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    private final String deviceId = UUID.randomUUID().toString();
    private final ECKey key = DeviceKeyStore.generate(deviceId);
    private final ContractServer server;
    private final CareIdClient client;

    CareIdClientTest() throws Exception {
        server = new ContractServer();
        client = new CareIdClient(server.baseUri(), key, deviceId);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void provision() {
        server.issueProvisioningCode(deviceId, "code-1");
        client.provision("code-1");
    }

    @Test
    void provisioningRegistersThePublicKeyAndTheCodeWorksOnce() {
        server.issueProvisioningCode(deviceId, "code-1");
        ProvisionResult result = client.provision("code-1");

        assertEquals(deviceId, result.deviceId());
        assertEquals(DeviceKeyStore.thumbprint(key), result.jkt());
        assertTrue(server.isRegistered(deviceId));
        CareIdException again = assertThrows(CareIdException.class, () -> client.provision("code-1"));
        // like the real server: 400 invalid-provisioning-code, which the type (not the status) makes a refusal
        assertEquals(Failure.AUTHENTICATION_FAILED, again.failure());
        assertEquals(400, again.httpStatus());
    }

    @Test
    void discoveryGivesTheIssuerUsedAsAudience() {
        assertEquals(TestTokens.ISSUER, client.issuer());
        assertEquals(TestTokens.ISSUER, client.discovery().document().get("issuer"));
        assertEquals(server.signingKey().getKeyID(), client.fetchJwks().getKeys().get(0).getKeyID());
    }

    @Test
    void reportsTheSoftwareVersionWithAClientAssertion() {
        provision();
        client.reportSoftwareVersion("2.4.1");
        assertEquals("2.4.1", server.softwareVersion(deviceId));
        // Each call carries a fresh assertion: a second call is not a replay.
        client.reportSoftwareVersion("2.4.2");
        assertEquals("2.4.2", server.softwareVersion(deviceId));
    }

    @Test
    void aDeviceThatIsNotProvisionedIsRefused() {
        CareIdException e = assertThrows(CareIdException.class, () -> client.reportSoftwareVersion("1.0"));
        assertEquals(Failure.AUTHENTICATION_FAILED, e.failure());
    }

    @Test
    void authenticatesWithAFaceAndGetsADeviceBoundToken() throws Exception {
        provision();
        TokenResponse response = client.authenticate(AuthenticationRequest.forScopes(List.of("patient/*.read", "device:unlock"))
                .face(AuthenticationRequest.Image.of(PNG, Path.of("face.png"))));

        assertEquals("/api/v1/auth/face", server.lastAuthenticationPath());
        Map<String, String> form = server.authenticationForms().get(0);
        assertEquals("file:" + PNG.length + " bytes", form.get("image"));
        assertEquals("patient/*.read device:unlock", form.get("scope"));
        assertEquals("DPoP", response.tokenType());
        assertEquals(120, response.expiresIn());
        Map<String, Object> cnf = SignedJWT.parse(response.accessToken()).getJWTClaimsSet().getJSONObjectClaim("cnf");
        assertEquals(DeviceKeyStore.thumbprint(key), cnf.get("jkt"));
    }

    @Test
    void fingerprintAndPinGoWhereTheContractSays() {
        provision();
        client.authenticate(AuthenticationRequest.forScopes(List.of("patient/*.read"))
                .fingerprint(AuthenticationRequest.Image.of(PNG, Path.of("finger.png")), 2, 500));
        assertEquals("/api/v1/auth/fingerprint", server.lastAuthenticationPath());
        Map<String, String> fingerprintForm = server.authenticationForms().get(0);
        assertEquals("2", fingerprintForm.get("finger"));
        assertEquals("500", fingerprintForm.get("dpi"));

        String staffId = UUID.randomUUID().toString();
        char[] pin = {'4', '7', '1', '1'};
        AuthenticationRequest request = AuthenticationRequest.forScopes(List.of("device:unlock")).pin(pin).staffId(staffId);
        client.authenticate(request);
        assertEquals("/api/v1/auth", server.lastAuthenticationPath());
        Map<String, String> pinForm = server.authenticationForms().get(1);
        assertEquals("4711", pinForm.get("pin"));
        assertEquals(staffId, pinForm.get("staffId"));
        assertArrayEquals(new char[]{'4', '7', '1', '1'}, pin, "the caller's array is the caller's to wipe");
        assertFalse(request.toString().contains("4711"));
    }

    @Test
    void aPinWithoutStaffIdIsBadInputBeforeAnyCall() {
        CareIdException e = assertThrows(CareIdException.class, () ->
                client.authenticate(AuthenticationRequest.forScopes(List.of()).pin(new char[]{'1'})));
        assertEquals(Failure.BAD_INPUT, e.failure());
    }

    @Test
    void aRefusedAuthenticationIsAuthenticationFailed() {
        provision();
        server.refuseAuthentication(true);
        CareIdException e = assertThrows(CareIdException.class, () -> client.authenticate(
                AuthenticationRequest.forScopes(List.of("patient/*.read")).face(AuthenticationRequest.Image.of(PNG, Path.of("f.png")))));
        assertEquals(Failure.AUTHENTICATION_FAILED, e.failure());
    }

    @Test
    void aDeviceClockFiveMinutesAheadIsReportedAsClockSkew() {
        provision();
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
        CareIdClient skewed = new CareIdClient(server.baseUri(), key, deviceId, CareIdClient.defaultHttpClient(), ahead);
        CareIdException e = assertThrows(CareIdException.class, () -> skewed.reportSoftwareVersion("2.0"));
        assertEquals(Failure.CLOCK_SKEW, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("ahead of the server"), e.getMessage());
        long skewSeconds = skewed.lastClockSkew().orElseThrow().toSeconds();
        assertTrue(skewSeconds <= -298 && skewSeconds >= -302, "measured " + skewSeconds);
    }

    @Test
    void introspectionAndRevocation() {
        provision();
        String token = client.authenticate(AuthenticationRequest.forScopes(List.of("patient/*.read"))
                .face(AuthenticationRequest.Image.of(PNG, Path.of("f.png")))).accessToken();

        Introspection active = client.introspect(token);
        assertTrue(active.active());
        assertEquals("patient/*.read", active.scope().orElseThrow());
        assertTrue(active.expiresAt().orElseThrow().isAfter(Instant.now()));

        client.revoke(token);
        assertFalse(client.introspect(token).active());
    }

    @Test
    void aClosedPortIsServerUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CareIdClient offline = new CareIdClient(URI.create("http://127.0.0.1:" + closedPort), key, deviceId);
        CareIdException e = assertThrows(CareIdException.class, () -> offline.reportSoftwareVersion("1.0"));
        assertEquals(Failure.SERVER_UNREACHABLE, e.failure());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    }
}

package org.careid.device;

import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens presented with proofs of possession to {@link ContractServer}'s demo resources. */
class ProtectedResourceClientTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    private final ContractServer server;
    private final String deviceId = UUID.randomUUID().toString();
    private final ECKey key = DeviceKeyStore.generate(deviceId);
    private final CareIdClient client;

    ProtectedResourceClientTest() throws Exception {
        server = new ContractServer();
        client = new CareIdClient(server.baseUri(), key, deviceId);
        server.issueProvisioningCode(deviceId, "c");
        client.provision("c");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String token(String... scopes) {
        return client.authenticate(AuthenticationRequest.forScopes(List.of(scopes))
                .face(AuthenticationRequest.Image.of(JPEG, Path.of("face.jpg")))).accessToken();
    }

    private ProtectedResourceClient resources(ECKey proofKey) {
        return new ProtectedResourceClient(server.baseUri(), new DpopProofs(proofKey, Clock.systemUTC()),
                CareIdClient.defaultHttpClient(), Clock.systemUTC());
    }

    @Test
    void readsAPatientWithTokenAndProof() {
        String record = resources(key).readPatient("patient 7", token("patient/*.read"));
        assertTrue(record.contains("\"resourceType\":\"Patient\""), record);
        assertTrue(record.contains("\"id\":\"patient 7\""), record);
    }

    @Test
    void unlocksOnceThenTheReplayIsAConflict() {
        String token = token("device:unlock");
        ProtectedResourceClient resources = resources(key);
        assertTrue(resources.unlock(deviceId, token).contains("\"unlocked\":true"));
        assertEquals(Failure.CONFLICT, assertThrows(CareIdException.class, () -> resources.unlock(deviceId, token)).failure());
    }

    @Test
    void aTokenUsedFromAnotherDeviceKeyIsRefused() {
        String token = token("patient/*.read");
        ECKey thief = DeviceKeyStore.generate("other-device");
        CareIdException e = assertThrows(CareIdException.class, () -> resources(thief).readPatient("p1", token));
        assertEquals(Failure.TOKEN_INVALID, e.failure());
        assertEquals(401, e.httpStatus());
    }

    @Test
    void aMissingScopeIsForbidden() {
        String token = token("device:unlock");
        assertEquals(Failure.FORBIDDEN, assertThrows(CareIdException.class, () -> resources(key).readPatient("p1", token)).failure());
    }
}

package org.careid.device;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device key in a PKCS#12 file made by keytool: loaded, used to sign, and guarded like the JWK file. */
class KeyStoresTest {
    private static final String PASSWORD = "store-pass-4711";

    @TempDir
    Path dir;

    private Path keytoolStore(String alias) throws Exception {
        Path store = dir.resolve("device.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD).redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        return store;
    }

    @Test
    void aPkcs12KeySignsClientAssertionsTheServerCanVerify() throws Exception {
        String deviceId = UUID.randomUUID().toString();
        Path store = keytoolStore(deviceId);
        assertTrue(KeyStores.isPkcs12(store));

        ECKey key = KeyStores.loadPkcs12(store, PASSWORD.toCharArray(), null);
        assertEquals(deviceId, key.getKeyID(), "the only entry; its alias is the device id");
        assertEquals(key.getX(), KeyStores.loadPkcs12(store, PASSWORD.toCharArray(), deviceId).getX());
        String assertion = new ClientAssertions(key, deviceId, Clock.systemUTC()).create("https://careid.example");
        assertTrue(SignedJWT.parse(assertion).verify(new ECDSAVerifier(DeviceKeyStore.publicPart(key))));
        assertEquals(43, DeviceKeyStore.thumbprint(key).length());
    }

    @Test
    void aWrongPasswordAReadableFileAndAnUnknownAliasAreBadInput() throws Exception {
        Path store = keytoolStore("device");
        assertEquals(Failure.BAD_INPUT, assertThrows(CareIdException.class,
                () -> KeyStores.loadPkcs12(store, "wrong".toCharArray(), null)).failure());
        assertEquals(Failure.BAD_INPUT, assertThrows(CareIdException.class,
                () -> KeyStores.loadPkcs12(store, PASSWORD.toCharArray(), "another")).failure());
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));
        CareIdException readable = assertThrows(CareIdException.class, () -> KeyStores.loadPkcs12(store, PASSWORD.toCharArray(), null));
        assertTrue(readable.getMessage().contains("chmod 600"), readable.getMessage());
    }
}

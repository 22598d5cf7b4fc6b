package org.careid.device;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceKeyStoreTest {
    private static final String DEVICE = "6f1c1f0e-6a55-4f55-9f55-0a0b0c0d0e0f";

    @TempDir
    Path dir;

    @Test
    void generatedKeyRoundTripsThroughTheFile() throws Exception {
        Path file = dir.resolve("keys/device.jwk");
        ECKey generated = DeviceKeyStore.generateInto(file, DEVICE);

        ECKey loaded = DeviceKeyStore.load(file);

        assertEquals(Curve.P_256, loaded.getCurve());
        assertTrue(loaded.isPrivate());
        assertEquals(DEVICE, loaded.getKeyID());
        assertEquals(generated.getD(), loaded.getD());
        assertEquals(generated.getX(), loaded.getX());
        assertEquals(DeviceKeyStore.thumbprint(generated), DeviceKeyStore.thumbprint(loaded));
    }

    @Test
    void fileIsReadableAndWritableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("device.jwk");
        DeviceKeyStore.generateInto(file, DEVICE);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // Replacing the key keeps the permissions (the file is recreated, not chmod-ed afterwards).
        DeviceKeyStore.generateInto(file, DEVICE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // No temporary file with key material is left behind.
        try (var entries = Files.list(dir)) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void aNewlyCreatedParentDirectoryIsOwnerOnly() throws Exception {
        Path file = dir.resolve("careid/device.jwk");
        DeviceKeyStore.generateInto(file, DEVICE);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void refusesAKeyStoreOthersCanRead() throws Exception {
        Path file = dir.resolve("device.jwk");
        DeviceKeyStore.generateInto(file, DEVICE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        CareIdException e = assertThrows(CareIdException.class, () -> DeviceKeyStore.load(file));
        assertEquals(Failure.BAD_INPUT, e.failure());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void missingOrForeignFilesAreBadInput() throws Exception {
        CareIdException missing = assertThrows(CareIdException.class, () -> DeviceKeyStore.load(dir.resolve("none.jwk")));
        assertEquals(Failure.BAD_INPUT, missing.failure());
        assertTrue(missing.getMessage().contains("provision"), missing.getMessage());

        Path publicOnly = dir.resolve("public.jwk");
        OwnerOnlyFiles.write(publicOnly, DeviceKeyStore.generate(DEVICE).toPublicJWK().toJSONString().getBytes());
        assertEquals(Failure.BAD_INPUT, assertThrows(CareIdException.class, () -> DeviceKeyStore.load(publicOnly)).failure());
    }

    @Test
    void eachGenerationIsANewKeyAndThePublicPartHasNoPrivateMembers() {
        ECKey first = DeviceKeyStore.generate(DEVICE);
        ECKey second = DeviceKeyStore.generate(DEVICE);
        assertNotEquals(DeviceKeyStore.thumbprint(first), DeviceKeyStore.thumbprint(second));

        ECKey publicPart = DeviceKeyStore.publicPart(first);
        assertFalse(publicPart.isPrivate());
        assertEquals(java.util.Set.of("kty", "crv", "x", "y"), publicPart.toJSONObject().keySet());
        // The RFC 7638 thumbprint only covers those members, so the kid does not change it.
        assertEquals(DeviceKeyStore.thumbprint(first), DeviceKeyStore.thumbprint(publicPart));
    }
}

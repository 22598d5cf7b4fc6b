package org.careid.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * The device's P-256 key pair in a JWK file (RFC 7517) that only its owner can read. The key id is
 * the device id, so the file alone tells which device it belongs to.
 */
public final class DeviceKeyStore {
    private DeviceKeyStore() {
    }

    /** A fresh P-256 key pair for signing, with the device id as key id. */
    public static ECKey generate(String deviceId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyID(deviceId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("The JVM cannot generate P-256 keys", e);
        }
    }

    /** Generates a key pair for the device and stores it in {@code file} (rw-------). */
    public static ECKey generateInto(Path file, String deviceId) throws IOException {
        ECKey key = generate(deviceId);
        save(key, file);
        return key;
    }

    /** Stores the private key in {@code file}, readable and writable by its owner only. */
    public static void save(ECKey key, Path file) throws IOException {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("A device key store needs the private key");
        }
        OwnerOnlyFiles.write(file, key.toJSONString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads the key pair. Refuses a file that others can read, as ssh does, because a copied device
     * key lets anyone act as the device.
     */
    public static ECKey load(Path file) {
        try {
            if (!OwnerOnlyFiles.isOwnerOnly(file)) {
                throw new CareIdException(Failure.BAD_INPUT, "Key store " + file
                        + " can be read by other users; restrict it with: chmod 600 " + file);
            }
            JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!(jwk instanceof ECKey ecKey) || !Curve.P_256.equals(ecKey.getCurve()) || !ecKey.isPrivate()) {
                throw new CareIdException(Failure.BAD_INPUT, "Key store " + file + " does not hold a private P-256 key");
            }
            return ecKey;
        } catch (NoSuchFileException e) {
            throw new CareIdException(Failure.BAD_INPUT,
                    "No key store at " + file + ": provision the device first (provision --code CODE)", e);
        } catch (IOException e) {
            throw new CareIdException(Failure.BAD_INPUT, "Cannot read key store " + file + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new CareIdException(Failure.BAD_INPUT, "Key store " + file + " is not a JWK file", e);
        }
    }

    /** RFC 7638 SHA-256 thumbprint of the public key (base64url), the value tokens carry in {@code cnf.jkt}. */
    public static String thumbprint(ECKey key) {
        try {
            return key.toPublicJWK().computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /** Only the public members the server needs: kty, crv, x, y. */
    public static ECKey publicPart(ECKey key) {
        return new ECKey.Builder(key.getCurve(), key.getX(), key.getY()).build();
    }
}

package org.careid.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The AES-256 key that protects everything CareID encrypts at rest (biometric templates, token
 * signing keys). It comes from configuration ({@code careid.crypto.master-key}, a Kubernetes
 * secret in production); for the embedded single-machine default it is generated on first start
 * into an owner-only file beside the database.
 */
@ApplicationScoped
public class MasterKey {
    private static final Logger LOG = Logger.getLogger(MasterKey.class);
    private static final int KEY_BYTES = 32;

    private final SecretKey key;

    MasterKey(@ConfigProperty(name = "careid.crypto.master-key") Optional<String> configured,
              @ConfigProperty(name = "careid.crypto.generate-if-missing", defaultValue = "false") boolean generate,
              @ConfigProperty(name = "careid.data-dir", defaultValue = "./data") String dataDir) {
        this.key = new SecretKeySpec(resolve(configured.filter(s -> !s.isBlank()), generate, Path.of(dataDir)), "AES");
    }

    SecretKey secretKey() {
        return key;
    }

    /**
     * A key for one purpose (HKDF-SHA-256, the purpose as info), so the master key itself only
     * ever encrypts and a derived key never reveals it or another purpose's key.
     */
    public byte[] derive(String purpose) {
        return Hkdf.derive(key.getEncoded(), null, purpose, KEY_BYTES);
    }

    private static byte[] resolve(Optional<String> configured, boolean generate, Path dataDir) {
        if (configured.isPresent()) {
            return decode(configured.get(), "careid.crypto.master-key");
        }
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim(), file.toString());
            }
            if (!generate) {
                throw new IllegalStateException("No master key: set careid.crypto.master-key "
                        + "(CAREID_CRYPTO_MASTER_KEY, base64 of 32 random bytes)");
            }
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(dataDir);
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            restrictToOwner(file);
            LOG.warnf("Generated a new master key in %s (owner-only). In production give "
                    + "careid.crypto.master-key from a secret store instead.", file);
            return fresh;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must be 32 bytes (AES-256), got " + bytes.length);
        }
        return bytes;
    }

    static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.warn("File system without POSIX permissions: protect " + file + " by other means");
        }
    }
}

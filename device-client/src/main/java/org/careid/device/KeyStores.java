package org.careid.device;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The device key from a standard key store instead of a JWK file: a PKCS#12 file, or a PKCS#11
 * token (a TPM, smart card or HSM) through the JDK's SunPKCS11 provider, where the private key never
 * leaves the token and signing happens on it. The entry's alias is the device id (the key id the
 * client uses); with a single key entry the alias may be left out. Such keys are created with the
 * store's own tools (keytool, pkcs11-tool), not by {@code provision}, which registers them.
 */
public final class KeyStores {
    private KeyStores() {
    }

    /** True for a key store path the PKCS#12 loader takes ({@code .p12}, {@code .pfx}). */
    public static boolean isPkcs12(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    /** The P-256 key of {@code alias} (or the only key entry) in a PKCS#12 file others cannot read. */
    public static ECKey loadPkcs12(Path file, char[] password, String alias) {
        try {
            if (!OwnerOnlyFiles.isOwnerOnly(file)) {
                throw new CareIdException(Failure.BAD_INPUT, "Key store " + file
                        + " can be read by other users; restrict it with: chmod 600 " + file);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            return ecKey(store, password, alias, "PKCS#12 key store " + file);
        } catch (NoSuchFileException e) {
            throw new CareIdException(Failure.BAD_INPUT, "No key store at " + file, e);
        } catch (IOException | GeneralSecurityException e) {
            throw new CareIdException(Failure.BAD_INPUT, "Cannot open PKCS#12 key store " + file
                    + " (wrong password?): " + e.getMessage(), e);
        }
    }

    /**
     * The P-256 key of {@code alias} (or the only key entry) on the PKCS#11 token that the SunPKCS11
     * configuration file names (library, slot); {@code pin} logs in. The provider is registered
     * with the JVM so that signatures are computed on the token.
     */
    public static ECKey loadPkcs11(Path config, char[] pin, String alias) {
        if (!Files.isRegularFile(config)) {
            throw new CareIdException(Failure.BAD_INPUT, "No PKCS#11 configuration at " + config);
        }
        try {
            Provider provider = Security.getProvider("SunPKCS11");
            if (provider == null) {
                throw new CareIdException(Failure.BAD_INPUT, "This Java runtime has no SunPKCS11 provider");
            }
            Provider token = provider.configure(config.toAbsolutePath().toString());
            Security.addProvider(token);
            KeyStore store = KeyStore.getInstance("PKCS11", token);
            store.load(null, pin);
            return ecKey(store, pin, alias, "PKCS#11 token of " + config);
        } catch (IOException | GeneralSecurityException | java.security.ProviderException e) {
            throw new CareIdException(Failure.BAD_INPUT, "Cannot open the PKCS#11 token of " + config
                    + " (library, slot or PIN wrong?): " + e.getMessage(), e);
        }
    }

    private static ECKey ecKey(KeyStore store, char[] password, String alias, String what) throws GeneralSecurityException {
        String entry = alias != null ? alias : onlyKeyEntry(store, what);
        if (!store.isKeyEntry(entry)) {
            throw new CareIdException(Failure.BAD_INPUT, what + " has no key entry " + entry);
        }
        Certificate certificate = store.getCertificate(entry);
        if (certificate == null || !(certificate.getPublicKey() instanceof ECPublicKey publicKey)
                || !Curve.P_256.equals(Curve.forECParameterSpec(publicKey.getParams()))) {
            throw new CareIdException(Failure.BAD_INPUT, what + ": entry " + entry + " is not a P-256 key");
        }
        PrivateKey privateKey = (PrivateKey) store.getKey(entry, password);
        return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE).keyID(entry).build();
    }

    private static String onlyKeyEntry(KeyStore store, String what) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (keys.size() != 1) {
            throw new CareIdException(Failure.BAD_INPUT, what + " holds " + keys.size()
                    + " keys: name the device's with --device-id (its alias)");
        }
        return keys.get(0);
    }
}

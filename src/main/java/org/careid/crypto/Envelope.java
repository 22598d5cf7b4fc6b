package org.careid.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * AES-256-GCM encryption of data at rest. The output is {@code version(1) | nonce(12) |
 * ciphertext+tag}. The associated data binds a ciphertext to its purpose and owner (for example
 * {@code "face-template:" + staffId}), so a template copied onto another person's row no longer
 * decrypts.
 */
@ApplicationScoped
public class Envelope {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    @Inject
    MasterKey masterKey;

    public byte[] seal(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws TamperedDataException when the data, its associated data or the key do not match */
    public byte[] open(byte[] envelope, String associatedData) {
        if (envelope == null || envelope.length < 1 + NONCE_BYTES + TAG_BITS / 8 || envelope[0] != VERSION) {
            throw new TamperedDataException("Not a CareID envelope");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey.secretKey(),
                    new GCMParameterSpec(TAG_BITS, envelope, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(envelope, 1 + NONCE_BYTES, envelope.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new TamperedDataException("Encrypted data failed its integrity check");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    public static class TamperedDataException extends RuntimeException {
        public TamperedDataException(String message) {
            super(message);
        }
    }
}

package org.careid.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA-256 (RFC 5869): derives independent purpose keys from one input key. */
public final class Hkdf {
    private static final int HASH_BYTES = 32;

    private Hkdf() {}

    public static byte[] derive(byte[] inputKey, byte[] salt, String info, int length) {
        if (length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF output too long");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt == null || salt.length == 0 ? new byte[HASH_BYTES] : salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            ByteArrayOutputStream okm = new ByteArrayOutputStream(length);
            byte[] block = new byte[0];
            for (int i = 1; okm.size() < length; i++) {
                mac.update(block);
                mac.update(info.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) i);
                block = mac.doFinal();
                okm.write(block, 0, Math.min(block.length, length - okm.size()));
            }
            return okm.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}

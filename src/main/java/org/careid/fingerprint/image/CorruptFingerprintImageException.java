package org.careid.fingerprint.image;

/** The format was recognised but the header or the data is damaged or truncated (HTTP 422). */
public final class CorruptFingerprintImageException extends FingerprintImageException {
    public CorruptFingerprintImageException(String message) {
        super(message);
    }

    public CorruptFingerprintImageException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.careid.fingerprint.image;

/**
 * A fingerprint image that cannot be accepted. The REST layer maps {@link FingerprintImageTooLargeException}
 * to 413 and every other subtype to 422. Messages never contain image content.
 */
public abstract class FingerprintImageException extends RuntimeException {
    protected FingerprintImageException(String message) {
        super(message);
    }

    protected FingerprintImageException(String message, Throwable cause) {
        super(message, cause);
    }
}

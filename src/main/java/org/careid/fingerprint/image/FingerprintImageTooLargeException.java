package org.careid.fingerprint.image;

/** The upload exceeds the byte limit, or its header declares more pixels than allowed (HTTP 413). */
public final class FingerprintImageTooLargeException extends FingerprintImageException {
    public FingerprintImageTooLargeException(String message) {
        super(message);
    }
}

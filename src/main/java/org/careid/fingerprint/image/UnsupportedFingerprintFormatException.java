package org.careid.fingerprint.image;

/** The bytes are none of PNG, JPEG, BMP, TIFF or WSQ (HTTP 422). */
public final class UnsupportedFingerprintFormatException extends FingerprintImageException {
    public UnsupportedFingerprintFormatException(String message) {
        super(message);
    }
}

package org.careid.image;

/** Empty bytes, or bytes that are none of the formats the caller accepts (HTTP 422). */
public final class UnsupportedImageException extends ImageException {

    public UnsupportedImageException(Reason reason, String message) {
        super(require(reason), message, null);
    }

    private static Reason require(Reason reason) {
        if (reason != Reason.EMPTY && reason != Reason.UNSUPPORTED_FORMAT) {
            throw new IllegalArgumentException("not an unsupported-image reason: " + reason);
        }
        return reason;
    }
}

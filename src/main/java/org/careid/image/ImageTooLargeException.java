package org.careid.image;

/** Over the byte limit, or a header declaring a raster over the decoded-size limit (HTTP 413); nothing was decoded. */
public final class ImageTooLargeException extends ImageException {

    public ImageTooLargeException(Reason reason, String message) {
        super(require(reason), message, null);
    }

    private static Reason require(Reason reason) {
        if (reason != Reason.TOO_MANY_BYTES && reason != Reason.TOO_MANY_DECODED_BYTES) {
            throw new IllegalArgumentException("not a too-large reason: " + reason);
        }
        return reason;
    }
}

package org.careid.face.image;

/** Byte size or declared pixel count over the configured limit (HTTP 413); nothing was decoded. */
public class ImageTooLargeException extends ImageRejectedException {

    public ImageTooLargeException(Reason reason, String message) {
        super(reason, message);
    }
}

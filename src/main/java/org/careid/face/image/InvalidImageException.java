package org.careid.face.image;

/** Empty, unsupported, corrupt or truncated image bytes (HTTP 422). */
public class InvalidImageException extends ImageRejectedException {

    public InvalidImageException(Reason reason, String message) {
        super(reason, message);
    }
}

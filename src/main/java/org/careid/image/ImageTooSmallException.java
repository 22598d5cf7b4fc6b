package org.careid.image;

/** A well-formed image with too few pixels for the modality to use (HTTP 422). */
public final class ImageTooSmallException extends ImageException {

    public ImageTooSmallException(String message) {
        super(Reason.TOO_SMALL, message, null);
    }
}

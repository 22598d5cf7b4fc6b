package org.careid.image;

/**
 * An uploaded image that cannot be accepted, for either modality. {@link #reason()} is machine-readable
 * and decides the HTTP status ({@link ImageProblemMapper}): 413 for size limits, 422 for everything
 * else. Messages describe the container, never the image content.
 */
public abstract sealed class ImageException extends RuntimeException
        permits UnsupportedImageException, CorruptImageException, ImageTooLargeException, ImageTooSmallException {

    /** Why an image was refused. */
    public enum Reason {
        EMPTY(422), UNSUPPORTED_FORMAT(422), CORRUPT(422), TRUNCATED(422), TOO_SMALL(422),
        TOO_MANY_BYTES(413), TOO_MANY_DECODED_BYTES(413);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    ImageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public int httpStatus() {
        return reason.httpStatus();
    }
}

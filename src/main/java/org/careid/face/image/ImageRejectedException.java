package org.careid.face.image;

/**
 * An uploaded image the decoder refuses. {@link #reason()} is machine-readable; {@link #httpStatus()}
 * is the status a REST layer should answer with (413 for size limits, 422 for everything else).
 */
public class ImageRejectedException extends RuntimeException {

    /** Why an image was refused. */
    public enum Reason {
        EMPTY(422), UNSUPPORTED_FORMAT(422), CORRUPT(422), TRUNCATED(422), TOO_MANY_BYTES(413), TOO_MANY_PIXELS(413);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public int httpStatus() {
        return reason.httpStatus();
    }
}

package org.careid.image;

/** The format was recognised but its header or data is damaged ({@code CORRUPT}) or cut short ({@code TRUNCATED}) (HTTP 422). */
public final class CorruptImageException extends ImageException {

    public CorruptImageException(Reason reason, String message) {
        this(reason, message, null);
    }

    public CorruptImageException(Reason reason, String message, Throwable cause) {
        super(require(reason), message, cause);
    }

    /** Damaged data. */
    public static CorruptImageException corrupt(String message) {
        return new CorruptImageException(Reason.CORRUPT, message);
    }

    /** Data that ends before what its header declares. */
    public static CorruptImageException truncated(String message) {
        return new CorruptImageException(Reason.TRUNCATED, message);
    }

    private static Reason require(Reason reason) {
        if (reason != Reason.CORRUPT && reason != Reason.TRUNCATED) {
            throw new IllegalArgumentException("not a corrupt-image reason: " + reason);
        }
        return reason;
    }
}

package org.careid.device;

import java.util.Optional;

/** A failed call or check, with the kind of failure and, when the server sent one, its problem body. */
public class CareIdException extends RuntimeException {
    private final Failure failure;
    private final int httpStatus;
    private final transient Problem problem;

    public CareIdException(Failure failure, String message) {
        this(failure, message, 0, null, null);
    }

    public CareIdException(Failure failure, String message, Throwable cause) {
        this(failure, message, 0, null, cause);
    }

    public CareIdException(Failure failure, String message, int httpStatus, Problem problem, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.httpStatus = httpStatus;
        this.problem = problem;
    }

    public Failure failure() {
        return failure;
    }

    /** The HTTP status of the server's answer, 0 when the failure did not come from an HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }
}

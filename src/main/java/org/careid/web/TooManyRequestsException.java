package org.careid.web;

/**
 * A 429 {@code rate-limited} problem with the seconds after which a retry may succeed, answered in
 * the {@code Retry-After} header (RFC 9110 10.2.3) beside the problem body.
 */
public class TooManyRequestsException extends ApiException {
    private final long retryAfterSeconds;

    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        super(ProblemType.RATE_LIMITED, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

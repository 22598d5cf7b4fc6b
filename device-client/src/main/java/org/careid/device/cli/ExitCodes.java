package org.careid.device.cli;

import org.careid.device.Failure;

/** The exit codes of the command-line program, one per kind of failure (documented in README.md). */
public final class ExitCodes {
    public static final int OK = 0;
    /** A bug or an unforeseen error; the message says what happened. */
    public static final int INTERNAL_ERROR = 1;
    /** Wrong arguments or options (also picocli's usage errors), unreadable files, malformed request, unknown resource. */
    public static final int BAD_INPUT = 2;
    public static final int SERVER_UNREACHABLE = 3;
    public static final int CLOCK_SKEW = 4;
    public static final int LOCKED_OUT = 5;
    public static final int AUTHENTICATION_FAILED = 6;
    public static final int SECOND_FACTOR_REQUIRED = 7;
    /** The token has expired, or there is no saved token left. */
    public static final int TOKEN_EXPIRED = 8;
    public static final int TOKEN_REVOKED = 9;
    public static final int TOKEN_INVALID = 10;
    public static final int FORBIDDEN = 11;
    public static final int CONFLICT = 12;
    public static final int SERVER_ERROR = 13;
    /** The face capture could not be compared (no face, several faces, too dark...): capture again. */
    public static final int CAPTURE_REJECTED = 14;

    private ExitCodes() {
    }

    public static int of(Failure failure) {
        return switch (failure) {
            case BAD_INPUT -> BAD_INPUT;
            case SERVER_UNREACHABLE -> SERVER_UNREACHABLE;
            case CLOCK_SKEW -> CLOCK_SKEW;
            case LOCKED_OUT -> LOCKED_OUT;
            case AUTHENTICATION_FAILED -> AUTHENTICATION_FAILED;
            case SECOND_FACTOR_REQUIRED -> SECOND_FACTOR_REQUIRED;
            case TOKEN_EXPIRED -> TOKEN_EXPIRED;
            case TOKEN_REVOKED -> TOKEN_REVOKED;
            case TOKEN_INVALID -> TOKEN_INVALID;
            case FORBIDDEN -> FORBIDDEN;
            case CONFLICT -> CONFLICT;
            case SERVER_ERROR -> SERVER_ERROR;
            case CAPTURE_REJECTED -> CAPTURE_REJECTED;
        };
    }
}

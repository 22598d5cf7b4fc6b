package org.careid.device;

import java.time.Duration;
import java.util.Optional;

/** Turns an error answer of the server into a {@link Failure} and a message a person can act on. */
final class ErrorClassifier {
    private ErrorClassifier() {
    }

    static CareIdException classify(Endpoint endpoint, String action, int status, String body, Optional<Duration> skew) {
        Optional<Problem> problem = Problem.parse(body, status);
        String text = problem.map(Problem::searchableText).orElse("");
        Failure failure = failure(endpoint, status, problem, text);
        // A refused assertion or proof is most often a wrong clock; say so when the Date header shows it.
        if ((status == 400 || status == 401 || status == 403) && skew.filter(ClockSkew::beyondTolerance).isPresent()) {
            return new CareIdException(Failure.CLOCK_SKEW, action + " refused (HTTP " + status + "): "
                    + ClockSkew.describe(skew.get()), status, problem.orElse(null), null);
        }
        String detail = problem.map(Problem::describe).filter(s -> !s.isBlank()).orElse("HTTP " + status);
        String message = action + " failed: " + failure.summary()
                + (detail.equalsIgnoreCase(failure.summary()) ? "" : " (" + detail + ")");
        return new CareIdException(failure, message, status, problem.orElse(null), null);
    }

    private static Failure failure(Endpoint endpoint, int status, Optional<Problem> problem, String text) {
        if (status == 423 || status == 429 || text.contains("locked")) {
            return Failure.LOCKED_OUT;
        }
        return switch (status) {
            case 401 -> unauthorized(endpoint, problem, text);
            case 403 -> Failure.FORBIDDEN;
            case 409 -> Failure.CONFLICT;
            case 410 -> endpoint == Endpoint.AUTHENTICATION ? Failure.AUTHENTICATION_FAILED : Failure.CONFLICT;
            case 400, 404, 405, 406, 411, 413, 414, 415, 422 -> Failure.BAD_INPUT;
            default -> Failure.SERVER_ERROR;
        };
    }

    private static Failure unauthorized(Endpoint endpoint, Optional<Problem> problem, String text) {
        if (problem.map(p -> p.flag("second_factor_required")).orElse(false)) {
            return Failure.SECOND_FACTOR_REQUIRED;
        }
        if (endpoint != Endpoint.RESOURCE) {
            return Failure.AUTHENTICATION_FAILED;
        }
        if (text.contains("replay") || text.contains("already used") || text.contains("consumed")) {
            return Failure.CONFLICT;
        }
        if (text.contains("expired")) {
            return Failure.TOKEN_EXPIRED;
        }
        if (text.contains("revoked") || text.contains("not active") || text.contains("inactive")) {
            return Failure.TOKEN_REVOKED;
        }
        return Failure.TOKEN_INVALID;
    }
}

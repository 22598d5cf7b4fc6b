package org.careid.device;

import java.time.Duration;
import java.util.Optional;

/**
 * Turns an error answer of the server into a {@link Failure} and a message a person can act on.
 * The problem {@code type} decides ({@link ProblemTypes}); an answer without a CareID type (another
 * resource server, a proxy, a newer server's unknown type) is judged by its HTTP status alone. The
 * title and detail are only shown, never interpreted.
 */
final class ErrorClassifier {
    private ErrorClassifier() {
    }

    static CareIdException classify(Endpoint endpoint, String action, int status, String body, Optional<Duration> skew) {
        Optional<Problem> problem = Problem.parse(body, status);
        Failure failure = problem.map(Problem::type).flatMap(ProblemTypes::failureOf)
                .orElseGet(() -> byStatus(endpoint, status, problem));
        // A refused assertion or proof is most often a wrong clock; say so when the Date header shows it.
        if ((status == 400 || status == 401 || status == 403) && skew.filter(ClockSkew::beyondTolerance).isPresent()) {
            return new CareIdException(Failure.CLOCK_SKEW, action + " refused (HTTP " + status + "): "
                    + ClockSkew.describe(skew.get()), status, problem.orElse(null), null);
        }
        String detail = problem.map(Problem::describe).filter(s -> !s.isBlank()).orElse("HTTP " + status);
        String what = failure.summary().startsWith(action) ? failure.summary() : action + " failed: " + failure.summary();
        String message = what + (detail.equalsIgnoreCase(failure.summary()) ? "" : " (" + detail + ")")
                + problem.flatMap(Problem::reason).map(reason -> " [reason: " + reason + "]").orElse("");
        return new CareIdException(failure, message, status, problem.orElse(null), null);
    }

    private static Failure byStatus(Endpoint endpoint, int status, Optional<Problem> problem) {
        return switch (status) {
            case 423, 429 -> Failure.LOCKED_OUT;
            case 401 -> problem.map(p -> p.flag("second_factor_required")).orElse(false) ? Failure.SECOND_FACTOR_REQUIRED
                    : endpoint == Endpoint.RESOURCE ? Failure.TOKEN_INVALID : Failure.AUTHENTICATION_FAILED;
            case 403 -> Failure.FORBIDDEN;
            case 409 -> Failure.CONFLICT;
            case 410 -> endpoint == Endpoint.AUTHENTICATION ? Failure.AUTHENTICATION_FAILED : Failure.CONFLICT;
            case 400, 404, 405, 406, 411, 413, 414, 415, 422 -> Failure.BAD_INPUT;
            default -> Failure.SERVER_ERROR;
        };
    }
}

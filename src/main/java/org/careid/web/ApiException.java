package org.careid.web;

/**
 * A failure the client can act on: it becomes a problem body with the given status. Services throw
 * it instead of returning error codes, so REST resources stay thin.
 */
public class ApiException extends RuntimeException {
    private final transient Problem problem;

    public ApiException(int status, String title, String detail) {
        this(Problem.of(status, title, detail));
    }

    public ApiException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "Not found", what + " does not exist");
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad request", detail);
    }

    /** A 400 validation problem naming the field, as bean validation reports it. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(new Problem("about:blank", "Validation failed", 400, field + " " + message,
                java.util.List.of(new Problem.Violation(field, message)), null));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }
}

package org.careid.web;

import java.util.List;

/**
 * A failure the client can act on: it becomes a problem body of the given {@link ProblemType}.
 * Services throw it instead of returning error codes, so REST resources stay thin.
 */
public class ApiException extends RuntimeException {
    private final transient Problem problem;

    public ApiException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public ApiException(ProblemType type, String title, String detail) {
        this(Problem.of(type, title, detail));
    }

    public ApiException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemType.NOT_FOUND, what + " does not exist");
    }

    /** A 400 for a request that breaks a rule not tied to one field. */
    public static ApiException badRequest(String detail) {
        return new ApiException(ProblemType.VALIDATION, "Bad request", detail);
    }

    /** A 400 validation problem naming the field, as bean validation reports it. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(Problem.invalid(field + " " + message, List.of(new Problem.Violation(field, message))));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }
}

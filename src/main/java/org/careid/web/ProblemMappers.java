package org.careid.web;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every exception that leaves a REST resource into a problem body. Client mistakes get a
 * 4xx naming the field; anything unexpected is a 500 with a correlation id in the log, never a
 * stack trace in the response.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response tooManyRequests(TooManyRequestsException e) {
        Response plain = e.problem().toResponse();
        return Response.fromResponse(plain).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + " " + v.message())
                .reduce((a, b) -> a + "; " + b).orElse("Invalid request");
        return Problem.invalid(detail, violations).toResponse();
    }

    /** Declared for the subtype too, so it wins over the JSON extension's own mapper (which answers without a problem body). */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> a + "." + b).orElse(null)
                : null;
        String detail = field == null ? "The request body is not valid JSON for this endpoint"
                : "Field '" + field + "' has the wrong type or format";
        ProblemType type = ProblemType.MALFORMED_REQUEST;
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail,
                field == null ? null : List.of(new Problem.Violation(field, "wrong type or format")), null);
        return problem.toResponse();
    }

    /** A body in no valid Unicode encoding (Jackson reports it as an I/O error, not a parse error): 400. */
    @ServerExceptionMapper
    public Response undecodableBody(java.io.CharConversionException e) {
        return Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON for this endpoint").toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return Problem.of(ProblemType.AUTHENTICATION_REQUIRED, "Authentication is required").toResponse();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Problem.of(ProblemType.CREDENTIALS_REFUSED, "The credentials were not accepted").toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(ProblemType.FORBIDDEN, "Your role does not allow this action").toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // the JSON reader wraps what it could not parse (not JSON, a field named twice: StrictJson)
            return unreadableJson(unreadable);
        }
        if (e.getCause() instanceof java.io.CharConversionException undecodable) {
            return undecodableBody(undecodable);
        }
        Response.StatusType info = e.getResponse().getStatusInfo();
        return Problem.of(ProblemType.forStatus(status), info.getReasonPhrase(), e.getMessage()).withStatus(status).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseUnavailable.causedBy(e)) {
            LOG.warnf("Database unavailable: %s", e.toString());
            return Response.fromResponse(Problem.of(ProblemType.DATABASE_UNAVAILABLE,
                    "The database did not answer in time; try again shortly").toResponse())
                    .header("Retry-After", "5").build();
        }
        var formFailure = FormBodyFailures.problemFor(e);
        if (formFailure.isPresent()) {
            // the client's body, not a server fault: one line, no stack trace
            LOG.debugf("Form body refused: %s", e.getClass().getSimpleName());
            return formFailure.get().toResponse();
        }
        String incident = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return Problem.of(ProblemType.INTERNAL_ERROR, "Unexpected error; incident " + incident).toResponse();
    }

    /** "create.body.employeeId" becomes "employeeId": clients know their field, not our methods. */
    private static String fieldName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}

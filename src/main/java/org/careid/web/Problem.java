package org.careid.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem details body: the one error shape of the whole API. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> violations,
                      @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record Violation(String field, String message) {}

    /** A problem of this type with its default status and title. */
    public static Problem of(ProblemType type, String detail) {
        return of(type, type.title(), detail);
    }

    /** A problem of this type with its default status and another title. */
    public static Problem of(ProblemType type, String title, String detail) {
        return new Problem(type.uri(), title, type.status(), detail, null, null);
    }

    /** A validation problem listing the fields at fault. */
    public static Problem invalid(String detail, List<Violation> violations) {
        return new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400, detail, violations, null);
    }

    /** The same problem answered with another status (the HTTP layer's own 4xx without a type of their own). */
    public Problem withStatus(int otherStatus) {
        return new Problem(type, title, otherStatus, detail, violations, extensions);
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(extensions == null ? Map.of() : extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, violations, more);
    }

    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}

package org.careid.image;

import jakarta.ws.rs.core.Response;

import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refused images of either modality are the client's problem: 413 {@code image-too-large} for the size
 * limits, 422 {@code image-unsupported} or {@code image-unusable} for the rest, with the machine-readable
 * {@code reason} as an extension member of the problem body.
 */
public class ImageProblemMapper {

    @ServerExceptionMapper
    public Response image(ImageException e) {
        return Problem.of(type(e.reason()), e.getMessage()).with("reason", e.reason().name()).toResponse();
    }

    static ProblemType type(ImageException.Reason reason) {
        return switch (reason) {
            case TOO_MANY_BYTES, TOO_MANY_DECODED_BYTES -> ProblemType.IMAGE_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> ProblemType.IMAGE_UNSUPPORTED;
            case EMPTY, CORRUPT, TRUNCATED, TOO_SMALL -> ProblemType.IMAGE_UNUSABLE;
        };
    }
}

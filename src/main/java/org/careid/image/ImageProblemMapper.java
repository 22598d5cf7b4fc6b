package org.careid.image;

import jakarta.ws.rs.core.Response;

import org.careid.web.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refused images of either modality are the client's problem: 413 for the size limits, 422 for the
 * rest, with the machine-readable {@code reason} as an extension member of the problem body.
 */
public class ImageProblemMapper {

    @ServerExceptionMapper
    public Response image(ImageException e) {
        int status = e.httpStatus();
        return Problem.of(status, status == 413 ? "Image too large" : "Unusable image", e.getMessage())
                .with("reason", e.reason().name()).toResponse();
    }
}

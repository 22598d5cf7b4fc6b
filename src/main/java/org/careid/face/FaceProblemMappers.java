package org.careid.face;

import jakarta.ws.rs.core.Response;

import org.careid.face.image.ImageRejectedException;
import org.careid.face.model.FaceModelsUnavailableException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad face images are the client's problem (413/422); missing models are ours (503). */
public class FaceProblemMappers {
    @ServerExceptionMapper
    public Response image(ImageRejectedException e) {
        return Problem.of(type(e.reason()), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response models(FaceModelsUnavailableException e) {
        return Response.fromResponse(Problem.of(ProblemType.SERVICE_UNAVAILABLE, "Face recognition unavailable", e.getMessage())
                        .toResponse())
                .header("Retry-After", "30").build();
    }

    static ProblemType type(ImageRejectedException.Reason reason) {
        return switch (reason) {
            case TOO_MANY_BYTES, TOO_MANY_PIXELS -> ProblemType.IMAGE_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> ProblemType.IMAGE_UNSUPPORTED;
            case EMPTY, CORRUPT, TRUNCATED -> ProblemType.IMAGE_UNUSABLE;
        };
    }
}

package org.careid.face;

import jakarta.ws.rs.core.Response;

import org.careid.face.image.ImageRejectedException;
import org.careid.face.model.FaceModelsUnavailableException;
import org.careid.web.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad face images are the client's problem (413/415/422); missing models are ours (503). */
public class FaceProblemMappers {
    @ServerExceptionMapper
    public Response image(ImageRejectedException e) {
        int status = e.httpStatus();
        return Problem.of(status, status == 413 ? "Image too large" : "Unusable image", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response models(FaceModelsUnavailableException e) {
        return Response.fromResponse(Problem.of(503, "Face recognition unavailable", e.getMessage()).toResponse())
                .header("Retry-After", "30").build();
    }
}

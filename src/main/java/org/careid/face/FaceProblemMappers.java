package org.careid.face;

import jakarta.ws.rs.core.Response;

import org.careid.face.model.FaceModelsUnavailableException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Missing or overloaded face models are ours (503); bad images are mapped by {@link org.careid.image.ImageProblemMapper}. */
public class FaceProblemMappers {
    @ServerExceptionMapper
    public Response models(FaceModelsUnavailableException e) {
        return Response.fromResponse(Problem.of(ProblemType.SERVICE_UNAVAILABLE, "Face recognition unavailable", e.getMessage())
                        .toResponse())
                .header("Retry-After", "30").build();
    }
}

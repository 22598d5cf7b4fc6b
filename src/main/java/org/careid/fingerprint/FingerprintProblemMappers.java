package org.careid.fingerprint;

import jakarta.ws.rs.core.Response;

import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad templates are the client's problem (422); bad images are mapped by {@link org.careid.image.ImageProblemMapper}. */
public class FingerprintProblemMappers {
    @ServerExceptionMapper
    public Response template(UnsupportedTemplateFormatException e) {
        return Problem.of(ProblemType.TEMPLATE_UNSUPPORTED, e.getMessage()).toResponse();
    }
}

package org.careid.fingerprint;

import jakarta.ws.rs.core.Response;

import org.careid.fingerprint.image.FingerprintImageException;
import org.careid.fingerprint.image.FingerprintImageTooLargeException;
import org.careid.fingerprint.image.UnsupportedFingerprintFormatException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad fingerprint images and templates are the client's problem: 413 or 422, never 500. */
public class FingerprintProblemMappers {
    @ServerExceptionMapper
    public Response image(FingerprintImageException e) {
        if (e instanceof FingerprintImageTooLargeException) {
            return Problem.of(ProblemType.IMAGE_TOO_LARGE, e.getMessage()).toResponse();
        }
        if (e instanceof UnsupportedFingerprintFormatException) {
            return Problem.of(ProblemType.IMAGE_UNSUPPORTED, e.getMessage()).toResponse();
        }
        return Problem.of(ProblemType.IMAGE_UNUSABLE, "Unusable fingerprint image", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response template(UnsupportedTemplateFormatException e) {
        return Problem.of(ProblemType.TEMPLATE_UNSUPPORTED, e.getMessage()).toResponse();
    }
}

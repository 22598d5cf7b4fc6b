package org.careid.fingerprint;

import jakarta.ws.rs.core.Response;

import org.careid.fingerprint.image.FingerprintImageException;
import org.careid.fingerprint.image.FingerprintImageTooLargeException;
import org.careid.web.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad fingerprint images and templates are the client's problem: 413 or 422, never 500. */
public class FingerprintProblemMappers {
    @ServerExceptionMapper
    public Response image(FingerprintImageException e) {
        int status = e instanceof FingerprintImageTooLargeException ? 413 : 422;
        return Problem.of(status, status == 413 ? "Image too large" : "Unusable fingerprint image", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response template(UnsupportedTemplateFormatException e) {
        return Problem.of(422, "Unsupported template", e.getMessage()).toResponse();
    }
}

package org.careid.face.model;

/** The face models are not loaded (missing/corrupt file) or overloaded: HTTP 503 for the caller. */
public class FaceModelsUnavailableException extends RuntimeException {

    public FaceModelsUnavailableException(String message) {
        super(message);
    }
}

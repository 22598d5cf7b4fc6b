package org.careid.face;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.face.model.FaceModels;
import org.careid.face.model.ModelManifest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The running embedder's identity, stored with every face template: only templates the same model
 * made can be compared. The version is the first 12 hex digits of its sha256 in the model manifest.
 */
@ApplicationScoped
public class FaceEmbedderVersion {
    private final String modelsDir;
    private volatile String version;

    @Inject
    FaceEmbedderVersion(@ConfigProperty(name = "careid.models.dir", defaultValue = "models") String modelsDir) {
        this.modelsDir = modelsDir;
    }

    public String version() {
        if (version == null) {
            try {
                version = ModelManifest.read(Path.of(modelsDir, "manifest.json")).entry(FaceModels.EMBEDDER_ID)
                        .map(e -> e.sha256().substring(0, 12)).orElse("unknown");
            } catch (IOException e) {
                version = "unknown";
            }
        }
        return version;
    }

    /** True when the running embedder made this template. */
    boolean made(EnrolledFace row) {
        return FaceModels.EMBEDDER_ID.equals(row.modelId) && version().equals(row.modelVersion);
    }
}

package org.careid.face;

import java.nio.file.Files;
import java.nio.file.Path;
import org.careid.face.model.FaceModels;
import org.careid.support.Prerequisites;

/** Where tests find the models and the shared photos; skips cleanly when they are absent. */
public final class TestData {

    private static FaceModels models;

    private TestData() {
    }

    public static Path modelsDir() {
        return Path.of(System.getProperty("careid.models.dir", "models"));
    }

    public static Path datasets() {
        return Path.of(System.getProperty("careid.datasets.dir", "../shared/datasets"));
    }

    /** A dataset file, or the test is skipped with a clear message. */
    public static Path photo(String relative) {
        Path p = datasets().resolve(relative);
        Prerequisites.require(Files.isRegularFile(p), "dataset photo " + p + " absent (set careid.datasets.dir)");
        return p;
    }

    /** Shared loaded models (loaded once per test JVM), or the test is skipped. */
    public static synchronized FaceModels models() {
        if (models == null) {
            Prerequisites.require(Files.isRegularFile(modelsDir().resolve("manifest.json")), "no models/manifest.json under " + modelsDir());
            models = FaceModels.load(modelsDir(), 1);
        }
        Prerequisites.require(models.ready(), "face models not loaded (" + models.failure()
                + "); run CAREID_MODELS_MIRROR=/work/shared/models bash scripts/fetch-models");
        return models;
    }
}

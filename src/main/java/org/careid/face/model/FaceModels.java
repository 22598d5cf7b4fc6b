package org.careid.face.model;

import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads YuNet, MobileFaceNet and the two MiniFASNet presentation-attack models once (at startup in the server) through DJL's ONNX Runtime engine,
 * one intra-op and one inter-op thread per session so concurrent requests scale over the cores
 * instead of fighting inside one inference. A missing or corrupt model never stops the server: the
 * reason is kept, {@link FaceModelsHealthCheck} reports DOWN with it, face calls throw
 * {@link FaceModelsUnavailableException}.
 */
@ApplicationScoped
@Startup
public class FaceModels implements AutoCloseable {

    /** YuNet export with a fixed 640x640 input (byte-identical to OpenCV Zoo's 2023mar model). */
    public static final String DETECTOR_FIXED = "yunet_s_640_640";
    /** The same detector exported with dynamic height and width (multiples of 32). */
    public static final String DETECTOR_DYNAMIC = "yunet_s_dynamic";
    public static final String EMBEDDER_ID = "mobilefacenet";
    public static final int EMBEDDER_INPUT = 112;
    /** MiniFASNetV2, presentation-attack detection on a 2.7x context crop. */
    public static final String PAD_V2_ID = "minifasnet_v2";
    /** MiniFASNetV1SE, presentation-attack detection on a 4.0x context crop. */
    public static final String PAD_V1SE_ID = "minifasnet_v1se";

    private static final Logger LOG = Logger.getLogger(FaceModels.class);

    private final Path dir;
    private final int poolSize;
    private final String detectorId;
    private volatile ModelPool detector;
    private volatile ModelPool embedder;
    private volatile ModelPool padV2;
    private volatile ModelPool padV1se;
    private volatile String failure = "not loaded yet";

    @Inject
    public FaceModels(@ConfigProperty(name = "careid.models.dir", defaultValue = "models") String dir,
                      @ConfigProperty(name = "careid.face.predictors", defaultValue = "2") int poolSize,
                      @ConfigProperty(name = "careid.face.detector-model", defaultValue = DETECTOR_DYNAMIC) String detectorId) {
        this.dir = Path.of(dir);
        this.poolSize = Math.max(1, poolSize);
        if (!DETECTOR_FIXED.equals(detectorId) && !DETECTOR_DYNAMIC.equals(detectorId)) {
            throw new IllegalArgumentException("careid.face.detector-model must be " + DETECTOR_FIXED + " or " + DETECTOR_DYNAMIC);
        }
        this.detectorId = detectorId;
    }

    /** Loaded models outside CDI (tools, tests) with the default detector; check {@link #ready()}. */
    public static FaceModels load(Path dir, int poolSize) {
        return load(dir, poolSize, DETECTOR_DYNAMIC);
    }

    /** Loaded models outside CDI with a chosen detector export ({@link #DETECTOR_FIXED} or {@link #DETECTOR_DYNAMIC}). */
    public static FaceModels load(Path dir, int poolSize, String detectorId) {
        FaceModels m = new FaceModels(dir.toString(), poolSize, detectorId);
        m.load();
        return m;
    }

    @PostConstruct
    synchronized void load() {
        // DJL must never phone home (telemetry, cloud metadata); the env vars may be missing.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            Path manifestFile = dir.resolve("manifest.json");
            if (!Files.isRegularFile(manifestFile)) {
                throw new IOException("model manifest not found: " + manifestFile.toAbsolutePath()
                        + " (check careid.models.dir)");
            }
            ModelManifest manifest = ModelManifest.read(manifestFile);
            detector = open(manifest, detectorId);
            embedder = open(manifest, EMBEDDER_ID);
            padV2 = open(manifest, PAD_V2_ID);
            padV1se = open(manifest, PAD_V1SE_ID);
            failure = null;
            LOG.infof("face models loaded from %s (%d predictors each)", dir.toAbsolutePath(), poolSize);
        } catch (Exception e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.errorf("face models unavailable: %s", failure);
            closePools();
        }
    }

    private ModelPool open(ModelManifest manifest, String id) throws Exception {
        ModelManifest.Entry entry = manifest.entry(id)
                .orElseThrow(() -> new IOException("model " + id + " is not in " + dir.resolve("manifest.json")));
        Path file = dir.resolve(entry.path());
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file missing: " + file + " (run scripts/fetch-models)");
        }
        String actual = sha256(file);
        if (!actual.equalsIgnoreCase(entry.sha256())) {
            throw new IOException("model file corrupt: " + file + " has sha256 " + actual + ", manifest says " + entry.sha256());
        }
        @SuppressWarnings("unchecked")
        Class<Map<String, float[]>> outType = (Class<Map<String, float[]>>) (Class<?>) Map.class;
        Criteria<Tensor, Map<String, float[]>> criteria = Criteria.builder()
                .setTypes(Tensor.class, outType)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optTranslator(new TensorTranslator())
                .optOption("interOpNumThreads", "1")
                .optOption("intraOpNumThreads", "1")
                .build();
        ZooModel<Tensor, Map<String, float[]>> model = criteria.loadModel();
        return new ModelPool(id, model, poolSize, 10_000);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean ready() {
        return failure == null;
    }

    /** Why the models are unavailable, or null when ready. */
    public String failure() {
        return failure;
    }

    public ModelPool detector() {
        requireReady();
        return detector;
    }

    public ModelPool embedder() {
        requireReady();
        return embedder;
    }

    public ModelPool padV2() {
        requireReady();
        return padV2;
    }

    public ModelPool padV1se() {
        requireReady();
        return padV1se;
    }

    /** Which YuNet export is loaded. */
    public String detectorId() {
        return detectorId;
    }

    /** True when the detector takes any input size (multiples of 32) instead of a fixed 640x640. */
    public boolean dynamicDetector() {
        return DETECTOR_DYNAMIC.equals(detectorId);
    }

    public Path dir() {
        return dir;
    }

    private void requireReady() {
        if (failure != null) {
            throw new FaceModelsUnavailableException("face models unavailable: " + failure);
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        closePools();
        failure = "closed";
    }

    private void closePools() {
        if (detector != null) {
            detector.close();
            detector = null;
        }
        if (embedder != null) {
            embedder.close();
            embedder = null;
        }
        if (padV2 != null) {
            padV2.close();
            padV2 = null;
        }
        if (padV1se != null) {
            padV1se.close();
            padV1se = null;
        }
    }
}

package org.careid.face.evaluation;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.careid.face.FaceAnalysis;
import org.careid.face.FacePipeline;
import org.careid.face.FacePurpose;
import org.careid.face.detect.AlignedFace;
import org.careid.face.detect.FaceAligner;
import org.careid.face.embed.FaceEmbedder;
import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.careid.face.model.FaceModels;
import org.careid.face.quality.MaskFeatures;
import org.careid.image.ImageException;

/**
 * The server's detection and alignment (FacePipeline, authentication purpose: a clearly dominant
 * face is used), then the embedding of the aligned crop whatever the quality gate says, so masked
 * faces get one too. Embeddings are cached per file (path, size, modification time) in a local file
 * under target/ so that the training, evaluation and verification tools embed each photo once.
 */
public final class FaceSampleExtractor implements AutoCloseable {

    private final FacePipeline pipeline;
    private final FaceAligner aligner = new FaceAligner();
    private final FaceEmbedder embedder;
    private final FaceImageDecoder decoder = FaceImageDecoder.withDefaults();
    private final Path cacheFile;
    private final Map<String, String> cache = new HashMap<>();
    private BufferedWriter cacheOut;

    public FaceSampleExtractor(FaceModels models, Path cacheFile) throws IOException {
        this.pipeline = FacePipeline.forTools(models);
        this.embedder = new FaceEmbedder(models);
        this.cacheFile = cacheFile;
        if (cacheFile != null && Files.isRegularFile(cacheFile)) {
            try (BufferedReader r = Files.newBufferedReader(cacheFile, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        cache.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            }
        }
    }

    /**
     * Mask features of the chosen face ({@link MaskFeatures}: the embedding comes first, so
     * {@link #embeddingOf} gives it back), or null with {@code failure[0]} set (NO_FACE, or the image refusal). */
    public float[] embed(Path file, String[] failure) throws IOException {
        String key = file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        String cached = cache.get(key);
        if (cached == null) {
            cached = compute(file);
            cache.put(key, cached);
            if (cacheFile != null) {
                if (cacheOut == null) {
                    Files.createDirectories(cacheFile.toAbsolutePath().getParent());
                    cacheOut = Files.newBufferedWriter(cacheFile, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                }
                cacheOut.write(key + "\t" + cached + "\n");
            }
        }
        if (cached.startsWith("!")) {
            failure[0] = cached.substring(1);
            return null;
        }
        byte[] raw = Base64.getDecoder().decode(cached);
        float[] v = new float[raw.length / 4];
        java.nio.ByteBuffer.wrap(raw).asFloatBuffer().get(v);
        return v;
    }

    private String compute(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (DecodedImage img = decoder.decode(bytes)) {
            FaceAnalysis a = pipeline.analyze(img.bgr(), FacePurpose.AUTHENTICATION);
            if (a.chosen() == null) {
                return "!" + a.quality().issues().iterator().next().name();
            }
            try (AlignedFace aligned = aligner.align(img.bgr(), a.chosen())) {
                float[] e = MaskFeatures.of(aligned.crop(), embedder.embed(aligned.crop()));
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * e.length);
                b.asFloatBuffer().put(e);
                return Base64.getEncoder().encodeToString(b.array());
            }
        } catch (ImageException e) {
            return "!" + e.reason().name();
        }
    }

    /**
     * Embeddings of the photo's chosen face with a mask drawn on it ({@link SyntheticMask}, each
     * colour), for enrollment that adds synthetic masked templates. Not cached.
     */
    public List<float[]> syntheticMaskedEmbeddings(Path file) throws IOException {
        List<float[]> out = new ArrayList<>();
        try (DecodedImage img = decoder.decode(Files.readAllBytes(file))) {
            FaceAnalysis bare = pipeline.analyze(img.bgr(), FacePurpose.AUTHENTICATION);
            if (bare.chosen() == null) {
                return out;
            }
            for (org.opencv.core.Scalar colour : SyntheticMask.COLOURS) {
                org.opencv.core.Mat copy = img.bgr().clone();
                SyntheticMask.draw(copy, bare.chosen(), colour);
                FaceAnalysis a = pipeline.analyze(copy, FacePurpose.AUTHENTICATION);
                if (a.chosen() != null) {
                    try (AlignedFace aligned = aligner.align(copy, a.chosen())) {
                        out.add(embedder.embed(aligned.crop()));
                    }
                }
                copy.release();
            }
        } catch (ImageException e) {
            return out;
        }
        return out;
    }

    /** The MobileFaceNet embedding at the head of a feature vector. */
    public static float[] embeddingOf(float[] features) {
        return java.util.Arrays.copyOf(features, FaceEmbedder.DIMENSIONS);
    }

    /** Image files anywhere beneath {@code dir}, sorted (hidden files and text files skipped). */
    public static List<Path> images(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().toLowerCase().endsWith(".txt"))
                    .sorted().toList());
        }
    }

    @Override
    public void close() throws IOException {
        if (cacheOut != null) {
            cacheOut.close();
        }
    }
}

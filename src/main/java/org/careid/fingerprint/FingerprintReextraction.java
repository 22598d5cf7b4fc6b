package org.careid.fingerprint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds stored templates from the raw impressions kept (encrypted) for that purpose, after a
 * SourceAFIS upgrade made the stored templates unreadable. Enrolment already vetted these images,
 * so no quality or consistency check refuses them here.
 */
@ApplicationScoped
public class FingerprintReextraction {
    private final FingerprintPipeline pipeline;

    @Inject
    public FingerprintReextraction(FingerprintPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public List<StoredFingerprintTemplate> reextract(List<byte[]> rawImpressions, int dpi, int finger) {
        List<StoredFingerprintTemplate> templates = new ArrayList<>();
        for (byte[] image : rawImpressions) {
            templates.add(StoredFingerprintTemplate.of(pipeline.extract(image, dpi).template(), finger, dpi));
        }
        return templates;
    }

    /** True when the template must be rebuilt because another SourceAFIS version made it. */
    public static boolean needsReextraction(StoredFingerprintTemplate template) {
        return !template.isCurrentVersion();
    }
}

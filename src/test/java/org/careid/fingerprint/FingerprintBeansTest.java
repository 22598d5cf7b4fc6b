package org.careid.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.careid.fingerprint.image.FingerprintImageDecoder;
import org.careid.fingerprint.image.GeneratedImages;
import org.careid.image.UnsupportedImageException;
import org.junit.jupiter.api.Test;

/** The services wire up in the container with their configuration defaults. */
@QuarkusTest
class FingerprintBeansTest {
    @Inject
    FingerprintEnrollment enrollment;
    @Inject
    FingerprintPipeline pipeline;
    @Inject
    FingerprintGallery gallery;
    @Inject
    FingerprintThresholds thresholds;
    @Inject
    FingerprintImageDecoder decoder;

    @Test
    void defaultsComeFromConfiguration() {
        assertEquals(40, thresholds.verification(), 1e-9);
        assertEquals(10L * 1024 * 1024, decoder.limits().maxBytes());
    }

    @Test
    void enrollmentRefusesBlankCapturesAndTheGalleryStaysEmpty() {
        byte[] blank = GeneratedImages.encode(GeneratedImages.blank(300, 300), "png");
        FingerprintEnrollmentResult result = enrollment.enroll(List.of(blank, blank, blank), 500, 1);
        assertFalse(result.accepted());
        assertEquals(3, result.reasons().stream().filter(r -> r.contains("too few minutiae")).count());
        assertThrows(UnsupportedImageException.class, () -> pipeline.extract(new byte[] {9, 9, 9, 9}, 500));
        FingerprintMatch none = gallery.identify(pipeline.extract(GeneratedImages.encode(GeneratedImages.ridges(300, 300), "png"), 500).template());
        assertFalse(none.matched());
        assertTrue(gallery.verify(pipeline.extract(blank, 500).template(), UUID.randomUUID()).staffId() == null);
    }
}

package org.careid.fingerprint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careid.fingerprint.image.FingerprintImageDecoder;
import org.careid.fingerprint.image.GreyscaleImage;

/**
 * Image bytes to template: decode within limits, prepare (CLAHE), extract with quality measures.
 * Enrollment, probes and re-extraction all go through here so they see the same preparation.
 * Throws the {@link org.careid.image.ImageException} subtypes for bad images.
 */
@ApplicationScoped
public class FingerprintPipeline {
    private final FingerprintImageDecoder decoder;
    private final FingerprintImagePreparation preparation;
    private final FingerprintExtractor extractor;

    @Inject
    public FingerprintPipeline(FingerprintImageDecoder decoder, FingerprintImagePreparation preparation,
            FingerprintExtractor extractor) {
        this.decoder = decoder;
        this.preparation = preparation;
        this.extractor = extractor;
    }

    /** Default limits and preparation, for tools and tests outside the container. */
    public static FingerprintPipeline standalone(boolean clahe) {
        return new FingerprintPipeline(new FingerprintImageDecoder(FingerprintImageDecoder.DEFAULT_LIMITS),
                new FingerprintImagePreparation(clahe), new FingerprintExtractor());
    }

    public ExtractedFingerprint extract(byte[] image, double dpi) {
        GreyscaleImage equalised = preparation.clahe(decoder.decode(image));
        GreyscaleImage enhanced = preparation.enhance(equalised, dpi);
        // quality on the image before enhancement: a Gabor filter draws ridges into anything
        return extractor.extract(enhanced, equalised, dpi);
    }
}

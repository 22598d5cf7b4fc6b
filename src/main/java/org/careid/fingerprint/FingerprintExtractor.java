package org.careid.fingerprint;

import com.machinezoo.sourceafis.FingerprintImage;
import com.machinezoo.sourceafis.FingerprintImageOptions;
import com.machinezoo.sourceafis.FingerprintTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import org.careid.fingerprint.image.GreyscaleImage;

/**
 * Turns a decoded grey image into a SourceAFIS template plus quality measures. SourceAFIS rescales
 * internally to 500 dpi from the dpi given here, so a reader's true resolution matters (FVC2002 DB2
 * is 569 dpi). Thread-safe: SourceAFIS extraction and the transparency capture are per call.
 */
@ApplicationScoped
public class FingerprintExtractor {
    private static final double MM_PER_INCH = 25.4;

    public ExtractedFingerprint extract(GreyscaleImage image, double dpi) {
        return extract(image, image, dpi);
    }

    /**
     * @param image what SourceAFIS extracts the template from
     * @param qualityImage the same capture before any enhancement, for the ridge-flow and ridge-pattern measures
     */
    public ExtractedFingerprint extract(GreyscaleImage image, GreyscaleImage qualityImage, double dpi) {
        if (dpi < 100 || dpi > 2500) {
            throw new IllegalArgumentException("dpi must be between 100 and 2500");
        }
        FingerprintImage fingerprint = new FingerprintImage(image.width(), image.height(), image.pixels(),
                new FingerprintImageOptions().dpi(dpi));
        FingerprintTemplate template;
        double fraction;
        try (MaskCapture mask = new MaskCapture()) {
            template = new FingerprintTemplate(fingerprint);
            fraction = mask.foregroundFraction();
        }
        double imageAreaMm2 = (image.width() * MM_PER_INCH / dpi) * (image.height() * MM_PER_INCH / dpi);
        double[] flow = RidgeFlow.measure(qualityImage, dpi);
        double ridgeFlow = flow[0];
        FingerprintQuality quality = new FingerprintQuality(FingerprintTemplates.minutiaeCount(template), fraction, ridgeFlow,
                Math.min(fraction, ridgeFlow) * imageAreaMm2, RidgePattern.periodicFraction(qualityImage, dpi), flow[1]);
        return new ExtractedFingerprint(template, quality, dpi);
    }
}

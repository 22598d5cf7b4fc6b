package org.careid.fingerprint;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Tells a colour photograph from a reader's impression: fingerprint readers deliver grey images (or
 * grey stored as RGB, with equal channels), while a photo of a face or a scene has clear colour.
 * Used at enrollment, on bytes the fingerprint decoder has already accepted.
 */
final class ColourPhoto {
    /**
     * Mean channel spread (|R-G| + |G-B| + |B-R|) / 3 from which an image is a colour photograph: 0 on
     * all 360 FVC impressions and the SourceAFIS samples, 4 to 60 on 301 of the 302 face photos.
     */
    static final double MIN_MEAN_CHROMA = 3;
    private static final int SUBSAMPLING = 4;

    private ColourPhoto() {
    }

    /** True for a clearly coloured image; false for grey ones and for formats ImageIO cannot read (WSQ). */
    static boolean isColourPhoto(byte[] data) {
        return meanChroma(data) >= MIN_MEAN_CHROMA;
    }

    static double meanChroma(byte[] data) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                if (reader.getRawImageType(0) != null && reader.getRawImageType(0).getNumComponents() < 3) {
                    return 0;
                }
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(SUBSAMPLING, SUBSAMPLING, 0, 0);
                return meanChroma(reader.read(0, param));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double meanChroma(BufferedImage image) {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                sum += (Math.abs(r - g) + Math.abs(g - b) + Math.abs(b - r)) / 3.0;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}

package org.careid.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.careid.fingerprint.image.GreyscaleImage;
import org.junit.jupiter.api.Test;

/** The optional Gabor enhancement restores noisy ridges, keeps their polarity and whitens flat background. */
class GaborEnhancementTest {
    private static final int W = 240;
    private static final int H = 200;
    private static final double PERIOD = 10;

    /** Oblique ridges (period 10 px) on the left 3/4, flat grey on the right quarter; optional noise. */
    private static double clean(int x, int y) {
        double angle = Math.toRadians(30);
        double t = x * Math.cos(angle) + y * Math.sin(angle);
        return Math.cos(2 * Math.PI * t / PERIOD);
    }

    private static GreyscaleImage image(double noise, long seed) {
        Random random = new Random(seed);
        byte[] p = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = x < W * 3 / 4 ? 128 + 60 * clean(x, y) + noise * random.nextGaussian() : 200;
                p[y * W + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
            }
        }
        return new GreyscaleImage(W, H, p);
    }

    /** Correlation with the clean ridge pattern over the interior of the ridge area. */
    private static double correlation(GreyscaleImage image) {
        double sxy = 0, sxx = 0, syy = 0, sx = 0, sy = 0;
        int n = 0;
        for (int y = 30; y < H - 30; y++) {
            for (int x = 30; x < W * 3 / 4 - 30; x++) {
                double a = image.pixels()[y * W + x] & 0xff;
                double b = clean(x, y);
                sx += a;
                sy += b;
                sxx += a * a;
                syy += b * b;
                sxy += a * b;
                n++;
            }
        }
        double cov = sxy / n - sx / n * sy / n;
        return cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
    }

    @Test
    void noisyRidgesComeOutCleanerWithTheirPolarityAndFlatAreasWhite() {
        GreyscaleImage noisy = image(70, 7);
        GreyscaleImage enhanced = GaborEnhancement.enhance(noisy, 500);
        assertEquals(W, enhanced.width());
        assertEquals(H, enhanced.height());
        double before = correlation(noisy);
        double after = correlation(enhanced);
        assertTrue(after > before + 0.2, "before " + before + ", after " + after);
        assertTrue(after > 0.8, "ridges stay dark and valleys bright: correlation " + after);
        assertEquals(255, enhanced.pixels()[(H / 2) * W + W - 10] & 0xff, "flat background becomes white");
    }

    @Test
    void imagesAboveThePixelBudgetAreLeftAlone() {
        int side = (int) Math.sqrt(GaborEnhancement.MAX_PIXELS) + 1;
        GreyscaleImage huge = new GreyscaleImage(side, side, new byte[side * side]);
        assertTrue(huge == GaborEnhancement.enhance(huge, 500));
    }

    @Test
    void ridgeWavelengthIsEstimatedFromTheImage() {
        float[] norm = new float[W * H];
        float[] std = new float[W * H];
        double[] theta = new double[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                norm[y * W + x] = (float) clean(x, y);
                std[y * W + x] = x < W * 3 / 4 ? 40 : 0;
                theta[y * W + x] = Math.toRadians(30);
            }
        }
        assertEquals(PERIOD, GaborEnhancement.medianWavelength(norm, std, theta, W, H, 1.0), 1.0);
        assertEquals(PERIOD * 1.2, GaborEnhancement.medianWavelength(stretch(1.2), std, theta, W, H, 1.0), 1.5);
    }

    /** The same pattern with ridges 1.2 times wider. */
    private static float[] stretch(double factor) {
        float[] out = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double t = x * Math.cos(Math.toRadians(30)) + y * Math.sin(Math.toRadians(30));
                out[y * W + x] = (float) Math.cos(2 * Math.PI * t / (PERIOD * factor));
            }
        }
        return out;
    }
}

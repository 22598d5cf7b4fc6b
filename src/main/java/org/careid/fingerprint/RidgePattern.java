package org.careid.fingerprint;

import org.careid.fingerprint.image.GreyscaleImage;

/**
 * Share of an image that shows a fingerprint's ridge pattern: blocks whose grey values, read across
 * the dominant orientation, rise and fall regularly with a ridge period of about 0.2 to 0.8 mm (the
 * "x-signature" of Hong, Wan and Jain, 1998). Coherence alone ({@link RidgeFlow}) also accepts the
 * edges of a face photo or a drawing, which are oriented but not periodic; this tells them apart.
 */
final class RidgePattern {
    /** Ridge period bounds at 500 dpi, in pixels (0.2 to 0.8 mm; real fingers sit around 0.45 mm). */
    static final double MIN_PERIOD_500 = 4;
    static final double MAX_PERIOD_500 = 16;
    /** At least this many ridge crests across a 1.3 mm window, spaced regularly. */
    static final int MIN_PEAKS = 3;
    static final double MAX_PERIOD_SPREAD = 0.35;

    private RidgePattern() {
    }

    static double periodicFraction(GreyscaleImage image, double dpi) {
        double scale = dpi / 500;
        int block = Math.max(8, (int) Math.round(16 * scale));
        int window = 2 * block;
        int half = block / 2;
        int width = image.width();
        int height = image.height();
        byte[] p = image.pixels();
        int blocksX = (width - window) / block;
        int blocksY = (height - window) / block;
        if (blocksX <= 0 || blocksY <= 0) {
            return 0;
        }
        double minPeriod = MIN_PERIOD_500 * scale;
        double maxPeriod = MAX_PERIOD_500 * scale;
        double[] signature = new double[window];
        int periodic = 0;
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                int cx = bx * block + window / 2;
                int cy = by * block + window / 2;
                // Dominant gradient direction in the window (structure tensor), i.e. across the ridges.
                double gxx = 0, gyy = 0, gxy = 0;
                for (int y = cy - half; y < cy + half; y++) {
                    for (int x = cx - half; x < cx + half; x++) {
                        int i = y * width + x;
                        double gx = (p[i + 1] & 0xff) - (p[i - 1] & 0xff);
                        double gy = (p[i + width] & 0xff) - (p[i - width] & 0xff);
                        gxx += gx * gx;
                        gyy += gy * gy;
                        gxy += gx * gy;
                    }
                }
                if (gxx + gyy == 0) {
                    continue;
                }
                double angle = 0.5 * Math.atan2(2 * gxy, gxx - gyy);
                double ux = Math.cos(angle), uy = Math.sin(angle);   // across the ridges
                double vx = -uy, vy = ux;                           // along the ridges
                for (int k = 0; k < window; k++) {
                    double sum = 0;
                    int n = 0;
                    for (int l = -half / 2; l < half / 2; l++) {
                        int x = (int) Math.round(cx + (k - window / 2) * ux + l * vx);
                        int y = (int) Math.round(cy + (k - window / 2) * uy + l * vy);
                        if (x >= 0 && y >= 0 && x < width && y < height) {
                            sum += p[y * width + x] & 0xff;
                            n++;
                        }
                    }
                    signature[k] = n == 0 ? 0 : sum / n;
                }
                if (isRidgeSignature(signature, minPeriod, maxPeriod)) {
                    periodic++;
                }
            }
        }
        return periodic / (double) (blocksX * blocksY);
    }

    /** Regularly spaced crests of real contrast: a ridge-valley wave, not an edge or flat grey. */
    private static boolean isRidgeSignature(double[] s, double minPeriod, double maxPeriod) {
        int n = s.length;
        double[] smooth = new double[n];
        for (int i = 0; i < n; i++) {
            double a = s[Math.max(0, i - 1)], b = s[i], c = s[Math.min(n - 1, i + 1)];
            smooth[i] = (a + 2 * b + c) / 4;
        }
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double v : smooth) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        if (range < RidgeFlow.MIN_STDDEV) {
            return false;
        }
        // Crests: local maxima standing out by a quarter of the range from the valleys on each side.
        int[] peaks = new int[n];
        int count = 0;
        for (int i = 1; i < n - 1; i++) {
            if (smooth[i] >= smooth[i - 1] && smooth[i] > smooth[i + 1]) {
                double leftLow = smooth[i], rightLow = smooth[i];
                for (int j = i - 1; j >= 0 && j >= i - maxPeriod; j--) leftLow = Math.min(leftLow, smooth[j]);
                for (int j = i + 1; j < n && j <= i + maxPeriod; j++) rightLow = Math.min(rightLow, smooth[j]);
                if (smooth[i] - leftLow >= range / 4 && smooth[i] - rightLow >= range / 4) {
                    peaks[count++] = i;
                }
            }
        }
        if (count < MIN_PEAKS) {
            return false;
        }
        double sum = 0, sumSq = 0;
        for (int i = 1; i < count; i++) {
            double d = peaks[i] - peaks[i - 1];
            sum += d;
            sumSq += d * d;
        }
        int gaps = count - 1;
        double mean = sum / gaps;
        double spread = Math.sqrt(Math.max(0, sumSq / gaps - mean * mean)) / mean;
        return mean >= minPeriod && mean <= maxPeriod && spread <= MAX_PERIOD_SPREAD;
    }
}

package org.careid.fingerprint;

import org.careid.fingerprint.image.GreyscaleImage;

/**
 * Share of an image that shows oriented ridge flow, from the coherence of the gradient structure
 * tensor in blocks of about 0.8 mm (16 pixels at 500 dpi). Ridges give one dominant orientation per
 * block (coherence near 1); noise, smudges and blank areas give none (near 0). SourceAFIS itself
 * finds 100 "minutiae" and a full mask in pure noise, so this is what tells noise from a finger.
 */
final class RidgeFlow {
    /** Measured on FVC foreground blocks: mostly 0.5-0.9; uniform noise about 0.05. */
    static final double MIN_COHERENCE = 0.3;
    /** Blocks flatter than this (grey standard deviation) hold no ridges at all. */
    static final double MIN_STDDEV = 8;

    private RidgeFlow() {
    }

    static double coherentFraction(GreyscaleImage image, double dpi) {
        return measure(image, dpi)[0];
    }

    /** Mean orientation coherence of the blocks with grey contrast (0 when there are none). */
    static double clarity(GreyscaleImage image, double dpi) {
        return measure(image, dpi)[1];
    }

    /** {coherent share of all blocks, mean coherence of the blocks with contrast}. */
    static double[] measure(GreyscaleImage image, double dpi) {
        int block = Math.max(8, (int) Math.round(16 * dpi / 500));
        int width = image.width();
        int height = image.height();
        byte[] p = image.pixels();
        int blocksX = (width - 2) / block;
        int blocksY = (height - 2) / block;
        if (blocksX == 0 || blocksY == 0) {
            return new double[] {0, 0};
        }
        int coherent = 0;
        int contrasted = 0;
        double coherenceSum = 0;
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                double gxx = 0, gyy = 0, gxy = 0, sum = 0, sumSq = 0;
                int n = 0;
                for (int y = 1 + by * block; y < 1 + (by + 1) * block; y++) {
                    for (int x = 1 + bx * block; x < 1 + (bx + 1) * block; x++) {
                        int i = y * width + x;
                        double gx = (p[i + 1] & 0xff) - (p[i - 1] & 0xff);
                        double gy = (p[i + width] & 0xff) - (p[i - width] & 0xff);
                        gxx += gx * gx;
                        gyy += gy * gy;
                        gxy += gx * gy;
                        double v = p[i] & 0xff;
                        sum += v;
                        sumSq += v * v;
                        n++;
                    }
                }
                double mean = sum / n;
                double stddev = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
                double energy = gxx + gyy;
                if (stddev < MIN_STDDEV || energy == 0) {
                    continue;
                }
                double coherence = Math.sqrt((gxx - gyy) * (gxx - gyy) + 4 * gxy * gxy) / energy;
                contrasted++;
                coherenceSum += coherence;
                if (coherence >= MIN_COHERENCE) {
                    coherent++;
                }
            }
        }
        return new double[] {coherent / (double) (blocksX * blocksY), contrasted == 0 ? 0 : coherenceSum / contrasted};
    }
}

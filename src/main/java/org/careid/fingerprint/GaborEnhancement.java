package org.careid.fingerprint;

import org.careid.fingerprint.image.GreyscaleImage;
import org.careid.image.OpenCvLoader;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Contextual (oriented Gabor) ridge enhancement in the manner of Hong, Wan and Jain (1998): local
 * normalisation, ridge orientation from the smoothed gradient structure tensor, ridge wavelength from
 * the x-signature of blocks (median over the finger, so one wavelength per image), then every pixel
 * takes the response of the Gabor filter tuned to its orientation (16 orientations) and that
 * wavelength. Ridges stay dark; background (flat) areas become white. Measured before extraction with
 * SourceAFIS in docs/fingerprint.md (SourceAFIS smooths along ridges itself, so the gain is not
 * assumed). Thread-safe: no state.
 */
public final class GaborEnhancement {
    static final int ORIENTATIONS = 16;
    /** Local grey standard deviation under which a region holds no ridges (grey levels). */
    private static final double MIN_LOCAL_STDDEV = 8;
    /** Grey standard deviation of a block of the finger (CLAHE image). */
    static final double MIN_BLOCK_STDDEV = 20;

    private GaborEnhancement() {
    }

    /**
     * Larger images (more than a 1,000 dpi reader's flat capture) are returned unchanged: the filter
     * bank holds several float copies of the image, which a 16-megapixel upload would turn into
     * gigabytes.
     */
    public static final long MAX_PIXELS = 4_000_000L;

    public static GreyscaleImage enhance(GreyscaleImage image, double dpi) {
        if ((long) image.width() * image.height() > MAX_PIXELS) {
            return image;
        }
        OpenCvLoader.ensureLoaded();
        double scale = dpi / 500.0;
        int w = image.width();
        int h = image.height();
        Mat grey = new Mat(h, w, CvType.CV_8UC1);
        grey.put(0, 0, image.pixels());
        Mat src = new Mat();
        grey.convertTo(src, CvType.CV_32F);
        // local normalisation: zero mean, unit deviation in a window of about 1 mm
        double sigmaLocal = 8 * scale;
        Mat mean = new Mat();
        Imgproc.GaussianBlur(src, mean, new Size(0, 0), sigmaLocal);
        Mat centred = new Mat();
        Core.subtract(src, mean, centred);
        Mat sq = new Mat();
        Core.multiply(centred, centred, sq);
        Mat var = new Mat();
        Imgproc.GaussianBlur(sq, var, new Size(0, 0), sigmaLocal);
        Mat std = new Mat();
        Core.sqrt(var, std);
        Mat stdSafe = new Mat();
        Core.max(std, new org.opencv.core.Scalar(1), stdSafe);
        Mat norm = new Mat();
        Core.divide(centred, stdSafe, norm);

        // orientation: doubled-angle average of gradients
        Mat gx = new Mat();
        Mat gy = new Mat();
        Imgproc.Sobel(norm, gx, CvType.CV_32F, 1, 0, 3);
        Imgproc.Sobel(norm, gy, CvType.CV_32F, 0, 1, 3);
        Mat gxx = new Mat();
        Mat gyy = new Mat();
        Mat gxy = new Mat();
        Core.multiply(gx, gx, gxx);
        Core.multiply(gy, gy, gyy);
        Core.multiply(gx, gy, gxy);
        double sigmaOrient = 7 * scale;
        Imgproc.GaussianBlur(gxx, gxx, new Size(0, 0), sigmaOrient);
        Imgproc.GaussianBlur(gyy, gyy, new Size(0, 0), sigmaOrient);
        Imgproc.GaussianBlur(gxy, gxy, new Size(0, 0), sigmaOrient);
        float[] n = new float[w * h];
        norm.get(0, 0, n);
        float[] sd = new float[w * h];
        std.get(0, 0, sd);
        float[] xx = new float[w * h];
        float[] yy = new float[w * h];
        float[] xy = new float[w * h];
        gxx.get(0, 0, xx);
        gyy.get(0, 0, yy);
        gxy.get(0, 0, xy);
        double[] theta = new double[w * h];   // dominant gradient direction, across the ridges
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.5 * Math.atan2(2 * xy[i], xx[i] - yy[i]);
        }
        double wavelength = medianWavelength(n, sd, theta, w, h, scale);

        double sigma = 0.45 * wavelength;
        int half = (int) Math.ceil(3 * sigma);
        Size kernelSize = new Size(2 * half + 1, 2 * half + 1);
        byte[] bins = new byte[w * h];
        for (int i = 0; i < bins.length; i++) {
            double t = theta[i] < 0 ? theta[i] + Math.PI : theta[i];
            bins[i] = (byte) ((int) Math.round(t / Math.PI * ORIENTATIONS) % ORIENTATIONS);
        }
        // one filter response at a time: each pixel keeps the response of its own orientation
        float[] chosen = new float[w * h];
        float[] values = new float[w * h];
        Mat response = new Mat();
        for (int o = 0; o < ORIENTATIONS; o++) {
            double angle = Math.PI * o / ORIENTATIONS;
            Mat kernel = Imgproc.getGaborKernel(kernelSize, sigma, angle, wavelength, 1.0, 0, CvType.CV_32F);
            Core.subtract(kernel, Core.mean(kernel), kernel);   // no response to flat grey
            Imgproc.filter2D(norm, response, CvType.CV_32F, kernel);
            response.get(0, 0, values);
            for (int i = 0; i < values.length; i++) {
                if (bins[i] == o) {
                    chosen[i] = values[i];
                }
            }
            kernel.release();
        }
        boolean[] foreground = foreground(image, scale);
        for (int i = 0; i < sd.length; i++) {
            if (!foreground[i]) {
                sd[i] = 0;   // treated as background below
            }
        }
        byte[] out = new byte[w * h];
        double sum = 0;
        double sumSq = 0;
        int count = 0;
        for (int i = 0; i < chosen.length; i++) {
            if (sd[i] >= MIN_LOCAL_STDDEV) {
                sum += chosen[i];
                sumSq += chosen[i] * chosen[i];
                count++;
            }
        }
        double spread = count == 0 ? 1 : Math.sqrt(Math.max(1e-9, sumSq / count - (sum / count) * (sum / count)));
        for (int i = 0; i < out.length; i++) {
            int v;
            if (sd[i] < MIN_LOCAL_STDDEV) {
                v = 255;
            } else {
                v = (int) Math.round(128 + 127 * chosen[i] / (2 * spread));
                v = Math.max(0, Math.min(255, v));
            }
            out[i] = (byte) v;
        }
        for (Mat m : new Mat[] {grey, src, mean, centred, sq, var, std, stdSafe, norm, gx, gy, gxx, gyy, gxy, response}) {
            m.release();
        }
        return new GreyscaleImage(w, h, out);
    }

    /**
     * The finger: blocks of about 0.8 mm with grey contrast (standard deviation at least
     * {@link #MIN_BLOCK_STDDEV}), closed over one-block gaps, the largest 8-connected group only, its
     * holes filled. Sensor edges, bars and specks apart from the finger are left out; the Gabor filter
     * would otherwise turn them into crisp ridge-like lines that every image of the sensor shares (on
     * FVC2002 DB1 such a bar made different fingers score 70).
     */
    static boolean[] foreground(GreyscaleImage image, double scale) {
        int w = image.width();
        int h = image.height();
        int block = Math.max(8, (int) Math.round(16 * scale));
        int bw = (w + block - 1) / block;
        int bh = (h + block - 1) / block;
        boolean[] blocks = new boolean[bw * bh];
        byte[] p = image.pixels();
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                double sum = 0;
                double sumSq = 0;
                int n = 0;
                for (int y = by * block; y < Math.min(h, (by + 1) * block); y++) {
                    for (int x = bx * block; x < Math.min(w, (bx + 1) * block); x++) {
                        double v = p[y * w + x] & 0xff;
                        sum += v;
                        sumSq += v * v;
                        n++;
                    }
                }
                double mean = sum / n;
                blocks[by * bw + bx] = Math.sqrt(Math.max(0, sumSq / n - mean * mean)) >= MIN_BLOCK_STDDEV;
            }
        }
        // closing: dilate then erode by one block
        blocks = erode(dilate(blocks, bw, bh), bw, bh);
        // largest 8-connected component
        int[] label = new int[bw * bh];
        int bestLabel = 0;
        int bestSize = 0;
        int next = 0;
        int[] stack = new int[bw * bh];
        for (int i = 0; i < blocks.length; i++) {
            if (!blocks[i] || label[i] != 0) {
                continue;
            }
            next++;
            int size = 0;
            int top = 0;
            stack[top++] = i;
            label[i] = next;
            while (top > 0) {
                int c = stack[--top];
                size++;
                int cx = c % bw;
                int cy = c / bw;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = cx + dx;
                        int ny = cy + dy;
                        if (nx >= 0 && ny >= 0 && nx < bw && ny < bh) {
                            int nb = ny * bw + nx;
                            if (blocks[nb] && label[nb] == 0) {
                                label[nb] = next;
                                stack[top++] = nb;
                            }
                        }
                    }
                }
            }
            if (size > bestSize) {
                bestSize = size;
                bestLabel = next;
            }
        }
        // fill holes: background blocks not reachable from the border through background
        boolean[] outside = new boolean[bw * bh];
        int top = 0;
        for (int i = 0; i < blocks.length; i++) {
            int x = i % bw;
            int y = i / bw;
            boolean border = x == 0 || y == 0 || x == bw - 1 || y == bh - 1;
            if (border && label[i] != bestLabel) {
                outside[i] = true;
                stack[top++] = i;
            }
        }
        while (top > 0) {
            int c = stack[--top];
            int cx = c % bw;
            int cy = c / bw;
            int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
            for (int[] d : steps) {
                int nx = cx + d[0];
                int ny = cy + d[1];
                if (nx >= 0 && ny >= 0 && nx < bw && ny < bh) {
                    int nb = ny * bw + nx;
                    if (!outside[nb] && label[nb] != bestLabel) {
                        outside[nb] = true;
                        stack[top++] = nb;
                    }
                }
            }
        }
        boolean[] mask = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mask[y * w + x] = bestSize > 0 && !outside[(y / block) * bw + x / block];
            }
        }
        return mask;
    }

    private static boolean[] dilate(boolean[] b, int bw, int bh) {
        boolean[] out = new boolean[b.length];
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                boolean any = false;
                for (int dy = -1; dy <= 1 && !any; dy++) {
                    for (int dx = -1; dx <= 1 && !any; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        any = nx >= 0 && ny >= 0 && nx < bw && ny < bh && b[ny * bw + nx];
                    }
                }
                out[y * bw + x] = any;
            }
        }
        return out;
    }

    private static boolean[] erode(boolean[] b, int bw, int bh) {
        boolean[] out = new boolean[b.length];
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                boolean all = true;
                for (int dy = -1; dy <= 1 && all; dy++) {
                    for (int dx = -1; dx <= 1 && all; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        all = nx < 0 || ny < 0 || nx >= bw || ny >= bh || b[ny * bw + nx];
                    }
                }
                out[y * bw + x] = all;
            }
        }
        return out;
    }

    /**
     * Median ridge wavelength (pixels) over blocks of about 2 mm: the grey profile across the ridges
     * (averaged along them) has one peak per ridge. Falls back to 9 pixels at 500 dpi.
     */
    static double medianWavelength(float[] norm, float[] std, double[] theta, int w, int h, double scale) {
        int block = (int) Math.round(32 * scale);
        int along = (int) Math.round(16 * scale);
        double min = 5 * scale;
        double max = 16 * scale;
        java.util.List<Double> found = new java.util.ArrayList<>();
        double[] profile = new double[block];
        for (int cy = block; cy < h - block; cy += block / 2) {
            for (int cx = block; cx < w - block; cx += block / 2) {
                int c = cy * w + cx;
                if (std[c] < MIN_LOCAL_STDDEV) {
                    continue;
                }
                double cos = Math.cos(theta[c]);
                double sin = Math.sin(theta[c]);
                for (int t = 0; t < block; t++) {
                    double s = 0;
                    double across = t - block / 2.0;
                    for (int u = 0; u < along; u++) {
                        double alongOffset = u - along / 2.0;
                        int x = (int) Math.round(cx + across * cos - alongOffset * sin);
                        int y = (int) Math.round(cy + across * sin + alongOffset * cos);
                        if (x >= 0 && y >= 0 && x < w && y < h) {
                            s += norm[y * w + x];
                        }
                    }
                    profile[t] = s;
                }
                int first = -1;
                int last = -1;
                int peaks = 0;
                for (int t = 1; t < block - 1; t++) {
                    if (profile[t] > profile[t - 1] && profile[t] >= profile[t + 1] && profile[t] > 0) {
                        if (first < 0) {
                            first = t;
                        }
                        last = t;
                        peaks++;
                    }
                }
                if (peaks >= 2) {
                    double lambda = (last - first) / (double) (peaks - 1);
                    if (lambda >= min && lambda <= max) {
                        found.add(lambda);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            return 9 * scale;
        }
        java.util.Collections.sort(found);
        return found.get(found.size() / 2);
    }
}

package org.careid.face.quality;

import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Lower-face occlusion from colour and texture of the aligned 112x112 crop. The person's own skin
 * colour is taken from the upper face (forehead and nose bridge, which a surgical mask leaves free);
 * the score is the share of the lower face (cheeks under the nose, mouth, chin) that does NOT look
 * like that skin in chroma (YCrCb) and brightness, corrected by how uniform the reference itself is,
 * and raised when the lower face is much smoother than the upper face (masks have no lips, no
 * nostrils). 0 = bare lower face, 1 = fully covered.
 */
public final class MaskDetector {

    /** Chroma distance (Cr/Cb units) still counted as the same skin. */
    private static final int CHROMA_RADIUS = 12;

    private MaskDetector() {
    }

    public static double maskScore(Mat aligned112Bgr) {
        Mat ycc = new Mat();
        Imgproc.cvtColor(aligned112Bgr, ycc, Imgproc.COLOR_BGR2YCrCb);
        int n = aligned112Bgr.cols();
        byte[] px = new byte[n * n * 3];
        ycc.get(0, 0, px);
        ycc.release();

        int[][] upper = {{26, 40, 38, 74}, {44, 58, 49, 63}};          // rows from,to; cols from,to
        int[][] lower = {{74, 86, 22, 42}, {74, 86, 70, 90}, {84, 106, 36, 76}};
        int[] crs = collect(px, n, upper, 1);
        int[] cbs = collect(px, n, upper, 2);
        int[] ys = collect(px, n, upper, 0);
        int mCr = median(crs);
        int mCb = median(cbs);
        int mY = median(ys);
        double upperSelf = skinShare(px, n, upper, mY, mCr, mCb);
        double lowerSkin = skinShare(px, n, lower, mY, mCr, mCb);
        double colourScore = 1 - Math.min(1, lowerSkin / Math.max(upperSelf, 0.2));

        Mat grey = new Mat();
        Imgproc.cvtColor(aligned112Bgr, grey, Imgproc.COLOR_BGR2GRAY);
        byte[] g = new byte[n * n];
        grey.get(0, 0, g);
        grey.release();
        double upperTexture = gradientEnergy(g, n, 44, 60, 30, 82);
        double lowerTexture = gradientEnergy(g, n, 84, 100, 36, 76);
        // lips and nostrils make the bare lower face at least as busy as the eye region; a mask is flat
        double textureScore = clamp01(1 - (lowerTexture / Math.max(upperTexture, 1e-6)) / 0.5);
        return clamp01(0.75 * colourScore + 0.25 * textureScore);
    }

    private static int[] collect(byte[] px, int n, int[][] regions, int channel) {
        int count = 0;
        for (int[] r : regions) {
            count += (r[1] - r[0]) * (r[3] - r[2]);
        }
        int[] v = new int[count];
        int k = 0;
        for (int[] r : regions) {
            for (int y = r[0]; y < r[1]; y++) {
                for (int x = r[2]; x < r[3]; x++) {
                    v[k++] = px[3 * (y * n + x) + channel] & 0xff;
                }
            }
        }
        return v;
    }

    private static double skinShare(byte[] px, int n, int[][] regions, int mY, int mCr, int mCb) {
        int hits = 0;
        int total = 0;
        for (int[] r : regions) {
            for (int y = r[0]; y < r[1]; y++) {
                for (int x = r[2]; x < r[3]; x++) {
                    int i = 3 * (y * n + x);
                    int yy = px[i] & 0xff;
                    int cr = px[i + 1] & 0xff;
                    int cb = px[i + 2] & 0xff;
                    total++;
                    // shadows under nose/chin are darker but keep their chroma; masks are usually brighter
                    boolean luma = yy >= 0.35 * mY && yy <= Math.max(1.45 * mY, mY + 40);
                    if (luma && Math.abs(cr - mCr) <= CHROMA_RADIUS && Math.abs(cb - mCb) <= CHROMA_RADIUS) {
                        hits++;
                    }
                }
            }
        }
        return hits / (double) total;
    }

    /** Mean absolute vertical+horizontal difference in a region of a grey image. */
    private static double gradientEnergy(byte[] g, int n, int r0, int r1, int c0, int c1) {
        double s = 0;
        int cnt = 0;
        for (int y = r0; y < r1; y++) {
            for (int x = c0; x < c1; x++) {
                int v = g[y * n + x] & 0xff;
                s += Math.abs(v - (g[y * n + x + 1] & 0xff)) + Math.abs(v - (g[(y + 1) * n + x] & 0xff));
                cnt++;
            }
        }
        return s / cnt;
    }

    private static int median(int[] v) {
        int[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : Math.min(1, v);
    }
}

package org.careid.face.quality;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfFloat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.HOGDescriptor;

/**
 * What the mask classifier looks at, from the aligned 112x112 crop and its embedding: the
 * MobileFaceNet embedding (where the face sits in face space), the shape of the lower face as a
 * histogram of oriented gradients (a mask's straight upper edge and its smooth cloth instead of
 * nostrils, lips and chin), and how the lower face's colour and texture differ from the upper
 * face's (a mask is rarely skin-coloured; a bare face has the same skin above and below the nose).
 */
public final class MaskFeatures {

    /** Lower face: from just under the eyes to the chin, cheek to cheek. */
    private static final Rect LOWER = new Rect(16, 56, 80, 56);
    /** Upper face: forehead and eye region, which a mask leaves free. */
    private static final Rect UPPER = new Rect(24, 20, 64, 32);
    private static final Size HOG_WINDOW = new Size(40, 32);

    public static final int HOG_LENGTH = 4 * 3 * 36;
    public static final int COLOUR_LENGTH = 12;

    private MaskFeatures() {
    }

    /** Embedding, lower-face HOG and colour contrast, in that order. */
    public static float[] of(Mat aligned112Bgr, float[] embedding) {
        float[] hog = lowerFaceHog(aligned112Bgr);
        float[] colour = colourContrast(aligned112Bgr);
        float[] f = new float[embedding.length + hog.length + colour.length];
        System.arraycopy(embedding, 0, f, 0, embedding.length);
        System.arraycopy(hog, 0, f, embedding.length, hog.length);
        System.arraycopy(colour, 0, f, embedding.length + hog.length, colour.length);
        return f;
    }

    static float[] lowerFaceHog(Mat aligned112Bgr) {
        Mat grey = new Mat();
        Imgproc.cvtColor(aligned112Bgr.submat(LOWER), grey, Imgproc.COLOR_BGR2GRAY);
        Mat small = new Mat();
        Imgproc.resize(grey, small, HOG_WINDOW, 0, 0, Imgproc.INTER_AREA);
        // 40x32 window, 16x16 blocks of 8x8 cells moved by 8: 4 x 3 blocks of 36 values
        HOGDescriptor hog = new HOGDescriptor(HOG_WINDOW, new Size(16, 16), new Size(8, 8), new Size(8, 8), 9);
        MatOfFloat d = new MatOfFloat();
        hog.compute(small, d);
        float[] v = d.toArray();
        grey.release();
        small.release();
        d.release();
        if (v.length != HOG_LENGTH) {
            throw new IllegalStateException("HOG length " + v.length);
        }
        return v;
    }

    /** Lower minus upper mean and the two regions' standard deviations of Y, Cr, Cb (scaled to about 0..1). */
    static float[] colourContrast(Mat aligned112Bgr) {
        Mat ycc = new Mat();
        Imgproc.cvtColor(aligned112Bgr, ycc, Imgproc.COLOR_BGR2YCrCb);
        MatOfDouble lm = new MatOfDouble();
        MatOfDouble ls = new MatOfDouble();
        MatOfDouble um = new MatOfDouble();
        MatOfDouble us = new MatOfDouble();
        Core.meanStdDev(ycc.submat(LOWER), lm, ls);
        Core.meanStdDev(ycc.submat(UPPER), um, us);
        double[] l = lm.toArray();
        double[] lsd = ls.toArray();
        double[] u = um.toArray();
        double[] usd = us.toArray();
        ycc.release();
        float[] f = new float[COLOUR_LENGTH];
        for (int c = 0; c < 3; c++) {
            f[c] = (float) ((l[c] - u[c]) / 64);
            f[3 + c] = (float) (Math.abs(l[c] - u[c]) / 64);
            f[6 + c] = (float) (lsd[c] / 64);
            f[9 + c] = (float) (usd[c] / 64);
        }
        return f;
    }
}

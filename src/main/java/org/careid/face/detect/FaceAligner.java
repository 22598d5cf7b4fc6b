package org.careid.face.detect;

import jakarta.enterprise.context.ApplicationScoped;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.core.Core;
import org.opencv.imgproc.Imgproc;

/**
 * Similarity transform (rotation, uniform scale, translation) of the five landmarks onto the
 * standard ArcFace 112x112 template, then warpAffine: the crop MobileFaceNet was trained on.
 */
@ApplicationScoped
public class FaceAligner {

    public static final int SIZE = 112;
    /** ArcFace template: right eye, left eye, nose, right mouth corner, left mouth corner. */
    static final double[] TEMPLATE = {
        38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041
    };

    /** Inner face region of the template checked for being inside the photo: rows 30..106, cols 22..90. */
    private static final int[] INNER = {30, 106, 22, 90};

    /** The 112x112 BGR crop (caller closes it). */
    public AlignedFace align(Mat bgr, DetectedFace face) {
        Point[] src = new Point[5];
        Point[] dst = new Point[5];
        for (int i = 0; i < 5; i++) {
            src[i] = new Point(face.landmarkX(i), face.landmarkY(i));
            dst[i] = new Point(TEMPLATE[2 * i], TEMPLATE[2 * i + 1]);
        }
        MatOfPoint2f from = new MatOfPoint2f(src);
        MatOfPoint2f to = new MatOfPoint2f(dst);
        Mat inliers = new Mat();
        // RANSAC with a huge reprojection threshold keeps all five points as inliers, so the
        // Levenberg-Marquardt refinement is a plain least-squares fit over all of them.
        Mat m = Calib3d.estimateAffinePartial2D(from, to, inliers, Calib3d.RANSAC, 1000, 2000, 0.99, 20);
        from.release();
        to.release();
        inliers.release();
        if (m.empty()) {
            m.release();
            throw new IllegalStateException("landmarks are degenerate, cannot align");
        }
        Mat out = new Mat();
        Imgproc.warpAffine(bgr, out, m, new Size(SIZE, SIZE), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
        double inside = insideFraction(m, bgr.cols(), bgr.rows());
        m.release();
        return new AlignedFace(out, inside);
    }

    /** Share of a grid over the inner template region whose source pixel lies inside the photo. */
    static double insideFraction(Mat m, int w, int h) {
        Mat inv = new Mat();
        Imgproc.invertAffineTransform(m, inv);
        double a = inv.get(0, 0)[0];
        double b = inv.get(0, 1)[0];
        double c = inv.get(0, 2)[0];
        double d = inv.get(1, 0)[0];
        double e = inv.get(1, 1)[0];
        double f = inv.get(1, 2)[0];
        inv.release();
        int inside = 0;
        int total = 0;
        for (int y = INNER[0]; y <= INNER[1]; y += 4) {
            for (int x = INNER[2]; x <= INNER[3]; x += 4) {
                double sx = a * x + b * y + c;
                double sy = d * x + e * y + f;
                total++;
                if (sx >= 0 && sy >= 0 && sx <= w - 1 && sy <= h - 1) {
                    inside++;
                }
            }
        }
        return inside / (double) total;
    }
}

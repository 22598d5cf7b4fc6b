package org.careid.face.evaluation;

import java.util.List;
import org.careid.face.detect.DetectedFace;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Draws a surgical-mask-like polygon (nose bridge to chin, cheek to cheek) over a detected face, to
 * measure the mask detector without photos of masked people. Geometry is in the face's own frame
 * (eye axis, eye distance), so it follows roll and scale.
 */
public final class SyntheticMask {

    /** Mask colours (BGR): light blue, white, black, green. */
    public static final List<Scalar> COLOURS = List.of(
            new Scalar(235, 200, 150), new Scalar(245, 245, 245), new Scalar(30, 30, 30), new Scalar(150, 190, 120));

    private static final double[][] OUTLINE = { // (along eye axis, down) in eye distances from the eye midpoint
        {-1.05, 0.40}, {-0.4, 0.30}, {0, 0.28}, {0.4, 0.30}, {1.05, 0.40}, {1.0, 1.35}, {0.6, 1.85}, {0, 2.0}, {-0.6, 1.85}, {-1.0, 1.35}
    };

    private SyntheticMask() {
    }

    /** Draws the mask onto {@code bgr} in place. */
    public static void draw(Mat bgr, DetectedFace face, Scalar colour) {
        double ex = face.landmarkX(1) - face.landmarkX(0);
        double ey = face.landmarkY(1) - face.landmarkY(0);
        double d = Math.hypot(ex, ey);
        double ux = ex / d;
        double uy = ey / d;
        double vx = -uy; // perpendicular pointing down the face
        double vy = ux;
        double cx = (face.landmarkX(0) + face.landmarkX(1)) / 2;
        double cy = (face.landmarkY(0) + face.landmarkY(1)) / 2;
        Point[] pts = new Point[OUTLINE.length];
        for (int i = 0; i < OUTLINE.length; i++) {
            double a = OUTLINE[i][0] * d;
            double b = OUTLINE[i][1] * d;
            pts[i] = new Point(cx + a * ux + b * vx, cy + a * uy + b * vy);
        }
        MatOfPoint poly = new MatOfPoint(pts);
        Imgproc.fillPoly(bgr, List.of(poly), colour, Imgproc.LINE_AA);
        // a few pleats, as on a surgical mask
        Scalar pleat = new Scalar(colour.val[0] * 0.85, colour.val[1] * 0.85, colour.val[2] * 0.85);
        for (double b : new double[] {0.8, 1.1, 1.4}) {
            Point p1 = new Point(cx - 0.9 * d * ux + b * d * vx, cy - 0.9 * d * uy + b * d * vy);
            Point p2 = new Point(cx + 0.9 * d * ux + b * d * vx, cy + 0.9 * d * uy + b * d * vy);
            Imgproc.line(bgr, p1, p2, pleat, Math.max(1, (int) Math.round(d / 25)), Imgproc.LINE_AA);
        }
        poly.release();
    }
}

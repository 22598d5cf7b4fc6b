package org.careid.face.challenge;

import org.careid.face.detect.DetectedFace;

/**
 * The five-landmark geometry of one frame's face (docs/PAD.md, "Active challenge").
 *
 * @param yaw       nose offset from the eye midpoint along the eye line, in eye distances (0 frontal;
 *                  positive when the nose moves towards the image-right eye)
 * @param iod       eye distance in pixels
 * @param width     eye distance over eye-midpoint-to-mouth-midpoint distance: shrinks about as
 *                  cos(yaw) in a real head turn, and also when a flat picture is tilted
 * @param roll      angle of the eye line in degrees
 * @param landmarks the five points (x0,y0..x4,y4) for continuity checks
 */
public record FrameGeometry(double yaw, double iod, double width, double roll, double[] landmarks) {

    public static FrameGeometry of(DetectedFace f) {
        double e1x = f.landmarkX(0);
        double e1y = f.landmarkY(0);
        double e2x = f.landmarkX(1);
        double e2y = f.landmarkY(1);
        double iod = Math.hypot(e2x - e1x, e2y - e1y);
        double cx = (e1x + e2x) / 2;
        double cy = (e1y + e2y) / 2;
        double ux = (e2x - e1x) / iod;
        double uy = (e2y - e1y) / iod;
        double yaw = ((f.landmarkX(2) - cx) * ux + (f.landmarkY(2) - cy) * uy) / iod;
        double mx = (f.landmarkX(3) + f.landmarkX(4)) / 2;
        double my = (f.landmarkY(3) + f.landmarkY(4)) / 2;
        double eyeToMouth = Math.hypot(mx - cx, my - cy);
        double roll = Math.toDegrees(Math.atan2(e2y - e1y, e2x - e1x));
        return new FrameGeometry(yaw, iod, eyeToMouth <= 0 ? 0 : iod / eyeToMouth, roll, f.landmarks().clone());
    }

    /** The same face seen in a horizontally mirrored frame: the yaw changes sign. */
    public FrameGeometry mirrored() {
        return new FrameGeometry(-yaw, iod, width, -roll, landmarks);
    }

    /** Mean landmark displacement from {@code previous}, in the previous frame's eye distances. */
    public double displacementFrom(FrameGeometry previous) {
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += Math.hypot(landmarks[2 * i] - previous.landmarks[2 * i], landmarks[2 * i + 1] - previous.landmarks[2 * i + 1]);
        }
        return sum / 5 / Math.max(1e-6, previous.iod);
    }
}

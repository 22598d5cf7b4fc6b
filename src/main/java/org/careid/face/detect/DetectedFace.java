package org.careid.face.detect;

/**
 * One detected face in image coordinates: box (x, y = top-left corner), five landmarks as
 * x0,y0..x4,y4 in YuNet/ArcFace order (right eye = image left, left eye, nose tip, right mouth
 * corner, left mouth corner) and the detector score in [0,1].
 */
public record DetectedFace(double x, double y, double width, double height, double[] landmarks, double score) {

    public double area() {
        return width * height;
    }

    public double landmarkX(int i) {
        return landmarks[2 * i];
    }

    public double landmarkY(int i) {
        return landmarks[2 * i + 1];
    }

    /** Distance between the eye centres, in pixels. */
    public double eyeDistance() {
        return Math.hypot(landmarkX(1) - landmarkX(0), landmarkY(1) - landmarkY(0));
    }

    /** The same face moved by (-dx, -dy), e.g. out of a padded copy of the image. */
    public DetectedFace shifted(double dx, double dy) {
        double[] l = landmarks.clone();
        for (int i = 0; i < 5; i++) {
            l[2 * i] -= dx;
            l[2 * i + 1] -= dy;
        }
        return new DetectedFace(x - dx, y - dy, width, height, l, score);
    }

    /** Intersection over union of the two boxes. */
    public double iou(DetectedFace o) {
        double ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}

package org.careid.face.pad;

import org.careid.face.detect.DetectedFace;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The context crop MiniFASNet was trained on (Silent-Face-Anti-Spoofing's {@code CropImage}): the
 * detector box scaled about its centre by {@code s = min(k, (H-1)/h, (W-1)/w)}, shifted back inside
 * the image rather than clamped (so the crop keeps its size and aspect), then resized bilinear to
 * {@value #SIDE}x{@value #SIDE}. The models judge the surroundings of the face (paper edges, screen
 * bezels, moiré), which is why the crop is several times larger than the face.
 */
public final class PadCrop {

    /** Model input side in pixels. */
    public static final int SIDE = 80;

    private PadCrop() {
    }

    /** The crop rectangle in image pixels (inclusive right/bottom pixels are inside it). */
    public static Rect box(int imageWidth, int imageHeight, DetectedFace face, double scale) {
        double s = Math.min(scale, Math.min((imageHeight - 1) / face.height(), (imageWidth - 1) / face.width()));
        double w = face.width() * s;
        double h = face.height() * s;
        double cx = face.x() + face.width() / 2;
        double cy = face.y() + face.height() / 2;
        double left = cx - w / 2;
        double top = cy - h / 2;
        double right = cx + w / 2;
        double bottom = cy + h / 2;
        if (left < 0) {
            right -= left;
            left = 0;
        }
        if (top < 0) {
            bottom -= top;
            top = 0;
        }
        if (right > imageWidth - 1) {
            left -= right - imageWidth + 1;
            right = imageWidth - 1;
        }
        if (bottom > imageHeight - 1) {
            top -= bottom - imageHeight + 1;
            bottom = imageHeight - 1;
        }
        // integer corners as upstream (truncation), the right/bottom pixel included
        int x0 = Math.max(0, (int) left);
        int y0 = Math.max(0, (int) top);
        int x1 = Math.min(imageWidth - 1, (int) right);
        int y1 = Math.min(imageHeight - 1, (int) bottom);
        return new Rect(x0, y0, Math.max(1, x1 - x0 + 1), Math.max(1, y1 - y0 + 1));
    }

    /** The {@value #SIDE}x{@value #SIDE} BGR crop for one model (caller releases it). */
    public static Mat crop(Mat bgr, DetectedFace face, double scale) {
        Rect r = box(bgr.cols(), bgr.rows(), face, scale);
        Mat region = bgr.submat(r);
        Mat out = new Mat();
        Imgproc.resize(region, out, new Size(SIDE, SIDE), 0, 0, Imgproc.INTER_LINEAR);
        region.release();
        return out;
    }

    /** An 8-bit BGR {@value #SIDE}x{@value #SIDE} crop as a [1,3,80,80] tensor, BGR planes, raw 0..255. */
    public static float[] tensor(Mat crop) {
        if (crop.cols() != SIDE || crop.rows() != SIDE || crop.channels() != 3) {
            throw new IllegalArgumentException("PAD models want an 8-bit BGR " + SIDE + "x" + SIDE + " crop");
        }
        int plane = SIDE * SIDE;
        byte[] px = new byte[plane * 3];
        crop.get(0, 0, px);
        float[] t = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            t[i] = px[3 * i] & 0xff;
            t[plane + i] = px[3 * i + 1] & 0xff;
            t[2 * plane + i] = px[3 * i + 2] & 0xff;
        }
        return t;
    }
}

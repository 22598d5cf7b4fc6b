package org.careid.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.careid.image.OpenCvLoader;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Frames of the real camera clips in ../shared/datasets/video, and what an attacker does with a
 * still frame: freeze it, tilt it in front of the camera (pinhole projection of the rotated flat
 * picture) or wave it. Frames are JPEG bytes, as a device sends them.
 */
public final class VideoFrames {
    private VideoFrames() {}

    /** The JPEG frames of a raw MJPEG stream (concatenated JPEG images), or the test is skipped. */
    public static List<byte[]> mjpeg(String relative) {
        byte[] d = Datasets.bytes(relative);
        List<byte[]> frames = new ArrayList<>();
        int start = -1;
        for (int i = 0; i + 1 < d.length; i++) {
            if ((d[i] & 0xff) == 0xff && (d[i + 1] & 0xff) == 0xd8 && start < 0) {
                start = i;
            } else if ((d[i] & 0xff) == 0xff && (d[i + 1] & 0xff) == 0xd9 && start >= 0) {
                frames.add(Arrays.copyOfRange(d, start, i + 2));
                start = -1;
                i++;
            }
        }
        return frames;
    }

    /** The frames of a YUV4MPEG2 (4:2:0) file as JPEG bytes, or the test is skipped. */
    public static List<byte[]> y4m(String relative) {
        Path p = Datasets.root().resolve(relative);
        Prerequisites.require(Files.isRegularFile(p), "video " + p + " absent (set careid.datasets.dir)");
        OpenCvLoader.ensureLoaded();
        List<byte[]> frames = new ArrayList<>();
        try (InputStream in = Files.newInputStream(p)) {
            String header = line(in);
            int w = Integer.parseInt(field(header, 'W'));
            int h = Integer.parseInt(field(header, 'H'));
            byte[] yuv = new byte[w * h * 3 / 2];
            while (!line(in).isEmpty()) {
                if (in.readNBytes(yuv, 0, yuv.length) < yuv.length) {
                    break;
                }
                Mat i420 = new Mat(h * 3 / 2, w, CvType.CV_8UC1);
                i420.put(0, 0, yuv);
                Mat bgr = new Mat();
                Imgproc.cvtColor(i420, bgr, Imgproc.COLOR_YUV2BGR_I420);
                frames.add(jpeg(bgr));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frames;
    }

    public static Mat decode(byte[] jpeg) {
        OpenCvLoader.ensureLoaded();
        return Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
    }

    public static byte[] jpeg(Mat bgr) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr, out, new org.opencv.core.MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 92));
        return out.toArray();
    }

    /** The frames mirrored left to right: a head turn to one side becomes a turn to the other. */
    public static List<byte[]> mirrored(List<byte[]> frames) {
        List<byte[]> out = new ArrayList<>(frames.size());
        for (byte[] f : frames) {
            Mat m = decode(f);
            Mat flipped = new Mat();
            Core.flip(m, flipped, 1);
            out.add(jpeg(flipped));
        }
        return out;
    }

    /**
     * The frame as a flat picture rotated by {@code degrees} about the vertical line through
     * {@code (cx, cy)}, seen by a pinhole camera with focal length = image width (the picture first
     * fills the view at that distance). Positive angles move the picture's right side away.
     */
    public static byte[] tilted(byte[] frame, double degrees, double cx) {
        Mat src = decode(frame);
        double w = src.cols();
        double h = src.rows();
        double f = w;
        double t = Math.toRadians(degrees);
        Point[] from = {new Point(0, 0), new Point(w, 0), new Point(w, h), new Point(0, h)};
        Point[] to = new Point[4];
        double xc = cx - w / 2;
        for (int i = 0; i < 4; i++) {
            double x = from[i].x - w / 2;
            double y = from[i].y - h / 2;
            double xr = xc + (x - xc) * Math.cos(t);
            double z = f + (x - xc) * Math.sin(t);
            to[i] = new Point(w / 2 + f * xr / z, h / 2 + f * y / z);
        }
        Mat hmat = Imgproc.getPerspectiveTransform(new MatOfPoint2f(from), new MatOfPoint2f(to));
        Mat out = new Mat();
        Imgproc.warpPerspective(src, out, hmat, src.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(40, 40, 40));
        return jpeg(out);
    }

    /** The frame moved, turned in the image plane and scaled about (cx, cy): a picture waved by hand. */
    public static byte[] waved(byte[] frame, double dx, double dy, double rollDegrees, double scale, double cx, double cy) {
        Mat src = decode(frame);
        Mat m = Imgproc.getRotationMatrix2D(new Point(cx, cy), rollDegrees, scale);
        m.put(0, 2, m.get(0, 2)[0] + dx);
        m.put(1, 2, m.get(1, 2)[0] + dy);
        Mat out = new Mat();
        Imgproc.warpAffine(src, out, m, new Size(src.cols(), src.rows()), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT,
                new Scalar(40, 40, 40));
        return jpeg(out);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            s.append((char) c);
        }
        return s.toString();
    }

    private static String field(String header, char key) {
        for (String part : header.split(" ")) {
            if (!part.isEmpty() && part.charAt(0) == key) {
                return part.substring(1);
            }
        }
        throw new IllegalArgumentException("y4m header without " + key + ": " + header);
    }
}

package org.careid.device.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.careid.device.AuthenticationRequest;
import org.careid.device.CareIdException;
import org.careid.device.Failure;

/**
 * A burst of camera frames from files: a folder of JPEG or PNG frames (taken in file-name order), a
 * raw MJPEG stream ({@code .mjpeg}, {@code .mjpg}: concatenated JPEG images) or a YUV4MPEG2 video
 * ({@code .y4m}, 4:2:0, converted to JPEG here). {@code from} and {@code count} choose the frames.
 */
final class BurstFrames {
    static final long MAX_SOURCE_BYTES = 200L * 1024 * 1024;

    private BurstFrames() {
    }

    static List<AuthenticationRequest.Image> read(Path source, int from, int count) {
        List<byte[]> all;
        try {
            if (Files.isDirectory(source)) {
                all = folder(source);
            } else {
                if (Files.size(source) > MAX_SOURCE_BYTES) {
                    throw new CareIdException(Failure.BAD_INPUT, "Video " + source + " is larger than 200 MB");
                }
                String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".mjpeg") || name.endsWith(".mjpg")) {
                    all = mjpeg(Files.readAllBytes(source));
                } else if (name.endsWith(".y4m")) {
                    all = y4m(source);
                } else {
                    throw new CareIdException(Failure.BAD_INPUT, "Frames come from a folder of images, an .mjpeg or a .y4m file: " + source);
                }
            }
        } catch (IOException e) {
            throw new CareIdException(Failure.BAD_INPUT, "Cannot read frames from " + source + ": " + e.getMessage(), e);
        }
        if (from < 0 || from >= all.size()) {
            throw new CareIdException(Failure.BAD_INPUT, source + " has " + all.size() + " frames; --from " + from + " is outside");
        }
        int end = count <= 0 ? all.size() : Math.min(all.size(), from + count);
        List<AuthenticationRequest.Image> frames = new ArrayList<>();
        for (int i = from; i < end; i++) {
            frames.add(new AuthenticationRequest.Image(all.get(i), "frame" + i + ".jpg", "image/jpeg"));
        }
        return frames;
    }

    private static List<byte[]> folder(Path dir) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(BurstFrames::isImage).sorted().toList()) {
                frames.add(Files.readAllBytes(f));
            }
        }
        return frames;
    }

    private static boolean isImage(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    static List<byte[]> mjpeg(byte[] d) {
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

    private static List<byte[]> y4m(Path file) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            String header = line(in);
            if (!header.startsWith("YUV4MPEG2")) {
                throw new CareIdException(Failure.BAD_INPUT, file + " is not a YUV4MPEG2 file");
            }
            int w = 0;
            int h = 0;
            for (String part : header.split(" ")) {
                if (part.startsWith("W")) {
                    w = Integer.parseInt(part.substring(1));
                } else if (part.startsWith("H")) {
                    h = Integer.parseInt(part.substring(1));
                } else if (part.startsWith("C") && !part.startsWith("C420")) {
                    throw new CareIdException(Failure.BAD_INPUT, file + ": only 4:2:0 y4m is supported, not " + part);
                }
            }
            byte[] yuv = new byte[w * h * 3 / 2];
            while (line(in).startsWith("FRAME")) {
                if (in.readNBytes(yuv, 0, yuv.length) < yuv.length) {
                    break;
                }
                frames.add(jpeg(i420ToRgb(yuv, w, h)));
            }
        }
        return frames;
    }

    /** BT.601 limited-range YCbCr 4:2:0 to RGB. */
    private static BufferedImage i420ToRgb(byte[] yuv, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int uOff = w * h;
        int vOff = uOff + (w / 2) * (h / 2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double yy = 1.164 * ((yuv[y * w + x] & 0xff) - 16);
                int c = (y / 2) * (w / 2) + x / 2;
                double u = (yuv[uOff + c] & 0xff) - 128;
                double v = (yuv[vOff + c] & 0xff) - 128;
                int r = clamp(yy + 1.596 * v);
                int g = clamp(yy - 0.392 * u - 0.813 * v);
                int b = clamp(yy + 2.017 * u);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static byte[] jpeg(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            s.append((char) c);
        }
        return s.toString();
    }
}

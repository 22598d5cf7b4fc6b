package org.careid.kiosk;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Writes a short Y4M video (what Chromium's fake camera plays) of a still scene made from photos:
 * e.g. two people far from the camera, each photo scaled down and placed on a grey wall.
 */
final class SceneVideo {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    /** One person placed in the scene: the photo, its left edge, top edge and width in pixels. */
    record Person(Path photo, int x, int y, int width) {}

    private SceneVideo() {
    }

    static BufferedImage scene(Person... people) throws IOException {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setColor(new Color(150, 150, 145));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        for (Person p : people) {
            BufferedImage photo = ImageIO.read(p.photo().toFile());
            int height = photo.getHeight() * p.width() / photo.getWidth();
            g.drawImage(photo, p.x(), p.y(), p.width(), height, null);
        }
        g.dispose();
        return frame;
    }

    /** The scene as a 10 fps, 2 s Y4M video (4:2:0, full-range JPEG colours, as Chromium reads it). */
    static Path write(Path target, BufferedImage frame) throws IOException {
        byte[] y = new byte[WIDTH * HEIGHT];
        byte[] u = new byte[WIDTH * HEIGHT / 4];
        byte[] v = new byte[WIDTH * HEIGHT / 4];
        for (int row = 0; row < HEIGHT; row++) {
            for (int col = 0; col < WIDTH; col++) {
                int rgb = frame.getRGB(col, row);
                int r = (rgb >> 16) & 0xff, gr = (rgb >> 8) & 0xff, b = rgb & 0xff;
                y[row * WIDTH + col] = (byte) clamp(0.299 * r + 0.587 * gr + 0.114 * b);
                if (row % 2 == 0 && col % 2 == 0) {
                    int i = (row / 2) * (WIDTH / 2) + col / 2;
                    u[i] = (byte) clamp(128 - 0.168736 * r - 0.331264 * gr + 0.5 * b);
                    v[i] = (byte) clamp(128 + 0.5 * r - 0.418688 * gr - 0.081312 * b);
                }
            }
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int f = 0; f < 20; f++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(y);
                out.write(u);
                out.write(v);
            }
        }
        return target;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}

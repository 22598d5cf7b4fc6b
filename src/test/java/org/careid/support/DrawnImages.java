package org.careid.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import javax.imageio.ImageIO;

/** Images the tests draw themselves: no face, and a decompression bomb's header. */
public final class DrawnImages {
    private DrawnImages() {}

    /** A 640x480 JPEG of a blue background and an orange disc: an image, but no face. */
    public static byte[] jpeg() {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 120, 200));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.ORANGE);
        g.fillOval(200, 120, 240, 240);
        g.dispose();
        return encode(img, "jpg");
    }

    /** A PNG whose header declares 30000 x 30000 pixels: must be refused before any allocation. */
    public static byte[] hugePngHeader() {
        byte[] png = encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png");
        ByteBuffer.wrap(png, 16, 8).putInt(30000).putInt(30000);
        return png;
    }

    private static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.careid.reliability;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/** Dataset photos as a device camera sends them: fitted into a 640x480 JPEG (small and quick to decode). */
final class Photos {
    private Photos() {}

    /** The identity folder's readable photos in name order, each as a 640x480 frame. */
    static List<byte[]> frames(Path dir) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().matches(".*\\.(jpe?g|png)$")).sorted().toList()) {
                BufferedImage source = ImageIO.read(p.toFile());
                if (source != null) {
                    out.add(fit640x480(source));
                }
            }
        }
        return out;
    }

    private static byte[] fit640x480(BufferedImage source) throws Exception {
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        double scale = Math.min(640.0 / source.getWidth(), 480.0 / source.getHeight());
        int w = (int) (source.getWidth() * scale);
        int h = (int) (source.getHeight() * scale);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, (640 - w) / 2, (480 - h) / 2, w, h, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(frame, "jpg", out);
        return out.toByteArray();
    }
}

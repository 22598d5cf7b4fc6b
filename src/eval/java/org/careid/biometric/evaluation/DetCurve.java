package org.careid.biometric.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.careid.biometric.OperatingPoint;

/**
 * Detection error trade-off curve: FNMR against FMR over all thresholds, drawn on log-log axes
 * (the usual DET presentation, without the probit warp) with Java2D, headless.
 */
public final class DetCurve {

    /** One point of the curve. */
    public record Point(double threshold, double fmr, double fnmr) {
    }

    private static final double MIN_RATE = 1e-5;
    private final List<Point> points;
    private final OperatingPoint marked;

    private DetCurve(List<Point> points, OperatingPoint marked) {
        this.points = points;
        this.marked = marked;
    }

    /** Curve over every observed score; {@code marked} (may be null) is drawn as a dot. */
    public static DetCurve of(ScoreDistribution scores, OperatingPoint marked) {
        List<Point> points = new ArrayList<>();
        for (double t : scores.candidateThresholds()) {
            points.add(new Point(t, scores.fmr(t), scores.fnmr(t)));
        }
        return new DetCurve(List.copyOf(points), marked);
    }

    public List<Point> points() {
        return points;
    }

    /** Writes a PNG of the curve (headless-safe). */
    public void writePng(Path file, String title) throws IOException {
        writePng(file, title, "false match rate (FMR)", "false non-match rate (FNMR)");
    }

    /**
     * Writes a PNG with other axis names, e.g. APCER (x, the "impostor" side) against BPCER (y) for
     * presentation-attack detection.
     */
    public void writePng(Path file, String title, String xAxis, String yAxis) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 640;
        int h = 560;
        int left = 80;
        int right = 30;
        int top = 50;
        int bottom = 70;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            int pw = w - left - right;
            int ph = h - top - bottom;
            double decades = -Math.log10(MIN_RATE);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int d = 0; d <= decades; d++) {
                double rate = Math.pow(10, -d);
                int x = left + (int) Math.round(xFrac(rate, decades) * pw);
                int y = top + (int) Math.round((1 - xFrac(rate, decades)) * ph);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(x, top, x, top + ph);
                g.drawLine(left, y, left + pw, y);
                g.setColor(Color.DARK_GRAY);
                String label = d == 0 ? "1" : "1e-" + d;
                g.drawString(label, x - 12, top + ph + 16);
                g.drawString(label, left - 42, y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawRect(left, top, pw, ph);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, left, top - 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(xAxis, left + pw / 2 - 60, h - 25);
            g.rotate(-Math.PI / 2);
            g.drawString(yAxis, -(top + ph / 2 + 80), 20);
            g.rotate(Math.PI / 2);

            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            for (Point p : points) {
                double x = left + xFrac(p.fmr(), decades) * pw;
                double y = top + (1 - xFrac(p.fnmr(), decades)) * ph;
                if (!started) {
                    path.moveTo(x, y);
                    started = true;
                } else {
                    path.lineTo(x, y);
                }
            }
            g.setColor(new Color(0, 90, 200));
            g.setStroke(new BasicStroke(2f));
            g.draw(path);
            if (marked != null) {
                double x = left + xFrac(marked.fmr(), decades) * pw;
                double y = top + (1 - xFrac(marked.fnmr(), decades)) * ph;
                g.setColor(new Color(200, 30, 30));
                g.fillOval((int) x - 5, (int) y - 5, 10, 10);
                g.drawString(String.format("threshold %.3f", marked.threshold()), (int) x + 8, (int) y - 8);
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /** Position of a rate on a log axis from MIN_RATE (0) to 1 (1); zero rates sit on the floor. */
    private static double xFrac(double rate, double decades) {
        double r = Math.max(rate, MIN_RATE);
        return 1 + Math.log10(r) / decades;
    }
}

package org.careid.face.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.careid.face.FaceAnalysis;
import org.careid.face.FacePipeline;
import org.careid.face.embed.FaceEmbedder;
import org.careid.face.gallery.FaceGallery;
import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.careid.image.OpenCvLoader;
import org.careid.face.model.FaceModels;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Per-stage latency of the face pipeline on a 640x480 JPEG (made at runtime from a photo, fitted
 * onto a grey 640x480 canvas) and 1:N
 * search time and memory of the gallery with 1k/10k/100k synthetic templates (scripts/bench-face).
 * Prints figures; asserts nothing (targets are judged by the reader).
 *
 * <p>Usage: FaceBenchmark PHOTO [ITERATIONS]
 */
public final class FaceBenchmark {

    private FaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path photo = Path.of(args.length > 0 ? args[0] : "../shared/datasets/faces/fr_obama/obama.jpg");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path modelsDir = Path.of(System.getProperty("careid.models.dir", "models"));
        stages(photo, iterations, modelsDir);
        search();
    }

    static void stages(Path photo, int iterations, Path modelsDir) throws Exception {
        byte[] jpeg = jpeg640x480(photo);
        System.out.printf("input: 640x480 JPEG made from %s (%d bytes); detector %s, input side %d%n", photo.getFileName(),
                jpeg.length, System.getProperty("careid.face.detector-model", FaceModels.DETECTOR_DYNAMIC),
                Integer.getInteger("careid.face.detector-input", org.careid.face.detect.FaceDetector.DEFAULT_FRAME_INPUT_SIDE));
        try (FaceModels models = FaceModels.load(modelsDir, 1, System.getProperty("careid.face.detector-model", FaceModels.DETECTOR_DYNAMIC))) {
            if (!models.ready()) {
                System.err.println("face models unavailable: " + models.failure());
                System.exit(1);
            }
            FacePipeline pipeline = FacePipeline.forTools(models);
            FaceAnalysis first = pipeline.analyze(jpeg);
            System.out.printf("input verdict: %d face(s), issues %s, eye distance %.0f px, mask score %.2f, yaw %.0f%n",
                    first.faceCount(), first.quality().issues(), first.quality().eyeDistance(), first.quality().maskScore(),
                    first.quality().yawDegrees());
            for (int i = 0; i < 30; i++) {
                pipeline.analyze(jpeg);
            }
            String[] names = {"decode", "detect", "align", "quality", "embed", "pad", "total"};
            double[][] t = new double[names.length][iterations];
            boolean accepted = true;
            for (int i = 0; i < iterations; i++) {
                FaceAnalysis a = pipeline.analyze(jpeg);
                accepted &= a.accepted();
                t[0][i] = a.timings().decodeMs();
                t[1][i] = a.timings().detectMs();
                t[2][i] = a.timings().alignMs();
                t[3][i] = a.timings().qualityMs();
                t[4][i] = a.timings().embedMs();
                t[5][i] = a.timings().padMs();
                t[6][i] = a.timings().totalMs();
            }
            System.out.printf("pipeline stages over %d runs, one thread (face accepted every time: %s)%n", iterations, accepted);
            System.out.printf("  %-8s %9s %9s%n", "stage", "median", "p99");
            for (int s = 0; s < names.length; s++) {
                Arrays.sort(t[s]);
                System.out.printf("  %-8s %7.2f ms %7.2f ms%n", names[s], pct(t[s], 0.5), pct(t[s], 0.99));
            }
        }
    }

    static byte[] jpeg640x480(Path photo) throws Exception {
        OpenCvLoader.ensureLoaded();
        try (DecodedImage img = FaceImageDecoder.withDefaults().decode(Files.readAllBytes(photo))) {
            Mat src = img.bgr();
            // fit inside 640x480 keeping the aspect ratio, centre on a grey canvas (never cuts the face)
            double scale = Math.min(640.0 / src.cols(), 480.0 / src.rows());
            Mat resized = new Mat();
            Imgproc.resize(src, resized, new Size(Math.round(src.cols() * scale), Math.round(src.rows() * scale)), 0, 0,
                    Imgproc.INTER_AREA);
            Mat out = new Mat(480, 640, src.type(), new Scalar(128, 128, 128));
            int x = (640 - resized.cols()) / 2;
            int y = (480 - resized.rows()) / 2;
            resized.copyTo(out.submat(new Rect(x, y, resized.cols(), resized.rows())));
            resized.release();
            MatOfByte buf = new MatOfByte();
            Imgcodecs.imencode(".jpg", out, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
            out.release();
            return buf.toArray();
        }
    }

    static void search() {
        Random r = new Random(7);
        System.out.println("1:N identification over synthetic 128-d templates (one per person), one thread");
        System.out.printf("  %-8s %9s %9s %12s%n", "N", "median", "p99", "memory");
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            System.gc();
            long before = usedHeap();
            FaceGallery g = new FaceGallery();
            for (int i = 0; i < n; i++) {
                g.add(UUID.randomUUID(), UUID.randomUUID(), unit(r));
            }
            System.gc();
            long memory = usedHeap() - before;
            List<float[]> probes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                probes.add(unit(r));
            }
            for (int i = 0; i < 50; i++) {
                g.identify(probes.get(i % probes.size()), 0.5, 0.05);
            }
            int q = n >= 100_000 ? 200 : 1000;
            double[] t = new double[q];
            for (int i = 0; i < q; i++) {
                long s = System.nanoTime();
                g.identify(probes.get(i % probes.size()), 0.5, 0.05);
                t[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(t);
            System.out.printf("  %-8d %6.2f ms %6.2f ms %9.1f MB (arrays %.1f MB)%n", n, pct(t, 0.5), pct(t, 0.99),
                    memory / 1e6, g.arrayBytes() / 1e6);
        }
    }

    private static float[] unit(Random r) {
        float[] v = new float[FaceGallery.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return FaceEmbedder.l2normalize(v);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}

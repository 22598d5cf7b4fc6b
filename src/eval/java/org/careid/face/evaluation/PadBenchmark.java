package org.careid.face.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.careid.face.FaceAnalysis;
import org.careid.face.FacePipeline;
import org.careid.face.FacePurpose;
import org.careid.face.image.DecodedImage;
import org.careid.face.image.FaceImageDecoder;
import org.careid.face.model.FaceModels;
import org.careid.face.pad.PadVerdict;
import org.careid.face.pad.PresentationAttackDetector;

/**
 * Latency that presentation-attack detection adds per face (both MiniFASNet models, crops included)
 * on a 640x480 frame made from a photo, one thread, after warm-up (scripts/bench-pad). Prints the
 * median and p99; asserts nothing (target on the 2-core machine: median <= 15 ms).
 *
 * <p>Usage: PadBenchmark PHOTO [ITERATIONS]
 */
public final class PadBenchmark {

    private PadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path photo = Path.of(args.length > 0 ? args[0] : "../shared/datasets/faces/fr_obama/obama.jpg");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path modelsDir = Path.of(System.getProperty("careid.models.dir", "models"));
        byte[] frame = FaceBenchmark.jpeg640x480(photo);
        try (FaceModels models = FaceModels.load(modelsDir, 1)) {
            if (!models.ready()) {
                System.err.println("face models unavailable: " + models.failure());
                System.exit(1);
            }
            FacePipeline pipeline = FacePipeline.forTools(models);
            PresentationAttackDetector pad = PresentationAttackDetector.withDefaults(models);
            FaceAnalysis a = pipeline.analyze(frame, FacePurpose.AUTHENTICATION);
            if (a.chosen() == null) {
                System.err.println("no single face in " + photo);
                System.exit(1);
            }
            try (DecodedImage img = FaceImageDecoder.withDefaults().decode(frame)) {
                for (int i = 0; i < 50; i++) {
                    pad.assess(img.bgr(), a.chosen());
                }
                double[] ms = new double[iterations];
                PadVerdict v = null;
                for (int i = 0; i < iterations; i++) {
                    long t = System.nanoTime();
                    v = pad.assess(img.bgr(), a.chosen());
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("PAD per face (MiniFASNetV2 2.7x + MiniFASNetV1SE 4.0x, crops included), %d runs, one thread, "
                        + "%d cores available%n", iterations, Runtime.getRuntime().availableProcessors());
                System.out.printf("  median %.2f ms, p90 %.2f ms, p99 %.2f ms; score on %s: %.3f%n", ms[iterations / 2],
                        ms[(int) (iterations * 0.9)], ms[Math.min(iterations - 1, (int) (iterations * 0.99))], photo.getFileName(),
                        v.score());
            }
        }
    }
}

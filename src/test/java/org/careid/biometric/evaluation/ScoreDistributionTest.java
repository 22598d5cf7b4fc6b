package org.careid.biometric.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.careid.biometric.ImpostorTail;
import org.careid.biometric.OperatingPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreDistributionTest {

    @Test
    void ratesAtAThresholdCountScoresAtOrAboveAsMatches() {
        ScoreDistribution d = new ScoreDistribution(new double[] {0.5, 0.6, 0.7, 0.8}, new double[] {0.1, 0.2, 0.3, 0.6});
        assertEquals(0.25, d.fmr(0.6), 1e-12);   // 0.6 impostor matches at 0.6
        assertEquals(0.25, d.fnmr(0.6), 1e-12);  // 0.5 genuine rejected
        assertEquals(0.0, d.fmr(0.61), 1e-12);
        assertEquals(1.0, d.fnmr(0.81), 1e-12);
    }

    @Test
    void equalErrorRateIsZeroForSeparatedScoresAndHalfForIdenticalOnes() {
        ScoreDistribution separated = new ScoreDistribution(new double[] {0.8, 0.9}, new double[] {0.1, 0.2});
        assertEquals(0.0, separated.equalErrorRate().rate(), 1e-12);
        double t = separated.equalErrorRate().threshold();
        assertTrue(t > 0.2 && t <= 0.8, "EER threshold between the classes, was " + t);

        ScoreDistribution same = new ScoreDistribution(new double[] {0.5, 0.5}, new double[] {0.5, 0.5});
        assertEquals(0.5, same.equalErrorRate().rate(), 1e-12);
    }

    @Test
    void operatingPointRespectsTheTargetFmr() {
        Random r = new Random(1);
        double[] gen = new double[2000];
        double[] imp = new double[10000];
        for (int i = 0; i < gen.length; i++) {
            gen[i] = 0.7 + 0.1 * r.nextGaussian();
        }
        for (int i = 0; i < imp.length; i++) {
            imp[i] = 0.1 * r.nextGaussian();
        }
        ScoreDistribution d = new ScoreDistribution(gen, imp);
        OperatingPoint p = d.operatingPoint(1e-2);
        assertTrue(p.fmr() <= 1e-2, "fmr " + p.fmr());
        assertTrue(p.fmr() > 0.9e-2, "threshold not needlessly strict: " + p.fmr());
        assertTrue(p.measurable());
        OperatingPoint fine = d.operatingPoint(1e-5);
        assertEquals(0.0, fine.fmr());
        assertFalse(fine.measurable(), "1e-5 cannot be resolved with 10k impostors");
        assertTrue(fine.threshold() > d.impostorScores()[imp.length - 1]);
    }

    @Test
    void impostorTailExtrapolatesMonotonicallyAndMatchesTheEmpiricalTail() {
        Random r = new Random(2);
        double[] imp = new double[100000];
        for (int i = 0; i < imp.length; i++) {
            imp[i] = 0.1 * r.nextGaussian();
        }
        ImpostorTail tail = ImpostorTail.fit(imp, 0.05);
        double t3 = tail.threshold(1e-3);
        double t6 = tail.threshold(1e-6);
        assertTrue(t6 > t3);
        ScoreDistribution d = new ScoreDistribution(new double[] {1}, imp);
        // exponential tail is conservative for a Gaussian: its 1e-3 threshold leaves at most ~1e-3
        assertTrue(d.fmr(t3) <= 1.5e-3, "empirical fmr at modelled 1e-3 threshold: " + d.fmr(t3));
        assertEquals(1e-4, tail.fmr(tail.threshold(1e-4)), 1e-10);
    }

    @Test
    void reportAndDetCurveAreWritten(@TempDir Path dir) throws Exception {
        ScoreDistribution d = new ScoreDistribution(new double[] {0.4, 0.6, 0.8, 0.9}, new double[] {0.0, 0.1, 0.3, 0.5});
        Map<String, Object> report = EvaluationReport.summarize(d, 0.45);
        assertEquals(0.25, (double) report.get("fmr_at_default"), 1e-12);
        assertEquals(0.25, (double) report.get("fnmr_at_default"), 1e-12);
        Path json = dir.resolve("r.json");
        EvaluationReport.writeJson(json, report);
        Map<?, ?> read = new ObjectMapper().readValue(json.toFile(), Map.class);
        assertEquals(4, read.get("genuine_pairs"));
        assertEquals(3, ((java.util.List<?>) read.get("operating_points")).size());
        Path png = dir.resolve("det.png");
        DetCurve.of(d, d.at(0.45)).writePng(png, "test");
        assertTrue(Files.size(png) > 1000);
        assertEquals(640, ImageIO.read(png.toFile()).getWidth());
    }
}

package org.careid.face.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.careid.face.FacePipeline;
import org.careid.face.TestData;
import org.careid.support.DrawnImages;
import org.careid.support.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PadEvaluation on a tiny folder laid out like the spoof set: two NUAA subjects with two print
 * attacks and two live captures each (copied from the shared dataset), one drawn image without a
 * face, no replay part.
 */
class PadEvaluationTest {

    @TempDir
    Path dir;

    @Test
    void reportHasTheIsoFieldsAndLeavesOutMissingParts() throws IOException {
        Path nuaa = TestData.datasets().resolve("spoof/nuaa");
        Prerequisites.require(Files.isDirectory(nuaa), "NUAA spoof images " + nuaa + " absent (set careid.datasets.dir)");
        for (String subject : List.of("0001", "0002")) {
            copyFirst(nuaa.resolve("ImposterRaw/" + subject), dir.resolve("nuaa/ImposterRaw/" + subject), 2);
            copyFirst(nuaa.resolve("ClientRaw/" + subject), dir.resolve("nuaa/ClientRaw/" + subject), 2);
        }
        Files.write(dir.resolve("nuaa/ClientRaw/0002/no_face.jpg"), DrawnImages.jpeg());
        Path report = dir.resolve("out/report.json");

        Map<String, Object> r = PadEvaluation.evaluate(FacePipeline.create(TestData.models()), dir, report, 0.5,
                PadEvaluation.DEFAULT_FIT_SOURCES);

        Map<?, ?> attacks = (Map<?, ?>) r.get("attacks");
        assertEquals(4, attacks.get("presentations"));
        assertEquals(4L, attacks.get("print"));
        assertFalse(attacks.containsKey("replay"), "no replay part, no replay count");
        Map<?, ?> bona = (Map<?, ?>) r.get("bona_fide");
        assertEquals(5, bona.get("presentations"));
        assertFalse(bona.containsKey("replay"));
        assertEquals(0.5, r.get("threshold"));
        Map<?, ?> apcer = (Map<?, ?>) r.get("apcer");
        assertTrue(apcer.containsKey("print"), "held-out APCER for prints: " + apcer);
        assertFalse(apcer.containsKey("replay"));
        assertNotNull(r.get("bpcer"));

        Map<?, ?> fta = (Map<?, ?>) r.get("failure_to_acquire");
        assertEquals(1, fta.get("count"), "the drawn image has no face: acquisition failed, not a PAD decision");
        assertEquals(1L, fta.get("bona_fide"));

        Map<?, ?> calibration = (Map<?, ?>) r.get("calibration");
        List<?> folds = (List<?>) calibration.get("folds");
        assertEquals(2, folds.size(), "one fold per NUAA subject half");
        assertEquals(List.of("nuaa subjects 0001", "nuaa subjects 0002"), calibration.get("units"));
        assertNotNull(((Map<?, ?>) folds.get(0)).get("threshold"));

        List<?> scores = (List<?>) r.get("scores");
        assertEquals(9, scores.size());
        long scored = scores.stream().filter(s -> ((Map<?, ?>) s).containsKey("score")).count();
        assertEquals(8, scored);
        assertTrue(((Map<?, ?>) r.get("seen_by_model")).isEmpty());
        assertTrue(((List<?>) r.get("replay_size_check")).isEmpty());
        assertEquals(Map.of("print", "report-det-print.png"), r.get("det_curves"));
        assertTrue(Files.size(report.resolveSibling("report-det-print.png")) > 1000, "DET curve drawn");
    }

    private static void copyFirst(Path from, Path to, int n) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.sorted().limit(n).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}

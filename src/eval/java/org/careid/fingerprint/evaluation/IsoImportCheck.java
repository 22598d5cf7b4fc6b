package org.careid.fingerprint.evaluation;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.careid.fingerprint.ExtractedFingerprint;
import org.careid.fingerprint.FingerprintTemplateImport;

/**
 * Checks imported ISO/IEC 19794-2 templates (another vendor's extractor, same images) against the
 * SourceAFIS templates extracted from the images: the same impression, other impressions of the same
 * finger (genuine), and every impression of the other fingers (impostor).
 */
final class IsoImportCheck {
    private IsoImportCheck() {
    }

    static Map<String, Object> run(Path isoRoot, FingerDataset data, List<List<ExtractedFingerprint>> extracted,
            double threshold) throws Exception {
        FingerprintTemplateImport importer = new FingerprintTemplateImport();
        List<Double> sameImpression = new ArrayList<>();
        List<Double> otherImpression = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        int imported = 0;
        int failed = 0;
        for (int f = 0; f < data.fingers().size(); f++) {
            Path folder = isoRoot.resolve(data.fingers().get(f).name());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(p -> p.toString().endsWith(".iso")).sorted().toList();
            }
            for (Path file : files) {
                FingerprintTemplate template;
                try {
                    template = importer.importAll(Files.readAllBytes(file)).get(0);
                    imported++;
                } catch (RuntimeException e) {
                    failed++;
                    continue;
                }
                int impression = FingerDataset.impressionNumber(file);
                FingerprintMatcher matcher = new FingerprintMatcher(template);
                for (int g = 0; g < extracted.size(); g++) {
                    List<ExtractedFingerprint> impressions = extracted.get(g);
                    for (int i = 0; i < impressions.size(); i++) {
                        double score = matcher.match(impressions.get(i).template());
                        if (g != f) {
                            impostor.add(score);
                        } else if (i + 1 == impression) {
                            sameImpression.add(score);
                        } else {
                            otherImpression.add(score);
                        }
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("templates_imported", imported);
        out.put("templates_refused", failed);
        out.put("threshold", threshold);
        out.put("same_impression", stats(sameImpression, threshold));
        out.put("other_impressions_same_finger", stats(otherImpression, threshold));
        out.put("impostor", stats(impostor, threshold));
        return out;
    }

    private static Map<String, Object> stats(List<Double> scores, double threshold) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pairs", scores.size());
        out.put("at_or_above_threshold", scores.stream().filter(s -> s >= threshold).count());
        out.put("mean_score", scores.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        out.put("max_score", scores.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        return out;
    }
}

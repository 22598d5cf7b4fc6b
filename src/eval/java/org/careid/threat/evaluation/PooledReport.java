package org.careid.threat.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation of several simulated hospitals (one per seed) pooled: attacks injected and detected
 * and false alerts are summed per detector, staff-shifts over all runs. With 80 attacks per
 * detector a single run measures a recall of 0.95 to about +-0.05 (95 % interval), so the pooled
 * figure, with its Wilson interval, is the one to compare with the target.
 */
final class PooledReport {
    private final Map<String, int[]> detectors = new LinkedHashMap<>(); // injected, detected, false alerts
    private final Map<String, int[]> kinds = new LinkedHashMap<>(); // injected, detected
    private final List<Map<String, Object>> perSeed = new ArrayList<>();
    private int staffShifts;
    private int falseAlerts;

    @SuppressWarnings("unchecked")
    void add(Map<String, Object> report) {
        Map<String, Object> run = (Map<String, Object>) report.get("run");
        staffShifts += (Integer) run.get("staffShifts");
        Map<String, Object> overall = (Map<String, Object>) report.get("overall");
        falseAlerts += (Integer) overall.get("falseAlerts");
        Map<String, Object> recalls = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) report.get("detectors")).forEach((name, row) -> {
            int[] sum = detectors.computeIfAbsent(name, k -> new int[3]);
            sum[0] += (Integer) row.get("injected");
            sum[1] += (Integer) row.get("detected");
            sum[2] += (Integer) row.get("falseAlerts");
            if (row.get("recall") != null) {
                recalls.put(name, row.get("recall"));
            }
        });
        ((Map<String, Map<String, Object>>) report.get("attackKinds")).forEach((kind, row) -> {
            int[] sum = kinds.computeIfAbsent(kind, k -> new int[2]);
            sum[0] += (Integer) row.get("injected");
            sum[1] += (Integer) row.get("detected");
        });
        Map<String, Object> seed = new LinkedHashMap<>();
        seed.put("seed", run.get("seed"));
        seed.put("recall", recalls);
        seed.put("falseAlertsPer1000StaffShifts", overall.get("falseAlertsPer1000StaffShifts"));
        seed.put("missedAttacks", report.get("missedAttacks"));
        seed.put("run", run);
        perSeed.add(seed);
    }

    Map<String, Object> toReport() {
        Map<String, Object> rows = new LinkedHashMap<>();
        boolean allRecall = true;
        for (Map.Entry<String, int[]> e : detectors.entrySet()) {
            int[] v = e.getValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("injected", v[0]);
            row.put("detected", v[1]);
            if (v[0] > 0) {
                double recall = (double) v[1] / v[0];
                row.put("recall", ThreatEvaluation.round(recall));
                row.put("recall95", wilson(v[1], v[0]));
                allRecall &= recall >= ThreatEvaluation.RECALL_TARGET;
            }
            row.put("falseAlerts", v[2]);
            row.put("falseAlertsPer1000StaffShifts", ThreatEvaluation.round(1000.0 * v[2] / staffShifts));
            rows.put(e.getKey(), row);
        }
        Map<String, Object> kindRows = new LinkedHashMap<>();
        kinds.forEach((kind, v) -> kindRows.put(kind, Map.of("injected", v[0], "detected", v[1],
                "recall", ThreatEvaluation.round((double) v[1] / v[0]))));
        double falsePer1000 = 1000.0 * falseAlerts / staffShifts;
        Map<String, Object> overall = new LinkedHashMap<>();
        overall.put("runs", perSeed.size());
        overall.put("staffShifts", staffShifts);
        overall.put("falseAlerts", falseAlerts);
        overall.put("falseAlertsPer1000StaffShifts", ThreatEvaluation.round(falsePer1000));
        overall.put("recallTargetMet", allRecall);
        overall.put("falseAlertTargetMet", falsePer1000 <= ThreatEvaluation.FALSE_ALERTS_PER_1000_TARGET);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("pooledDetectors", rows);
        report.put("pooledAttackKinds", kindRows);
        report.put("pooledOverall", overall);
        report.put("seeds", perSeed);
        return report;
    }

    /** The Wilson score interval (95 %) of a proportion: [low, high], rounded. */
    static List<Double> wilson(int successes, int n) {
        double z = 1.959964;
        double p = (double) successes / n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return List.of(ThreatEvaluation.round(centre - half), ThreatEvaluation.round(centre + half));
    }
}

package org.careid.threat.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs two small simulated hospitals through the real detectors and pools their reports. */
class PooledReportTest {

    @Test
    @SuppressWarnings("unchecked")
    void poolsTheCountsOfEveryRun() {
        Map<String, Object> first = ThreatEvaluation.evaluate(11, 60, 12, 8, 1);
        Map<String, Object> second = ThreatEvaluation.evaluate(12, 60, 12, 8, 1);
        PooledReport pooled = new PooledReport();
        pooled.add(first);
        pooled.add(second);
        Map<String, Object> report = pooled.toReport();

        Map<String, Map<String, Object>> detectors = (Map<String, Map<String, Object>>) report.get("pooledDetectors");
        for (String name : List.of("failure-burst", "impossible-travel", "unusual-behaviour",
                "near-threshold-probing", "token-misuse", "device-posture")) {
            Map<String, Object> row = detectors.get(name);
            assertEquals(16, row.get("injected"), name);
            int detected = (Integer) row.get("detected");
            assertEquals(detected, detectedIn(first, name) + detectedIn(second, name), name);
            List<Double> interval = (List<Double>) row.get("recall95");
            double recall = (Double) row.get("recall");
            assertTrue(interval.get(0) <= recall && recall <= interval.get(1), name + " " + interval);
        }
        Map<String, Object> overall = (Map<String, Object>) report.get("pooledOverall");
        assertEquals(2, overall.get("runs"));
        assertEquals(staffShifts(first) + staffShifts(second), overall.get("staffShifts"));
        assertEquals(2, ((List<?>) report.get("seeds")).size());
    }

    @Test
    void wilsonIntervalOfAProportion() {
        List<Double> interval = PooledReport.wilson(95, 100);
        assertEquals(0.888, interval.get(0), 0.001);
        assertEquals(0.978, interval.get(1), 0.001);
        assertEquals(1.0, PooledReport.wilson(10, 10).get(1), 1e-9);
    }

    @SuppressWarnings("unchecked")
    private static int detectedIn(Map<String, Object> report, String detector) {
        return (Integer) ((Map<String, Map<String, Object>>) report.get("detectors")).get(detector).get("detected");
    }

    @SuppressWarnings("unchecked")
    private static int staffShifts(Map<String, Object> report) {
        return (Integer) ((Map<String, Object>) report.get("run")).get("staffShifts");
    }
}

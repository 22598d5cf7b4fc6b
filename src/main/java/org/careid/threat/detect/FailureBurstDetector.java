package org.careid.threat.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.careid.threat.AuthEventKind;
import org.careid.threat.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfig;

/**
 * Bursts of failed authentications per device and per claimed person. A count in the sliding window
 * is "far above baseline" when a Poisson process at the learned rate would produce it with
 * probability below {@code alpha}, and it is at least {@code minFailures}. Catches brute force and
 * someone cycling through photos at one device or against one identity.
 */
public final class FailureBurstDetector implements Detector {
    public static final String NAME = "failure-burst";

    private final ThreatConfig.Burst config;
    private final Map<UUID, Subject> devices = new HashMap<>();
    private final Map<UUID, Subject> persons = new HashMap<>();
    private final Cooldown<UUID> cooldown;

    public FailureBurstDetector(ThreatConfig.Burst config) {
        this.config = config;
        this.cooldown = new Cooldown<>(config.cooldown());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ThreatAlert> onEvent(AuthEventRecord e) {
        if (e.kind() != AuthEventKind.AUTH_FAILURE) {
            return List.of();
        }
        List<ThreatAlert> alerts = new ArrayList<>(2);
        if (e.deviceId() != null) {
            Subject s = devices.computeIfAbsent(e.deviceId(), k -> new Subject());
            int k = s.record(e);
            double expected = s.expected(k);
            if (isBurst(k, expected) && cooldown.tryFire(e.deviceId(), e.time())) {
                alerts.add(ThreatAlert.aboutDevice(e.time(), NAME, Severity.HIGH, e.deviceId(), null,
                        summary(k, expected, "at device in ward " + e.deviceWard())));
            }
        }
        UUID person = e.subjectStaffId();
        if (person != null) {
            Subject s = persons.computeIfAbsent(person, k -> new Subject());
            int k = s.record(e);
            double expected = s.expected(k);
            if (isBurst(k, expected) && cooldown.tryFire(person, e.time())) {
                alerts.add(ThreatAlert.aboutStaff(e.time(), NAME, Severity.HIGH, person, e.deviceId(),
                        summary(k, expected, "claiming this staff member")));
            }
        }
        return alerts;
    }

    private boolean isBurst(int count, double expected) {
        return count >= config.minFailures() && PoissonTail.atLeast(count, expected) < config.alpha();
    }

    private String summary(int count, double expected, String where) {
        return String.format("%d failed authentications within %d min %s; baseline %.2f per window",
                count, config.window().toMinutes(), where, expected);
    }

    /** Window plus baseline of one device or person. */
    private final class Subject {
        private final SlidingWindow window = new SlidingWindow(config.window());
        private final FailureBaseline baseline = new FailureBaseline(config.baselineHalfLife(),
                config.priorFailuresPerHour(), config.priorWeight());

        int record(AuthEventRecord e) {
            baseline.recordFailure(e.time());
            return window.add(e.time());
        }

        double expected(int inWindow) {
            return baseline.ratePerHour(inWindow) * config.window().toMillis() / 3_600_000.0;
        }
    }
}

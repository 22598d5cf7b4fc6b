package org.careid.threat.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfig;

/**
 * Bursts of failed authentications per device and per claimed person. A count in the short or the
 * long sliding window is "far above baseline" when a Poisson process at the learned rate would produce it with
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
            String burst = s.record(e);
            if (burst != null && cooldown.tryFire(e.deviceId(), e.time())) {
                alerts.add(ThreatAlert.aboutDevice(e.time(), NAME, Severity.HIGH, e.deviceId(), null,
                        burst + " at a device in ward " + e.deviceWard()));
            }
        }
        UUID person = e.subjectStaffId();
        if (person != null) {
            Subject s = persons.computeIfAbsent(person, k -> new Subject());
            String burst = s.record(e);
            if (burst != null && cooldown.tryFire(person, e.time())) {
                alerts.add(ThreatAlert.aboutStaff(e.time(), NAME, Severity.HIGH, person, e.deviceId(),
                        burst + " claiming this staff member"));
            }
        }
        return alerts;
    }

    /** Windows plus baseline of one device or person. */
    private final class Subject {
        private final SlidingWindow shortWindow = new SlidingWindow(config.window());
        private final SlidingWindow longWindow = new SlidingWindow(config.longWindow());
        private final FailureBaseline baseline = new FailureBaseline(config.baselineHalfLife(),
                config.priorFailuresPerHour(), config.priorWeight());

        /** Records a failure; returns the evidence when either window shows a burst, else null. */
        String record(AuthEventRecord e) {
            baseline.recordFailure(e.time());
            int inShort = shortWindow.add(e.time());
            int inLong = longWindow.add(e.time());
            String shortBurst = test(inShort, inLong, config.window());
            return shortBurst != null ? shortBurst : test(inLong, inLong, config.longWindow());
        }

        private String test(int count, int excludeFromBaseline, java.time.Duration window) {
            double expected = baseline.ratePerHour(excludeFromBaseline) * window.toMillis() / 3_600_000.0;
            if (count < config.minFailures() || PoissonTail.atLeast(count, expected) >= config.alpha()) {
                return null;
            }
            return String.format("%d failed authentications within %d min (baseline %.2f)", count,
                    window.toMinutes(), expected);
        }
    }
}

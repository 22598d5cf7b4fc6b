package org.careid.threat.detect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfig;

/**
 * Near-threshold probing: repeated failed matches scoring just under the threshold for one claimed
 * identity, across attempts or devices. That is what a spoof or morph being tuned looks like. A
 * genuine person who narrowly fails retries and gets in at the same device within seconds, so a
 * near miss followed by that person's success at that device within {@code retryGrace} is dropped;
 * only near misses left unexplained count.
 */
public final class NearThresholdProbingDetector implements Detector {
    public static final String NAME = "near-threshold-probing";

    private final ThreatConfig.Probing config;
    private final Deque<NearMiss> pending = new ArrayDeque<>();
    private final Map<UUID, List<NearMiss>> pendingByPerson = new HashMap<>();
    private final Map<UUID, SlidingWindow> confirmed = new HashMap<>();
    private final Map<UUID, Set<UUID>> devicesSeen = new HashMap<>();
    private final Cooldown<UUID> cooldown;

    public NearThresholdProbingDetector(ThreatConfig.Probing config) {
        this.config = config;
        this.cooldown = new Cooldown<>(config.cooldown());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ThreatAlert> onEvent(AuthEventRecord e) {
        if (e.kind() == AuthEventKind.AUTH_SUCCESS && e.staffId() != null) {
            explainRetries(e);
        } else if (e.kind() == AuthEventKind.AUTH_FAILURE && isNearMiss(e)) {
            NearMiss miss = new NearMiss(e.time(), e.subjectStaffId(), e.deviceId());
            pending.addLast(miss);
            pendingByPerson.computeIfAbsent(miss.person, k -> new ArrayList<>()).add(miss);
        }
        return onTick(e.time());
    }

    @Override
    public List<ThreatAlert> onTick(Instant now) {
        List<ThreatAlert> alerts = new ArrayList<>();
        Instant settled = now.minus(config.retryGrace());
        while (!pending.isEmpty() && !pending.peekFirst().time.isAfter(settled)) {
            NearMiss miss = pending.removeFirst();
            List<NearMiss> forPerson = pendingByPerson.get(miss.person);
            if (forPerson != null) {
                forPerson.remove(miss);
                if (forPerson.isEmpty()) {
                    pendingByPerson.remove(miss.person);
                }
            }
            if (miss.explained) {
                continue;
            }
            int count = confirmed.computeIfAbsent(miss.person, k -> new SlidingWindow(config.window())).add(miss.time);
            Set<UUID> devices = devicesSeen.computeIfAbsent(miss.person, k -> new HashSet<>());
            if (miss.device != null) {
                devices.add(miss.device);
            }
            if (count >= config.minNearMisses() && cooldown.tryFire(miss.person, now)) {
                String evidence = String.format(
                        "%d failed matches just under the threshold (within %.0f%%) within %d min for this "
                                + "identity, at %d device(s), not followed by a successful retry",
                        count, config.nearFraction() * 100, config.window().toMinutes(), devices.size());
                alerts.add(ThreatAlert.aboutStaff(now, NAME, Severity.HIGH, miss.person, miss.device, evidence));
                devices.clear();
            }
        }
        return alerts;
    }

    private boolean isNearMiss(AuthEventRecord e) {
        if (e.subjectStaffId() == null || e.matchScore() == null || e.matchThreshold() == null) {
            return false;
        }
        double threshold = e.matchThreshold();
        double score = e.matchScore();
        return score < threshold && score >= threshold - Math.abs(threshold) * config.nearFraction();
    }

    private void explainRetries(AuthEventRecord success) {
        List<NearMiss> forPerson = pendingByPerson.get(success.staffId());
        if (forPerson == null) {
            return;
        }
        Instant from = success.time().minus(config.retryGrace());
        for (NearMiss miss : forPerson) {
            if (!miss.time.isBefore(from) && java.util.Objects.equals(miss.device, success.deviceId())) {
                miss.explained = true;
            }
        }
    }

    private static final class NearMiss {
        final Instant time;
        final UUID person;
        final UUID device;
        boolean explained;

        NearMiss(Instant time, UUID person, UUID device) {
            this.time = time;
            this.person = person;
            this.device = device;
        }
    }
}

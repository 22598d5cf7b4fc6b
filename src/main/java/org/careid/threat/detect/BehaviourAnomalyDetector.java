package org.careid.threat.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.careid.threat.AuthEventKind;
import org.careid.threat.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfig;

/**
 * Unusual behaviour for a person: successful authentications that fall outside the region the
 * person's own one-class SVM learned from their history (ward, device type, hour, modality,
 * scopes). One changed attribute is ordinary (a visit to another ward, a different reader, a
 * shift swap) and stays inside the learned region; an event that differs in several at once is what
 * a stolen identity used by someone else looks like. {@code minAnomalousEvents} (default 1) can
 * demand more such events within the window.
 */
public final class BehaviourAnomalyDetector implements Detector {
    public static final String NAME = "unusual-behaviour";

    private final ThreatConfig.Behaviour config;
    private final AtomicReference<BehaviourModels> models = new AtomicReference<>(BehaviourModels.empty());
    private final Map<UUID, SlidingWindow> anomalies = new HashMap<>();
    private final Cooldown<UUID> cooldown;

    public BehaviourAnomalyDetector(ThreatConfig.Behaviour config) {
        this.config = config;
        this.cooldown = new Cooldown<>(config.cooldown());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Installs a newly trained generation (called by the retraining job; thread-safe). */
    public void install(BehaviourModels generation) {
        models.set(generation);
    }

    public BehaviourModels current() {
        return models.get();
    }

    @Override
    public List<ThreatAlert> onEvent(AuthEventRecord e) {
        if (e.kind() != AuthEventKind.AUTH_SUCCESS || e.staffId() == null) {
            return List.of();
        }
        OptionalDouble score = models.get().score(e);
        if (score.isEmpty() || score.getAsDouble() >= -config.anomalyMargin()) {
            return List.of();
        }
        int count = anomalies.computeIfAbsent(e.staffId(), k -> new SlidingWindow(config.window())).add(e.time());
        if (count < config.minAnomalousEvents() || !cooldown.tryFire(e.staffId(), e.time())) {
            return List.of();
        }
        String evidence = String.format(
                "%d authentications within %d h outside this person's learned pattern; latest in ward %s, "
                        + "device type %s, modality %s, %d scope(s)",
                count, config.window().toHours(), e.deviceWard(), e.deviceType(), e.modality(), e.scopes().size());
        return List.of(ThreatAlert.aboutStaff(e.time(), NAME, Severity.MEDIUM, e.staffId(), e.deviceId(), evidence));
    }
}

package org.careid.threat.detect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfig;

/**
 * Unusual behaviour for a person: successful authentications that fall outside the region the
 * person's own one-class SVM learned from their history (ward, device type, hour, modality,
 * scopes). One changed attribute is ordinary (a visit to another ward, a different reader, a
 * shift swap) and stays inside the learned region; an event that differs in several at once is what
 * a stolen identity used by someone else looks like, and alerts on its own ({@code anomalyMargin},
 * {@code minAnomalousEvents} within {@code window}).
 *
 * <p>Sequential evidence: someone using a stolen identity authenticates several times, and each of
 * those events can differ from the person's history in only one attribute. Ordinary staff produce
 * such a mildly unusual event now and then, between events that fit; a thief produces one after
 * another. A CUSUM over the person's scored events within {@code sessionWindow} adds each event's
 * shortfall below the learned boundary (minus its score) and takes off the margin of each event
 * inside it, never going below 0; a total of {@code sessionEvidence} alerts.
 *
 * <p>Both rules need a boundary that has seen the person's habits ({@code minEvents} events): a
 * person with less history of their own is judged by their peer group's model (same ward and
 * clinical role), see {@link BehaviourTrainer}.
 */
public final class BehaviourAnomalyDetector implements Detector {
    public static final String NAME = "unusual-behaviour";

    private final ThreatConfig.Behaviour config;
    private final AtomicReference<BehaviourModels> models = new AtomicReference<>(BehaviourModels.empty());
    private final Map<UUID, SlidingWindow> anomalies = new HashMap<>();
    /** Each person's scored events within the session window: the CUSUM and the rare pairs read them. */
    private final Map<UUID, ArrayDeque<Scored>> sessions = new HashMap<>();
    private final ScoreTail tail;
    private final Cooldown<UUID> cooldown;

    private record Scored(Instant time, double score, boolean rare) {}

    public BehaviourAnomalyDetector(ThreatConfig.Behaviour config) {
        this.config = config;
        this.cooldown = new Cooldown<>(config.cooldown());
        this.tail = new ScoreTail(config.tailMemory());
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
        BehaviourModels generation = models.get();
        OptionalDouble score = generation.score(e);
        if (score.isEmpty()) {
            return List.of();
        }
        ArrayDeque<Scored> events = sessionOf(e.staffId(), e.time(), score.getAsDouble());
        double evidence = cusum(events);
        long rare = events.stream().filter(Scored::rare).count();
        int count = 0;
        if (score.getAsDouble() < -config.anomalyMargin()) {
            count = anomalies.computeIfAbsent(e.staffId(), k -> new SlidingWindow(config.window())).add(e.time());
        }
        boolean alone = count > 0 && count >= config.minAnomalousEvents();
        boolean session = evidence >= config.sessionEvidence();
        boolean rarePair = rare >= config.rareEvents();
        if (!(alone || session || rarePair) || !cooldown.tryFire(e.staffId(), e.time())) {
            return List.of();
        }
        String pattern = generation.peerGroup(e.staffId())
                .map(g -> "the learned pattern of this person's peer group " + g)
                .orElse("this person's learned pattern");
        String what;
        if (alone) {
            what = String.format("%d authentication(s) within %d h far outside %s", count,
                    config.window().toHours(), pattern);
        } else if (session) {
            what = String.format("authentications within %d h one after another outside %s "
                    + "(accumulated shortfall %.1f)", config.sessionWindow().toHours(), pattern, evidence);
        } else {
            what = String.format("%d authentications within %d h outside %s, each as far outside as at most "
                    + "%s of everybody's recent authentications", rare, config.sessionWindow().toHours(), pattern,
                    percent(config.rareTail()));
        }
        String text = String.format("%s; latest in ward %s, device type %s, modality %s, %d scope(s)", what,
                e.deviceWard(), e.deviceType(), e.modality(), e.scopes().size());
        return List.of(ThreatAlert.aboutStaff(e.time(), NAME, Severity.MEDIUM, e.staffId(), e.deviceId(), text));
    }

    /**
     * Rare: at most {@code rare-tail} of everybody's recent ordinary scores were as low (never while
     * too few are known to tell). An event anomalous on its own is not ordinary and stays out of the tail.
     */
    private boolean isRare(double score) {
        boolean rare = tail.size() >= config.tailMemory() / 5 && score < 0 && tail.tailProbability(score) <= config.rareTail();
        if (score >= -config.anomalyMargin()) {
            tail.add(score);
        }
        return rare;
    }

    private static String percent(double share) {
        return share * 100 + " %";
    }

    /** Adds the event to the person's session and drops what fell out of the session window. */
    private ArrayDeque<Scored> sessionOf(UUID staffId, Instant t, double score) {
        ArrayDeque<Scored> events = sessions.computeIfAbsent(staffId, k -> new ArrayDeque<>());
        events.addLast(new Scored(t, score, isRare(score)));
        Instant from = t.minus(config.sessionWindow());
        while (events.peekFirst().time().isBefore(from)) {
            events.removeFirst();
        }
        return events;
    }

    /** The CUSUM of the shortfalls below the boundary over the session's scored events. */
    private static double cusum(ArrayDeque<Scored> events) {
        double sum = 0;
        for (Scored s : events) {
            sum = Math.max(0, sum - s.score());
        }
        return sum;
    }
}

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
 * Repeated presentation attacks: failed authentications whose outcome is
 * {@value #ATTACK_OUTCOME} (a face judged a photo or screen, or a failed or replayed head-turn
 * challenge), counted per device and per targeted person (the claimed identity, or the person the
 * refused face resembled). {@code minAttacks} of them within the window raise a HIGH alert: one
 * refusal may be a live person in bad light, repeated ones are someone trying pictures.
 */
public final class PresentationAttackRepeatDetector implements Detector {
    public static final String NAME = "presentation-attack";
    /** The outcome code the authentication flow reports for such a refusal. */
    public static final String ATTACK_OUTCOME = "presentation-attack";

    private final ThreatConfig.PresentationAttacks config;
    private final Map<UUID, SlidingWindow> devices = new HashMap<>();
    private final Map<UUID, SlidingWindow> persons = new HashMap<>();
    private final Cooldown<UUID> cooldown;

    public PresentationAttackRepeatDetector(ThreatConfig.PresentationAttacks config) {
        this.config = config;
        this.cooldown = new Cooldown<>(config.cooldown());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ThreatAlert> onEvent(AuthEventRecord e) {
        if (e.kind() != AuthEventKind.AUTH_FAILURE || !ATTACK_OUTCOME.equals(e.outcome())) {
            return List.of();
        }
        List<ThreatAlert> alerts = new ArrayList<>(2);
        if (e.deviceId() != null) {
            int n = devices.computeIfAbsent(e.deviceId(), k -> new SlidingWindow(config.window())).add(e.time());
            if (n >= config.minAttacks() && cooldown.tryFire(e.deviceId(), e.time())) {
                alerts.add(ThreatAlert.aboutDevice(e.time(), NAME, Severity.HIGH, e.deviceId(), null,
                        n + " faces refused as presentation attacks within " + config.window().toMinutes()
                                + " min at a device in ward " + e.deviceWard()));
            }
        }
        UUID person = e.subjectStaffId();
        if (person != null) {
            int n = persons.computeIfAbsent(person, k -> new SlidingWindow(config.window())).add(e.time());
            if (n >= config.minAttacks() && cooldown.tryFire(person, e.time())) {
                alerts.add(ThreatAlert.aboutStaff(e.time(), NAME, Severity.HIGH, person, e.deviceId(),
                        n + " faces refused as presentation attacks within " + config.window().toMinutes()
                                + " min targeting this staff member"));
            }
        }
        return alerts;
    }
}

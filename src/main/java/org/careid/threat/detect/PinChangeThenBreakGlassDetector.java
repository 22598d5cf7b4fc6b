package org.careid.threat.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;

/**
 * A PIN change followed by emergency access for the same person within a day: staff id + PIN open
 * break-glass, so whoever set a PIN someone else will use is the pattern of taking over a
 * clinician's identity in an emergency. Critical, beyond the ordinary break-glass alert.
 */
public final class PinChangeThenBreakGlassDetector implements Detector {
    public static final String NAME = "pin-change-break-glass";
    static final Duration WINDOW = Duration.ofHours(24);

    private final Map<UUID, AuthEventRecord> lastPinChange = new HashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ThreatAlert> onEvent(AuthEventRecord e) {
        if (e.staffId() == null) {
            return List.of();
        }
        if (e.kind() == AuthEventKind.PIN_CHANGED) {
            lastPinChange.put(e.staffId(), e);
            return List.of();
        }
        if (e.kind() != AuthEventKind.BREAK_GLASS) {
            return List.of();
        }
        AuthEventRecord change = lastPinChange.get(e.staffId());
        if (change == null || change.time().isBefore(e.time().minus(WINDOW))) {
            return List.of();
        }
        String evidence = String.format("emergency access in ward %s %d minutes after the PIN was %s%s",
                e.deviceWard(), Duration.between(change.time(), e.time()).toMinutes(), change.outcome(),
                change.deviceId() == null ? "" : " at device " + change.deviceId());
        return List.of(ThreatAlert.aboutStaff(e.time(), NAME, Severity.CRITICAL, e.staffId(), e.deviceId(), evidence));
    }

    @Override
    public List<ThreatAlert> onTick(Instant now) {
        lastPinChange.values().removeIf(change -> change.time().isBefore(now.minus(WINDOW)));
        return List.of();
    }
}

package org.careid.threat.detect;

import java.util.List;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;

/** Every emergency (break-glass) access is a high-severity alert: it bypassed biometrics. */
public final class BreakGlassUseDetector implements Detector {
    public static final String NAME = "break-glass";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ThreatAlert> onEvent(AuthEventRecord e) {
        if (e.kind() != AuthEventKind.BREAK_GLASS || e.staffId() == null) {
            return List.of();
        }
        String evidence = String.format("emergency access granted at a device in ward %s (reason %s); review pending",
                e.deviceWard(), e.outcome());
        return List.of(ThreatAlert.aboutStaff(e.time(), NAME, Severity.HIGH, e.staffId(), e.deviceId(), evidence));
    }
}

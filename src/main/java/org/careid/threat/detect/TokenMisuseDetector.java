package org.careid.threat.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.Severity;
import org.careid.threat.ThreatAlert;
import org.careid.threat.ThreatConfig;
import org.careid.events.TokenMisuseKind;

/**
 * Token misuse reported by the token service. A token presented by a device it is not bound to, a
 * replayed one-time token, a proof from a presenter without the bound key and a replayed proof have
 * no innocent explanation and alert at once ({@link TokenMisuseKind#immediate()}). A revoked token or
 * a stale or malformed proof can happen innocently once (revocation racing a request, clock skew, a
 * client bug), so those alert when they repeat at one device within the window.
 */
public final class TokenMisuseDetector implements Detector {
    public static final String NAME = "token-misuse";

    private final ThreatConfig.TokenMisuse config;
    private final Map<UUID, SlidingWindow> repeats = new HashMap<>();
    private final Cooldown<String> cooldown;

    public TokenMisuseDetector(ThreatConfig.TokenMisuse config) {
        this.config = config;
        this.cooldown = new Cooldown<>(config.cooldown());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ThreatAlert> onEvent(AuthEventRecord e) {
        if (e.kind() != AuthEventKind.TOKEN_MISUSE || e.misuse() == null) {
            return List.of();
        }
        boolean immediate = e.misuse().immediate();
        int count = 1;
        if (!immediate) {
            if (e.deviceId() == null) {
                return List.of();
            }
            count = repeats.computeIfAbsent(e.deviceId(), k -> new SlidingWindow(config.window())).add(e.time());
            if (count < config.repeatCount()) {
                return List.of();
            }
        }
        String key = (e.deviceId() != null ? e.deviceId() : e.staffId()) + "/" + e.misuse();
        if (!cooldown.tryFire(key, e.time())) {
            return List.of();
        }
        String evidence = immediate
                ? String.format("%s: token of this staff member presented at device %s", describe(e.misuse()), e.deviceId())
                : String.format("%s %d times within %d min at this device", describe(e.misuse()), count,
                        config.window().toMinutes());
        Severity severity = immediate ? Severity.HIGH : Severity.MEDIUM;
        if (e.deviceId() != null) {
            return List.of(ThreatAlert.aboutDevice(e.time(), NAME, severity, e.deviceId(), e.staffId(), evidence));
        }
        return e.staffId() == null ? List.of()
                : List.of(ThreatAlert.aboutStaff(e.time(), NAME, severity, e.staffId(), null, evidence));
    }

    private static String describe(TokenMisuseKind kind) {
        return switch (kind) {
            case BINDING_MISMATCH -> "token used by a device it is not bound to";
            case REPLAYED_ONE_TIME_TOKEN -> "one-time token replayed";
            case REVOKED_TOKEN_USE -> "revoked token used";
            case PROOF_WITHOUT_BOUND_KEY -> "proof of possession without the key the token is bound to";
            case PROOF_REPLAYED -> "proof of possession replayed";
            case STALE_OR_MALFORMED_PROOF -> "stale or malformed proof of possession";
        };
    }
}

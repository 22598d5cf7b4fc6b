package org.careid.threat.detect;


import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * Device posture: a device reporting software below the minimum version, and many devices of one
 * ward failing at once (tampered cameras or readers, a bad or malicious update rolled out to a
 * ward). One device failing is a person; most of a ward's used devices producing nothing but
 * failures is the devices.
 */
public final class DevicePostureDetector implements Detector {
    public static final String NAME = "device-posture";

    private final ThreatConfig.Posture config;
    private final Map<UUID, String> alertedVersion = new HashMap<>();
    private final Map<String, Map<UUID, Deque<Attempt>>> attemptsByWard = new HashMap<>();
    private final Cooldown<String> wardCooldown;

    public DevicePostureDetector(ThreatConfig.Posture config) {
        this.config = config;
        this.wardCooldown = new Cooldown<>(config.cooldown());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ThreatAlert> onEvent(AuthEventRecord e) {
        if (e.kind() == AuthEventKind.DEVICE_VERSION_REPORTED) {
            return checkVersion(e);
        }
        if (e.deviceId() == null || e.deviceWard() == null
                || (e.kind() != AuthEventKind.AUTH_SUCCESS && e.kind() != AuthEventKind.AUTH_FAILURE)) {
            return List.of();
        }
        boolean failed = e.kind() == AuthEventKind.AUTH_FAILURE;
        attemptsByWard.computeIfAbsent(e.deviceWard(), k -> new HashMap<>())
                .computeIfAbsent(e.deviceId(), k -> new ArrayDeque<>()).addLast(new Attempt(e.time(), failed));
        return failed ? checkWard(e.deviceWard(), e.time()) : List.of();
    }

    private List<ThreatAlert> checkVersion(AuthEventRecord e) {
        if (config.minVersion().isEmpty() || e.softwareVersion() == null || e.deviceId() == null) {
            return List.of();
        }
        if (SoftwareVersion.compare(e.softwareVersion(), config.minVersion().get()) >= 0) {
            alertedVersion.remove(e.deviceId());
            return List.of();
        }
        if (e.softwareVersion().equals(alertedVersion.put(e.deviceId(), e.softwareVersion()))) {
            return List.of();
        }
        String evidence = String.format("device reports software %s, below the minimum %s",
                e.softwareVersion(), config.minVersion().get());
        return List.of(ThreatAlert.aboutDevice(e.time(), NAME, Severity.MEDIUM, e.deviceId(), null, evidence));
    }

    private List<ThreatAlert> checkWard(String ward, Instant now) {
        Instant from = now.minus(config.window());
        int used = 0;
        int failing = 0;
        var devices = attemptsByWard.get(ward).values().iterator();
        while (devices.hasNext()) {
            Deque<Attempt> attempts = devices.next();
            while (!attempts.isEmpty() && attempts.peekFirst().time.isBefore(from)) {
                attempts.removeFirst();
            }
            if (attempts.isEmpty()) {
                devices.remove();
                continue;
            }
            used++;
            long failures = attempts.stream().filter(a -> a.failed).count();
            if (failures >= config.deviceFailures() && failures == attempts.size()) {
                failing++;
            }
        }
        if (failing < config.wardMinDevices() || failing < config.wardFraction() * used
                || !wardCooldown.tryFire(ward, now)) {
            return List.of();
        }
        String evidence = String.format("%d of %d devices used in ward %s within %d min produced only failures "
                + "(%d+ each)", failing, used, ward, config.window().toMinutes(), config.deviceFailures());
        return List.of(ThreatAlert.aboutWard(now, NAME, Severity.HIGH, ward, evidence));
    }

    private record Attempt(Instant time, boolean failed) {}

}

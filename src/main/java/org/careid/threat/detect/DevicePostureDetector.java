package org.careid.threat.detect;

import java.time.Duration;
import java.time.Instant;
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
 * Device posture: a device reporting software below the minimum version, and many devices of one
 * ward failing at once (tampered cameras or readers, a bad or malicious update rolled out to a
 * ward). One device failing is a person; a ward's devices failing together is the devices.
 */
public final class DevicePostureDetector implements Detector {
    public static final String NAME = "device-posture";
    /** A device counts as part of its ward's fleet while it was used within this time. */
    static final Duration ACTIVE = Duration.ofHours(8);

    private final ThreatConfig.Posture config;
    private final Map<UUID, String> alertedVersion = new HashMap<>();
    private final Map<UUID, SlidingWindow> failures = new HashMap<>();
    private final Map<String, Map<UUID, Instant>> lastActiveByWard = new HashMap<>();
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
        lastActiveByWard.computeIfAbsent(e.deviceWard(), k -> new HashMap<>()).put(e.deviceId(), e.time());
        if (e.kind() != AuthEventKind.AUTH_FAILURE) {
            return List.of();
        }
        failures.computeIfAbsent(e.deviceId(), k -> new SlidingWindow(config.window())).add(e.time());
        return checkWard(e.deviceWard(), e.time());
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
        Map<UUID, Instant> fleet = lastActiveByWard.get(ward);
        Instant activeSince = now.minus(ACTIVE);
        int active = 0;
        int failing = 0;
        List<UUID> stale = new ArrayList<>();
        for (Map.Entry<UUID, Instant> device : fleet.entrySet()) {
            if (device.getValue().isBefore(activeSince)) {
                stale.add(device.getKey());
                continue;
            }
            active++;
            SlidingWindow w = failures.get(device.getKey());
            if (w != null && w.count(now) >= config.deviceFailures()) {
                failing++;
            }
        }
        stale.forEach(fleet::remove);
        if (failing < config.wardMinDevices() || failing < config.wardFraction() * active
                || !wardCooldown.tryFire(ward, now)) {
            return List.of();
        }
        String evidence = String.format("%d of %d active devices in ward %s each had %d+ failed authentications "
                + "within %d min", failing, active, ward, config.deviceFailures(), config.window().toMinutes());
        return List.of(ThreatAlert.aboutWard(now, NAME, Severity.HIGH, ward, evidence));
    }
}

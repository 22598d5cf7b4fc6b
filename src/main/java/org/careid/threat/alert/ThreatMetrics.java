package org.careid.threat.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import org.careid.threat.Severity;

/**
 * Prometheus metrics: {@code careid_threat_alerts_total{detector,severity}} counts detections,
 * {@code careid_threat_alerts_open} the unresolved alerts, {@code careid_threat_events_dropped_total}
 * events lost to a full queue. Labels carry detector names and severities only: no person, device
 * or ward.
 */
@ApplicationScoped
public class ThreatMetrics {
    private final MeterRegistry registry;
    private final AtomicLong open = new AtomicLong();
    private final Counter dropped;

    @Inject
    public ThreatMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("careid.threat.alerts.open", open, AtomicLong::doubleValue)
                .description("Unresolved threat alerts").register(registry);
        this.dropped = Counter.builder("careid.threat.events.dropped")
                .description("Events dropped because the threat monitor queue was full").register(registry);
    }

    public void alertRaised(String detector, Severity severity) {
        Counter.builder("careid.threat.alerts").description("Threat detections")
                .tag("detector", detector).tag("severity", severity.name())
                .register(registry).increment();
    }

    public void openAlerts(long count) {
        open.set(count);
    }

    public void eventDropped() {
        dropped.increment();
    }
}

package org.careid.threat;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.careid.identity.StaffMember;
import org.careid.threat.alert.AlertRaised;
import org.careid.threat.alert.AlertResponseView;
import org.careid.threat.alert.AlertService;
import org.careid.threat.alert.AlertView;
import org.careid.threat.alert.AlertWebhook;
import org.careid.threat.alert.ThreatMetrics;
import org.careid.threat.history.EventHistoryStore;
import org.careid.threat.response.ResponseService;
import org.jboss.logging.Logger;

/**
 * Entry point for the auth, token and identity services: {@link #onEvent} hands an event to a
 * bounded queue and returns at once; one worker thread runs the detectors, stores alerts, applies
 * automatic responses, fires {@link AlertRaised} (for the audit chain), updates metrics and queues
 * the webhook. Authentication never waits for any of it.
 */
@ApplicationScoped
public class ThreatMonitor {
    private static final Logger LOG = Logger.getLogger(ThreatMonitor.class);

    @Inject
    ThreatConfig config;
    @Inject
    AlertService alerts;
    @Inject
    ResponseService responses;
    @Inject
    AlertWebhook webhook;
    @Inject
    ThreatMetrics metrics;
    @Inject
    EventHistoryStore history;
    @Inject
    Event<AlertRaised> raisedEvents;
    @Inject
    DeviceDirectory devices;

    private ThreatDetectionEngine engine;
    private BlockingQueue<Object> queue;
    private Thread worker;
    private volatile boolean running;

    void start(@Observes StartupEvent ev) {
        engine = new ThreatDetectionEngine(config);
        queue = new ArrayBlockingQueue<>(config.queueCapacity());
        running = true;
        worker = new Thread(this::work, "careid-threat-monitor");
        worker.setDaemon(true);
        worker.start();
        metrics.openAlerts(alerts.countUnresolved());
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Reports one event. Never blocks; drops (and counts) the event when the queue is full. */
    public void onEvent(AuthEventRecord event) {
        if (!config.enabled() || queue == null) {
            return;
        }
        if (!queue.offer(event)) {
            metrics.eventDropped();
        }
    }

    /** Lets time-based rules fire during quiet periods. */
    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (queue != null) {
            queue.offer(Instant.now());
        }
    }

    /** Retrains the per-person and peer-group behaviour models from the recorded history. */
    @Scheduled(every = "${careid.threat.behaviour.retrain-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retrain() {
        retrainNow();
    }

    /** Purges old history, retrains from the rest, installs the models; returns persons modelled. */
    public int retrainNow() {
        Instant now = Instant.now();
        history.purgeBefore(now.minus(config.behaviour().retention()));
        int persons = engine.retrainBehaviour(history.since(now.minus(config.behaviour().history())),
                peerGroups(), now);
        LOG.infof("behaviour models retrained for %d staff members", persons);
        return persons;
    }

    /** Peer groups from the staff directory: ward and clinical role (newcomers are judged against them). */
    static Map<UUID, String> peerGroups() {
        Map<UUID, String> groups = new HashMap<>();
        for (StaffMember s : StaffMember.<StaffMember>listAll()) {
            if (s.ward != null && !s.ward.isBlank() && s.clinicalRole != null && !s.clinicalRole.isBlank()) {
                groups.put(s.id, s.ward + "/" + s.clinicalRole);
            }
        }
        return groups;
    }

    /** For tests and operators: waits until the queue is drained (bounded). */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (queue.isEmpty() && !busy) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private volatile boolean busy;

    private void work() {
        while (running) {
            try {
                Object item = queue.poll(1, TimeUnit.SECONDS);
                if (item == null) {
                    continue;
                }
                busy = true;
                try {
                    handle(item);
                } finally {
                    busy = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("threat monitor could not process an event: %s", e.toString());
            }
        }
    }

    private void handle(Object item) {
        List<ThreatAlert> found;
        if (item instanceof AuthEventRecord reported) {
            AuthEventRecord e = devices.enrich(reported);
            history.record(e);
            found = engine.process(e);
        } else {
            found = engine.tick((Instant) item);
        }
        for (ThreatAlert candidate : found) {
            raise(candidate);
        }
    }

    private void raise(ThreatAlert candidate) {
        AlertService.Raised raised = alerts.raise(candidate);
        List<AlertResponseView> applied = raised.newlyOpened()
                ? responses.apply(raised.alert(), candidate).stream().map(AlertResponseView::of).toList()
                : List.of();
        AlertView view = AlertView.of(raised.alert());
        metrics.alertRaised(candidate.detector(), candidate.severity());
        metrics.openAlerts(alerts.countUnresolved());
        raisedEvents.fire(new AlertRaised(view, raised.newlyOpened(), applied));
        if (raised.newlyOpened()) {
            webhook.publish(view);
        }
    }
}

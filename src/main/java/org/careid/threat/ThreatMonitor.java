package org.careid.threat;

import org.careid.events.AuthEventRecord;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.careid.cluster.ClusterLease;
import org.careid.identity.PeerGroups;
import org.careid.threat.alert.AlertRaised;
import org.careid.threat.alert.AlertResponseView;
import org.careid.threat.alert.AlertService;
import org.careid.threat.alert.AlertView;
import org.careid.threat.alert.AlertWebhook;
import org.careid.threat.alert.ThreatMetrics;
import org.careid.threat.feed.SharedEventFeed;
import org.careid.threat.history.EventHistoryStore;
import org.careid.threat.response.ResponseService;
import org.jboss.logging.Logger;

/**
 * Observes the security events the auth, token and identity packages publish
 * ({@link org.careid.events.SecurityEvents}): {@link #onEvent} hands an event to a bounded queue and
 * returns at once; one worker thread runs the detectors, stores alerts, applies
 * automatic responses, fires {@link AlertRaised} (for the audit chain), updates metrics and queues
 * the webhook. Authentication never waits for any of it.
 *
 * <p>With {@code careid.threat.shared-feed} (several replicas) the worker writes each event to the
 * {@link SharedEventFeed} instead, and the replica holding the {@value #DETECTION_LEASE} lease takes
 * everybody's events from it and runs the detectors, so a burst spread over replicas is one burst.
 * A replica that takes over starts with fresh detector state and retrains the behaviour models.
 */
@ApplicationScoped
public class ThreatMonitor {
    private static final Logger LOG = Logger.getLogger(ThreatMonitor.class);

    private final ThreatConfig config;
    private final AlertService alerts;
    private final ResponseService responses;
    private final AlertWebhook webhook;
    private final ThreatMetrics metrics;
    private final EventHistoryStore history;
    private final Event<AlertRaised> raisedEvents;
    private final DeviceDirectory devices;
    private final SharedEventFeed feed;
    private final ClusterLease lease;
    private final PeerGroups peerGroups;

    @Inject
    ThreatMonitor(ThreatConfig config, AlertService alerts, ResponseService responses, AlertWebhook webhook,
                  ThreatMetrics metrics, EventHistoryStore history, Event<AlertRaised> raisedEvents,
                  DeviceDirectory devices, SharedEventFeed feed, ClusterLease lease, PeerGroups peerGroups) {
        this.config = config;
        this.alerts = alerts;
        this.responses = responses;
        this.webhook = webhook;
        this.metrics = metrics;
        this.history = history;
        this.raisedEvents = raisedEvents;
        this.devices = devices;
        this.feed = feed;
        this.lease = lease;
        this.peerGroups = peerGroups;
    }

    static final String DETECTION_LEASE = "threat-detection";
    /** How long the detecting replica may be silent before another takes over. */
    private static final Duration LEASE_TTL = Duration.ofSeconds(30);
    private static final int FEED_BATCH = 500;
    /** Queue item: take the shared feed's events (when holding the lease). */
    private static final Object DRAIN_FEED = new Object();
    private volatile boolean detecting;

    private volatile ThreatDetectionEngine engine;
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

    /**
     * Takes one published security event (a synchronous observer, on the publisher's thread): never
     * blocks and never throws; drops (and counts) the event when the queue is full.
     */
    public void onEvent(@Observes AuthEventRecord event) {
        try {
            if (!config.enabled() || queue == null) {
                return;
            }
            if (!queue.offer(event)) {
                metrics.eventDropped();
            }
        } catch (RuntimeException e) {
            LOG.warnf("security event not queued for threat detection: %s", e.toString());
        }
    }

    /** With the shared feed on: asks the worker to take the feed's events (if it holds the lease). */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollSharedFeed() {
        if (queue != null && config.sharedFeed()) {
            queue.offer(DRAIN_FEED);
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
        if (!config.sharedFeed() || detecting) {
            retrainNow();
        }
    }

    /** Purges old history, retrains from the rest, installs the models; returns persons modelled. */
    public int retrainNow() {
        Instant now = Instant.now();
        history.purgeBefore(now.minus(config.behaviour().retention()));
        int persons = engine.retrainBehaviour(history.since(now.minus(config.behaviour().history())),
                peerGroups.byStaffMember(), now);
        LOG.infof("behaviour models retrained for %d staff members", persons);
        return persons;
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
        if (item == DRAIN_FEED) {
            drainSharedFeed();
        } else if (item instanceof AuthEventRecord reported) {
            AuthEventRecord e = devices.enrich(reported);
            history.record(e);
            if (config.sharedFeed()) {
                feed.publish(e);
            } else {
                detect(e);
            }
        } else if (!config.sharedFeed() || detecting) {
            engine.tick((Instant) item).forEach(this::raise);
        }
    }

    private void detect(AuthEventRecord e) {
        engine.process(e).forEach(this::raise);
    }

    /** Runs everybody's events through the detectors, on the one replica holding the lease. */
    private void drainSharedFeed() {
        boolean holding = lease.tryAcquire(DETECTION_LEASE, LEASE_TTL);
        if (holding && !detecting) {
            LOG.info("this replica now runs the threat detectors for the cluster");
            engine = new ThreatDetectionEngine(config);
            detecting = true;
            retrainOnWorker();
        }
        detecting = holding;
        if (!holding) {
            return;
        }
        List<SharedEventFeed.Taken> batch;
        do {
            batch = feed.take(FEED_BATCH);
            for (SharedEventFeed.Taken taken : batch) {
                try {
                    detect(taken.event());
                } catch (RuntimeException e) {
                    // like a reported event on one replica: logged and dropped, never retried into the windows twice
                    LOG.errorf("threat monitor could not process a shared event: %s", e.toString());
                }
            }
            feed.remove(batch);
        } while (batch.size() == FEED_BATCH);
    }

    /** Retrains on the worker thread, which has no request context of its own (scheduled jobs do). */
    private void retrainOnWorker() {
        ManagedContext requests = Arc.container().requestContext();
        requests.activate();
        try {
            retrainNow();
        } catch (RuntimeException e) {
            LOG.warnf("behaviour models not retrained on taking over detection (next scheduled retraining will): %s",
                    e.toString());
        } finally {
            requests.terminate();
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

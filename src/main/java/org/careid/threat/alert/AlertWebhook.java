package org.careid.threat.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.careid.threat.ThreatConfig;
import org.jboss.logging.Logger;

/**
 * Pushes alerts (and, through {@link SiemCheckpointWitness}, audit checkpoints) as JSON to {@code careid.threat.webhook.url} (e.g. a SIEM). Deliveries run on the
 * webhook's own scheduler thread; {@link #publish} only enqueues, so a slow or failing receiver
 * never slows the caller. Failed deliveries (errors, non-2xx) are retried with exponential backoff
 * up to {@code max-attempts}; when more than {@code queue-capacity} are pending, new ones are dropped
 * and counted.
 */
@ApplicationScoped
public class AlertWebhook {
    private static final Logger LOG = Logger.getLogger(AlertWebhook.class);

    private final ThreatConfig.Webhook config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Semaphore capacity;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @Inject
    public AlertWebhook(ThreatConfig config, ObjectMapper json) {
        this(config.webhook(), json);
    }

    /** For use without CDI (tests, tools). */
    public AlertWebhook(ThreatConfig.Webhook config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "careid-threat-webhook");
            t.setDaemon(true);
            return t;
        });
        this.capacity = new Semaphore(config.queueCapacity());
    }

    public boolean enabled() {
        return config.url().filter(u -> !u.isBlank()).isPresent();
    }

    /** Queues one alert for delivery; returns at once. False when disabled or the queue is full. */
    public boolean publish(AlertView alert) {
        return publishJson(alert, "alert " + alert.id());
    }

    /**
     * Queues any JSON document for the same receiver with the same retries (audit checkpoints use
     * it as their witness copy). {@code what} names it in the log, never its content.
     */
    public boolean publishJson(Object document, String what) {
        if (!enabled()) {
            return false;
        }
        if (!capacity.tryAcquire()) {
            dropped.incrementAndGet();
            LOG.warnf("threat webhook queue full; %s not pushed", what);
            return false;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(document);
        } catch (Exception e) {
            capacity.release();
            throw new IllegalStateException(what + " not serialisable", e);
        }
        scheduler.execute(() -> attempt(body, what, 1));
        return true;
    }

    private void attempt(byte[] body, String what, int attempt) {
        boolean ok;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(config.url().orElseThrow()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            ok = status >= 200 && status < 300;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            capacity.release();
            return;
        } catch (Exception e) {
            ok = false;
        }
        if (ok) {
            delivered.incrementAndGet();
            capacity.release();
        } else if (attempt >= config.maxAttempts()) {
            failed.incrementAndGet();
            capacity.release();
            LOG.warnf("threat webhook gave up on %s after %d attempts", what, attempt);
        } else {
            long delay = backoff(attempt).toMillis();
            scheduler.schedule(() -> attempt(body, what, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** initial * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long ms = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(ms, config.maxBackoff().toMillis()));
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long droppedCount() {
        return dropped.get();
    }

    public long failedCount() {
        return failed.get();
    }

    @PreDestroy
    public void close() {
        scheduler.shutdownNow();
    }
}

package org.careid.threat.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.careid.threat.Severity;
import org.careid.threat.SubjectType;
import org.careid.threat.ThreatConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real HTTP receiver on 127.0.0.1. */
class AlertWebhookTest {
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private AlertWebhook webhook;

    private String startReceiver(int failFirst, CountDownLatch holdUntil) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.createContext("/hook", exchange -> {
            int n = requests.incrementAndGet();
            try {
                if (holdUntil != null) {
                    holdUntil.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = n <= failFirst ? 503 : 204;
            if (status == 204) {
                bodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private AlertWebhook webhook(String url, int maxAttempts) {
        return new AlertWebhook(ThreatConfigLoader.load(Map.of(
                "careid.threat.webhook.url", url,
                "careid.threat.webhook.max-attempts", String.valueOf(maxAttempts),
                "careid.threat.webhook.initial-backoff", "0.05S",
                "careid.threat.webhook.max-backoff", "0.2S",
                "careid.threat.webhook.timeout", "10S")).webhook(), json);
    }

    private static AlertView alert() {
        Instant now = Instant.now();
        return new AlertView(UUID.randomUUID(), Severity.HIGH, "failure-burst", SubjectType.DEVICE,
                UUID.randomUUID().toString(), "15 failed authentications within 10 min", now, now, 1,
                AlertStatus.OPEN, null, null, null, null, null);
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
    }

    @AfterEach
    void stop() {
        if (webhook != null) {
            webhook.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsTheAlertAsJson() throws Exception {
        webhook = webhook(startReceiver(0, null), 3);
        AlertView sent = alert();
        assertTrue(webhook.publish(sent));
        awaitCondition(() -> webhook.deliveredCount() == 1);
        assertEquals(1, bodies.size());
        JsonNode body = json.readTree(bodies.get(0));
        assertEquals(sent.id().toString(), body.get("id").asText());
        assertEquals("failure-burst", body.get("detector").asText());
        assertEquals("HIGH", body.get("severity").asText());
    }

    @Test
    void retriesWithBackoffUntilTheReceiverRecovers() throws Exception {
        webhook = webhook(startReceiver(2, null), 5);
        webhook.publish(alert());
        awaitCondition(() -> webhook.deliveredCount() == 1);
        assertEquals(1, webhook.deliveredCount());
        assertEquals(3, requests.get(), "two 503 answers, then delivered");
        assertEquals(100, webhook.backoff(2).toMillis(), "exponential: 50 ms, 100 ms, ...");
        assertEquals(200, webhook.backoff(10).toMillis(), "capped at max-backoff");
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        webhook = webhook(startReceiver(Integer.MAX_VALUE, null), 3);
        webhook.publish(alert());
        awaitCondition(() -> webhook.failedCount() == 1);
        assertEquals(1, webhook.failedCount());
        assertEquals(3, requests.get());
        assertEquals(0, webhook.deliveredCount());
    }

    @Test
    void aHangingReceiverNeverBlocksTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        webhook = webhook(startReceiver(0, release), 3);
        // the receiver holds every request until released; all publishes must still return
        for (int i = 0; i < 20; i++) {
            assertTrue(webhook.publish(alert()));
        }
        awaitCondition(() -> requests.get() >= 1);
        assertEquals(0, webhook.deliveredCount(), "nothing delivered while the receiver hangs");
        release.countDown();
        awaitCondition(() -> webhook.deliveredCount() == 20);
        assertEquals(20, webhook.deliveredCount());
    }

    @Test
    void disabledWithoutUrl() {
        // explicitly empty: a Quarkus test profile run earlier in this JVM may have left a URL in the system properties
        webhook = new AlertWebhook(ThreatConfigLoader.load(Map.of("careid.threat.webhook.url", "")).webhook(), json);
        assertTrue(!webhook.enabled() && !webhook.publish(alert()));
    }
}

package org.careid.threat.integration;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIEM stand-in on 127.0.0.1: answers 503 to the first delivery of each alert and 204 to the
 * next, and keeps what it received, so tests see both the failure and the retry.
 */
public final class WebhookReceiver {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static WebhookReceiver shared;

    /** One delivery attempt: the alert id in the body and the status answered. */
    public record Delivery(String alertId, int status, String body) {}

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();

    private WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/siem", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = ID.matcher(body);
            String id = m.find() ? m.group(1) : null;
            int status = id != null && refusedOnce.add(id) ? 503 : 204;
            deliveries.add(new Delivery(id, status, body));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public static synchronized WebhookReceiver shared() {
        if (shared == null) {
            shared = new WebhookReceiver();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/siem";
    }

    public List<Delivery> deliveriesOf(String alertId) {
        return deliveries.stream().filter(d -> alertId.equals(d.alertId())).toList();
    }
}

package org.careid.audit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.careid.support.Api;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Every checkpoint is pushed to the SIEM webhook as it is made: the witness copy outside the database. */
@QuarkusTest
@TestProfile(AuditWitnessWebhookTest.WithSiem.class)
class AuditWitnessWebhookTest {
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static final HttpServer SIEM = startSiem();

    public static class WithSiem implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = "http://127.0.0.1:" + SIEM.getAddress().getPort() + "/siem";
            return Map.of("careid.threat.webhook.url", url, "%test.careid.threat.webhook.url", url);
        }
    }

    @Inject
    AuditCheckpoints checkpoints;

    @Test
    void eachCheckpointReachesTheWitnessWithItsSignature() throws Exception {
        Api.createStaff();
        Checkpoint cp = checkpoints.checkpointNow();
        assertNotNull(cp);
        long deadline = System.currentTimeMillis() + 10_000;
        while (RECEIVED.stream().noneMatch(b -> b.contains(cp.jws())) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        String body = RECEIVED.stream().filter(b -> b.contains(cp.jws())).findFirst().orElse("");
        assertTrue(body.contains("\"type\":\"" + CheckpointWitness.DOCUMENT_TYPE + "\""), body);
        assertTrue(body.contains("\"seq\":" + cp.seq()), body);
    }

    private static HttpServer startSiem() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/siem", exchange -> {
                RECEIVED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

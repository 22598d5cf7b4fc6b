package org.careid.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Published events reach their CDI observers; a failing observer never fails the publisher. */
@QuarkusTest
class SecurityEventsTest {
    @Inject
    SecurityEvents events;
    @Inject
    RecordingObserver observer;

    @Test
    void eventsReachObservers() {
        UUID device = UUID.randomUUID();
        events.publish(AuthEventRecord.builder(AuthEventKind.DEVICE_VERSION_REPORTED, Instant.now())
                .device(device, "icu", "bedside").softwareVersion("2.4.1"));
        assertTrue(observer.seen().stream().anyMatch(e -> device.equals(e.deviceId())));
    }

    @Test
    void aFailingObserverDoesNotFailThePublisher() {
        UUID device = UUID.randomUUID();
        assertDoesNotThrow(() -> events.publish(AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, Instant.now())
                .device(device, null, null).outcome(RecordingObserver.FAIL)));
        assertTrue(observer.seen().stream().anyMatch(e -> device.equals(e.deviceId())));
        // an event that cannot be built (no time) is dropped with a log line, not thrown at the caller
        assertDoesNotThrow(() -> events.publish(AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, null)));
    }
}

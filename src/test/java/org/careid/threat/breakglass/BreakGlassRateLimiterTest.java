package org.careid.threat.breakglass;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BreakGlassRateLimiterTest {
    private Instant now = Instant.parse("2026-03-02T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final BreakGlassRateLimiter limiter = new BreakGlassRateLimiter(2, 3, Duration.ofHours(12), clock);

    @Test
    void limitsEachPersonAndFreesUpAfterTheWindow() {
        UUID nurse = UUID.randomUUID();
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID()));
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID()));
        assertFalse(limiter.tryAcquire(nurse, UUID.randomUUID()), "third use by one person within 12 h");
        now = now.plus(Duration.ofHours(12)).plusSeconds(1);
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID()));
    }

    @Test
    void limitsEachDevice() {
        UUID device = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire(UUID.randomUUID(), device));
        }
        assertFalse(limiter.tryAcquire(UUID.randomUUID(), device), "fourth use at one device");
    }

    @Test
    void aRefusedAttemptDoesNotUseUpTheOtherLimit() {
        UUID nurse = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(UUID.randomUUID(), busy);
        }
        assertFalse(limiter.tryAcquire(nurse, busy));
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID()));
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID()), "the refused attempt did not count for the nurse");
    }
}

package org.careid.auth.breakglass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.careid.identity.StaffMember;
import org.junit.jupiter.api.Test;

/** The limit (2 per person, 4 per device in 12 h) counted in the database, as every replica sees it. */
@QuarkusTest
class BreakGlassRateLimiterTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Inject
    BreakGlassRateLimiter limiter;

    @Test
    void limitsEachPersonAndFreesUpAfterTheWindow() {
        UUID nurse = UUID.randomUUID();
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID(), T0));
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID(), T0.plusSeconds(60)));
        assertFalse(limiter.tryAcquire(nurse, UUID.randomUUID(), T0.plusSeconds(120)), "third use by one person within 12 h");
        assertFalse(limiter.tryAcquire(nurse, UUID.randomUUID(), T0.plus(Duration.ofHours(12)).minusSeconds(1)),
                "the first use still counts");
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID(), T0.plus(Duration.ofHours(12)).plusSeconds(1)));
    }

    @Test
    void limitsEachDevice() {
        UUID device = UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            assertTrue(limiter.tryAcquire(UUID.randomUUID(), device, T0.plusSeconds(i)));
        }
        assertFalse(limiter.tryAcquire(UUID.randomUUID(), device, T0.plusSeconds(10)), "fifth use at one device");
    }

    @Test
    void aRefusedAttemptDoesNotUseUpTheOtherLimit() {
        UUID nurse = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            limiter.tryAcquire(UUID.randomUUID(), busy, T0);
        }
        assertFalse(limiter.tryAcquire(nurse, busy, T0));
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID(), T0));
        assertTrue(limiter.tryAcquire(nurse, UUID.randomUUID(), T0), "the refused attempt did not count for the nurse");
    }

    @Test
    void simultaneousRequestsCannotBothTakeTheLastUse() throws Exception {
        UUID nurse = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            StaffMember s = new StaffMember();
            s.id = nurse;
            s.employeeId = "bg-" + nurse;
            s.displayName = "Emergency nurse";
            s.clinicalRole = "nurse";
            s.ward = "icu";
            s.active = true;
            s.scopes = "patient/*.read";
            s.createdAt = Instant.now();
            s.updatedAt = s.createdAt;
            s.persist();
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                requests.add(() -> limiter.tryAcquire(nurse, UUID.randomUUID(), T0));
            }
            int granted = 0;
            for (Future<Boolean> f : pool.invokeAll(requests)) {
                granted += f.get() ? 1 : 0;
            }
            assertEquals(2, granted, "six requests at once, two uses allowed");
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.careid.biometric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.junit.QuarkusTest;

/** Gallery changes wait for the commit of their templates, and are dropped with a rollback. */
@QuarkusTest
class AfterCommitTest {
    @Inject
    AfterCommit afterCommit;

    @Test
    void runsOnlyOnceTheTransactionHasCommitted() {
        AtomicInteger applied = new AtomicInteger();
        QuarkusTransaction.requiringNew().run(() -> {
            afterCommit.run(applied::incrementAndGet);
            assertEquals(0, applied.get(), "not before the commit");
        });
        assertEquals(1, applied.get());
    }

    @Test
    void aRolledBackTransactionLeavesNoChange() {
        AtomicInteger applied = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            afterCommit.run(applied::incrementAndGet);
            throw new IllegalStateException("the insert failed");
        }));
        // a commit that fails (here: marked rollback-only) is a rollback too
        assertThrows(QuarkusTransactionException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            afterCommit.run(applied::incrementAndGet);
            QuarkusTransaction.setRollbackOnly();
        }));
        assertEquals(0, applied.get());
    }
}

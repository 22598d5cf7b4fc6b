package org.careid.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The change log replayed by every replica, including a change that commits out of order. */
@QuarkusTest
class GallerySyncTest {

    @Inject
    GallerySync sync;
    @Inject
    ReplayedGalleryChanges replayed;

    private boolean eventuallyReplayed(UUID person, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (replayed.saw(person)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void aCommittedChangeIsReplayed() throws Exception {
        UUID person = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> sync.record(person));
        assertTrue(eventuallyReplayed(person, 10));
    }

    @Test
    void aChangeCommittedAfterALaterNumberedOneIsStillReplayed() throws Exception {
        UUID slow = UUID.randomUUID();
        UUID fast = UUID.randomUUID();
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Thread slowTransaction = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            sync.record(slow); // takes its sequence number now ...
            recorded.countDown();
            try {
                commit.await(30, TimeUnit.SECONDS); // ... and commits later
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        slowTransaction.start();
        assertTrue(recorded.await(10, TimeUnit.SECONDS));
        QuarkusTransaction.requiringNew().run(() -> sync.record(fast)); // a higher number, committed first
        assertTrue(eventuallyReplayed(fast, 10), "the committed change is replayed");
        assertTrue(!replayed.saw(slow), "the uncommitted change is not visible yet");

        commit.countDown();
        slowTransaction.join(10_000);
        assertTrue(eventuallyReplayed(slow, 10), "the change that committed late is replayed too");
    }
}

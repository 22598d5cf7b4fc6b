package org.careid.threat.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.careid.cluster.ClusterLease;
import org.careid.cluster.Lease;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.SubjectType;
import org.careid.threat.ThreatMonitor;
import org.careid.threat.ThreatTestProfile;
import org.careid.threat.alert.AlertService;
import org.junit.jupiter.api.Test;

/**
 * The shared feed as one replica of a cluster sees it: events written by this replica and by
 * another (published straight into the feed) are one stream for the detectors, which run only while
 * this replica holds the detection lease. scripts/cluster-test checks the same with two real JVMs.
 */
@QuarkusTest
@TestProfile(SharedEventFeedTest.SharedFeedProfile.class)
class SharedEventFeedTest {
    public static class SharedFeedProfile extends ThreatTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:threat-feed;DB_CLOSE_DELAY=-1");
            overrides.put("careid.threat.shared-feed", "true");
            return overrides;
        }
    }

    @Inject
    ThreatMonitor monitor;
    @Inject
    SharedEventFeed feed;
    @Inject
    AlertService alerts;
    @Inject
    ClusterLease lease;

    private static AuthEventRecord failureAt(UUID device) {
        return AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, Instant.now()).claimedStaff(UUID.randomUUID())
                .device(device, "icu", "bedside").modality("face").outcome("no-match").build();
    }

    private long burstAlertsOn(UUID device) {
        return alerts.list(new AlertService.Filter(null, "failure-burst", null, SubjectType.DEVICE, device.toString(),
                null), 0, 5).total();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " did not happen within 20 s");
    }

    private static void leaseHeldBy(String holder, Instant until) {
        QuarkusTransaction.requiringNew().run(() -> {
            Lease l = Lease.findById("threat-detection");
            if (l == null) {
                l = new Lease();
                l.name = "threat-detection";
                l.holder = holder;
                l.until = until;
                l.persist();
            } else {
                l.holder = holder;
                l.until = until;
            }
        });
    }

    @Test
    void failuresReportedOnTwoReplicasAreOneBurstForTheReplicaHoldingTheLease() throws Exception {
        UUID device = UUID.randomUUID();
        leaseHeldBy("another-replica", Instant.now().plus(Duration.ofHours(1)));
        Thread.sleep(1500); // this replica's next poll finds the lease taken
        for (int i = 0; i < 4; i++) {
            monitor.onEvent(failureAt(device)); // seen by this replica
            feed.publish(failureAt(device)); // written by the other replica
        }
        eventually("all eight events in the feed", () -> feed.waiting() >= 8);
        Thread.sleep(2500);
        assertEquals(0, burstAlertsOn(device), "without the lease this replica runs no detectors");
        assertTrue(feed.waiting() >= 8, "nobody took the events");

        leaseHeldBy("another-replica", Instant.now().minusSeconds(1)); // the other replica went silent
        eventually("the burst alert from this replica, now detecting", () -> burstAlertsOn(device) == 1);
        eventually("the feed emptied", () -> feed.waiting() == 0);
        Lease held = QuarkusTransaction.requiringNew().call(() -> Lease.findById("threat-detection"));
        assertEquals(lease.holder(), held.holder);
    }

    @Test
    void fourFailuresOnEachOfTwoReplicasWouldBeNoBurstForEitherAlone() throws Exception {
        // the rule this feed exists for: the burst detector needs six failures in ten minutes
        UUID device = UUID.randomUUID();
        leaseHeldBy(lease.holder(), Instant.now().plus(Duration.ofSeconds(30)));
        for (int i = 0; i < 4; i++) {
            monitor.onEvent(failureAt(device));
        }
        eventually("the feed emptied", () -> feed.waiting() == 0);
        assertTrue(monitor.awaitIdle(10_000));
        assertEquals(0, burstAlertsOn(device), "four failures are a clumsy person, not a burst");
        for (int i = 0; i < 4; i++) {
            feed.publish(failureAt(device));
        }
        eventually("the burst alert", () -> burstAlertsOn(device) == 1);
    }
}

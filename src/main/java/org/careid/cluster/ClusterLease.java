package org.careid.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Makes a scheduled job run once per cluster rather than once per replica: before running, a
 * replica takes the job's lease row under a row lock; it gets the lease when it is free, expired,
 * or already its own.
 */
@ApplicationScoped
public class ClusterLease {
    private final String holder = hostName() + "/" + UUID.randomUUID();

    public boolean tryAcquire(String name, Duration ttl) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Instant now = Instant.now();
                Lease lease = Lease.findById(name, LockModeType.PESSIMISTIC_WRITE);
                if (lease == null) {
                    lease = new Lease();
                    lease.name = name;
                    lease.holder = holder;
                    lease.until = now.plus(ttl);
                    lease.persist();
                    return true;
                }
                if (lease.holder.equals(holder) || lease.until.isBefore(now)) {
                    lease.holder = holder;
                    lease.until = now.plus(ttl);
                    return true;
                }
                return false;
            });
        } catch (RuntimeException concurrentFirstInsert) {
            return false; // another replica created the row at the same moment: it runs the job
        }
    }

    public String holder() {
        return holder;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "replica";
        }
    }
}

package org.careid.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.careid.audit.AuditEvent;
import org.careid.audit.AuditTrail;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Throttles guessing at devices (NIST SP 800-63B 5.2.2): after 5 consecutive failures for a staff
 * member or a device, attempts are refused for 30 s, doubling with each further failure up to a
 * cap. Counters live in the database so every replica enforces the same lock. The caller never
 * learns whether a lock applied: it gets the same answer as any failed attempt.
 */
@ApplicationScoped
public class Lockout {
    @ConfigProperty(name = "careid.lockout.free-attempts", defaultValue = "5")
    int freeAttempts;
    @ConfigProperty(name = "careid.lockout.first", defaultValue = "PT30S")
    Duration first;
    @ConfigProperty(name = "careid.lockout.max", defaultValue = "PT1H")
    Duration max;
    @Inject
    AuditTrail audit;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /** The subjects whose lock the current thread's admitted attempt set (reported by {@link #recordFailure}). */
    private static final ThreadLocal<java.util.Set<String>> LOCKED_BY_THIS_ATTEMPT = ThreadLocal.withInitial(java.util.HashSet::new);

    private static java.util.Set<String> lockedHere() {
        return LOCKED_BY_THIS_ATTEMPT.get();
    }

    public static String staffKey(Object staffId) {
        return "staff:" + staffId;
    }

    public static String deviceKey(Object deviceId) {
        return "device:" + deviceId;
    }

    /** True when any of the subjects is locked now (a read only: {@link #admit} is what guards an attempt). */
    public boolean isLocked(List<String> subjectKeys) {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> subjectKeys.stream()
                .map(k -> LockoutCounter.<LockoutCounter>findById(k))
                .anyMatch(c -> c != null && c.lockedUntil != null && now.isBefore(c.lockedUntil)));
    }

    /**
     * Admits one attempt, or refuses it because a subject is locked, in one transaction holding the
     * subjects' rows: an admitted attempt is counted as a failure before it is evaluated (a success
     * resets the count), and the attempt that reaches the limit sets the lock at once. So parallel
     * attempts cannot all pass the check before any failure is counted, on any replica.
     *
     * @return true when admitted, false when locked
     */
    public boolean admit(List<String> subjectKeys) {
        List<String> keys = subjectKeys.stream().distinct().sorted().toList(); // one lock order: no deadlocks
        lockedHere().removeAll(keys);
        try {
            Boolean admitted = QuarkusTransaction.requiringNew().call(() -> admitLocked(keys));
            if (admitted == null) {
                keys.forEach(Lockout::createIfAbsent);
                admitted = QuarkusTransaction.requiringNew().call(() -> admitLocked(keys));
            }
            return Boolean.TRUE.equals(admitted);
        } catch (jakarta.persistence.PessimisticLockException | jakarta.persistence.LockTimeoutException busy) {
            return false; // too many attempts on these subjects at once: refused like a locked attempt (fail closed)
        }
    }

    /** Null when a counter row does not exist yet. */
    private Boolean admitLocked(List<String> keys) {
        Instant now = Instant.now();
        List<LockoutCounter> rows = new java.util.ArrayList<>();
        for (String key : keys) {
            LockoutCounter c = LockoutCounter.findById(key, LockModeType.PESSIMISTIC_WRITE);
            if (c == null) {
                return null;
            }
            rows.add(c);
        }
        if (rows.stream().anyMatch(c -> c.lockedUntil != null && now.isBefore(c.lockedUntil))) {
            return false;
        }
        java.util.Set<String> locked = new java.util.HashSet<>();
        for (LockoutCounter c : rows) {
            c.consecutiveFailures++;
            if (c.consecutiveFailures >= freeAttempts) {
                c.lockedUntil = now.plus(lockFor(c.consecutiveFailures));
                c.expiryAudited = false;
                locked.add(c.subjectKey);
            }
        }
        lockedHere().addAll(locked);
        return true;
    }

    /** Inserts a zero counter; a concurrent insert of the same key (which fails this one) is as good. */
    private static void createIfAbsent(String key) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (LockoutCounter.findById(key) == null) {
                    LockoutCounter c = new LockoutCounter();
                    c.subjectKey = key;
                    c.persist();
                }
            });
        } catch (RuntimeException e) {
            // the duplicate key surfaces at commit, wrapped by the transaction manager: look again
            if (QuarkusTransaction.requiringNew().call(() -> LockoutCounter.findById(key) == null)) {
                throw e;
            }
        }
    }

    /**
     * An admitted attempt failed: it was already counted; a lock it reached is reported (audit and
     * metric) now, when it is known to stand.
     */
    public void recordFailure(List<String> subjectKeys) {
        record Locked(String key, int failures) {}
        // only the attempt that set a lock reports it: parallel attempts admitted before it see the same lock
        java.util.Set<String> setHere = new java.util.HashSet<>(subjectKeys);
        setHere.retainAll(lockedHere());
        lockedHere().removeAll(setHere);
        if (setHere.isEmpty()) {
            return;
        }
        List<Locked> locked = QuarkusTransaction.requiringNew().call(() -> subjectKeys.stream().distinct().filter(setHere::contains)
                .map(k -> LockoutCounter.<LockoutCounter>findById(k))
                .filter(c -> c != null && c.consecutiveFailures >= freeAttempts && c.lockedUntil != null)
                .map(c -> new Locked(c.subjectKey, c.consecutiveFailures)).toList());
        for (Locked l : locked) {
            registry.counter("careid.lockouts", "subject", type(l.key()).toLowerCase(java.util.Locale.ROOT)).increment();
            audit.record(AuditEvent.of("LOCKOUT_STARTED", AuditEvent.Outcome.DENIED).target(type(l.key()), id(l.key()))
                    .detail("seconds", lockFor(l.failures()).toSeconds()));
        }
    }

    /**
     * Resets the counters and lifts the lock an admitted attempt set in advance; joins the caller's
     * transaction (so a rolled-back grant resets nothing).
     */
    @Transactional
    public void recordSuccess(List<String> subjectKeys) {
        lockedHere().removeAll(subjectKeys);
        LockoutCounter.update("consecutiveFailures = 0, lockedUntil = null where subjectKey in ?1 and consecutiveFailures > 0",
                subjectKeys);
    }

    Duration lockFor(int failures) {
        int doublings = Math.min(failures - freeAttempts, 20);
        Duration lock = first.multipliedBy(1L << doublings);
        return lock.compareTo(max) > 0 ? max : lock;
    }

    /** Audits the end of each lock once (on one replica: the row lock decides who reports it). */
    @Scheduled(every = "${careid.lockout.expiry-check:10s}", identity = "careid-lockout-expiry",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void auditExpiredLocks() {
        List<String> expired = QuarkusTransaction.requiringNew().call(() -> {
            List<LockoutCounter> rows = LockoutCounter.find("expiryAudited = false and lockedUntil < ?1", Instant.now())
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list();
            rows.forEach(r -> r.expiryAudited = true);
            return rows.stream().map(r -> r.subjectKey).toList();
        });
        expired.forEach(key -> audit.record(AuditEvent.of("LOCKOUT_EXPIRED", AuditEvent.Outcome.SUCCESS)
                .target(type(key), id(key))));
    }

    private static String type(String key) {
        return key.substring(0, key.indexOf(':')).toUpperCase(java.util.Locale.ROOT);
    }

    private static String id(String key) {
        return key.substring(key.indexOf(':') + 1);
    }
}

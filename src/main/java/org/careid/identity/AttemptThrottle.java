package org.careid.identity;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.web.TooManyRequestsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Rate limits for the unauthenticated requests that cost an Argon2id hash (operator login, device
 * provisioning): per source address, per account (username or device id) and for all callers
 * together, each a Resilience4j limiter of so many permits per period. A refused attempt is
 * answered 429 with {@code Retry-After} before any hashing or database work, so a flood costs
 * the server little and leaves its cores to everyone else. Refusals are counted
 * ({@code careid_rate_limited_total}), not audited one by one: a flood would flood the audit trail.
 * Limits are per replica.
 */
@ApplicationScoped
public class AttemptThrottle {
    /** What is being attempted; each has its own limiters. */
    public enum Action { LOGIN, PROVISIONING }

    /** Idle limiters are dropped; past this many keys (a flood from very many addresses) all are. */
    private static final int MAX_KEYS = 100_000;

    private final RateLimiterConfig perAddress;
    private final RateLimiterConfig perAccount;
    private final Map<Action, RateLimiter> everyone = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final RateLimiterConfig global;
    private final Caller caller;
    private final MeterRegistry registry;

    @Inject
    AttemptThrottle(@ConfigProperty(name = "careid.rate-limit.period", defaultValue = "PT1M") Duration period,
                    @ConfigProperty(name = "careid.rate-limit.per-address", defaultValue = "30") int addressLimit,
                    @ConfigProperty(name = "careid.rate-limit.per-account", defaultValue = "10") int accountLimit,
                    @ConfigProperty(name = "careid.rate-limit.global-per-second", defaultValue = "20") int globalPerSecond,
                    Caller caller, MeterRegistry registry) {
        this.perAddress = config(addressLimit, period);
        this.perAccount = config(accountLimit, period);
        this.global = config(globalPerSecond, Duration.ofSeconds(1));
        this.caller = caller;
        this.registry = registry;
    }

    private static RateLimiterConfig config(int permits, Duration period) {
        return RateLimiterConfig.custom().limitForPeriod(permits).limitRefreshPeriod(period).timeoutDuration(Duration.ZERO).build();
    }

    /**
     * Takes one permit from the caller's address, then the account, then everyone's; refuses with
     * 429 when one is used up. {@code account} may be null (not named in the request).
     */
    public void acquire(Action action, String account) {
        String address = caller.sourceAddress();
        take(action, "address", limiter(action + "|a|" + address, perAddress));
        if (account != null) {
            take(action, "account", limiter(action + "|u|" + account.trim().toLowerCase(Locale.ROOT), perAccount));
        }
        take(action, "global", everyone.computeIfAbsent(action, a -> RateLimiter.of(a + "|*", global)));
    }

    private void take(Action action, String scope, RateLimiter limiter) {
        if (limiter.acquirePermission()) {
            return;
        }
        long waitNanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : 0;
        registry.counter("careid.rate.limited", "action", action.name().toLowerCase(Locale.ROOT), "scope", scope).increment();
        throw new TooManyRequestsException("Too many attempts; try again later",
                (long) Math.ceil(Math.max(waitNanos, 1) / 1e9));
    }

    private RateLimiter limiter(String key, RateLimiterConfig config) {
        RateLimiter limiter = limiters.get(key);
        if (limiter != null) {
            return limiter;
        }
        if (limiters.size() >= MAX_KEYS) {
            dropIdle();
        }
        return limiters.computeIfAbsent(key, k -> RateLimiter.of(k, config));
    }

    /** Forgets limiters whose permits are all back: they would start afresh anyway. */
    @Scheduled(every = "${careid.rate-limit.cleanup-interval:1m}", identity = "careid-rate-limit-cleanup")
    void dropIdle() {
        limiters.values().removeIf(l -> l.getMetrics().getAvailablePermissions() >= l.getRateLimiterConfig().getLimitForPeriod());
        if (limiters.size() >= MAX_KEYS) {
            limiters.clear();
        }
    }
}

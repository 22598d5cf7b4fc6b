package org.careid.console;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;

/**
 * Counts for the console's overview, kept in memory by each replica from the security events it
 * publishes: authentications per hour by modality and outcome, lockouts, and the match scores of
 * accepted decisions against their threshold (a histogram, no per-person data). The last 48 hours.
 */
@ApplicationScoped
public class AuthStatistics {
    static final Duration KEPT = Duration.ofHours(48);
    /** Score histogram bins: the score divided by its threshold, 0 to 3 in steps of 0.1. */
    static final double BIN = 0.1;
    static final int BINS = 30;

    /** hour -> "kind|modality|outcome" -> count */
    private final Map<Instant, Map<String, AtomicLong>> hours = new ConcurrentHashMap<>();
    private final Map<Instant, long[]> scoreBins = new ConcurrentHashMap<>();

    void onEvent(@Observes AuthEventRecord event) {
        record(event);
    }

    void record(AuthEventRecord event) {
        if (event.kind() != AuthEventKind.AUTH_SUCCESS && event.kind() != AuthEventKind.AUTH_FAILURE
                && event.kind() != AuthEventKind.LOCKOUT) {
            return;
        }
        Instant hour = event.time().truncatedTo(ChronoUnit.HOURS);
        String key = event.kind().name() + "|" + (event.modality() == null ? "unknown" : event.modality()) + "|"
                + (event.outcome() == null ? "" : event.outcome());
        hours.computeIfAbsent(hour, h -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        if (event.kind() == AuthEventKind.AUTH_SUCCESS && event.matchScore() != null && event.matchThreshold() != null
                && event.matchThreshold() > 0) {
            int bin = (int) Math.min(BINS - 1, Math.max(0, Math.floor(event.matchScore() / event.matchThreshold() / BIN)));
            long[] bins = scoreBins.computeIfAbsent(hour, h -> new long[BINS]);
            synchronized (bins) {
                bins[bin]++;
            }
        }
        Instant oldest = Instant.now().minus(KEPT).truncatedTo(ChronoUnit.HOURS);
        hours.keySet().removeIf(h -> h.isBefore(oldest));
        scoreBins.keySet().removeIf(h -> h.isBefore(oldest));
    }

    /** One hour's counts. */
    public record Hour(Instant hour, Map<String, Long> successesByModality, Map<String, Long> failuresByModality,
                       long successes, long failures, long lockouts) {}

    /** The last {@code count} hours, oldest first, empty hours included. */
    public List<Hour> lastHours(int count, Instant now) {
        List<Hour> result = new ArrayList<>();
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        for (int i = count - 1; i >= 0; i--) {
            Instant hour = current.minus(Duration.ofHours(i));
            Map<String, Long> ok = new TreeMap<>();
            Map<String, Long> failed = new TreeMap<>();
            long lockouts = 0;
            for (Map.Entry<String, AtomicLong> e : hours.getOrDefault(hour, Map.of()).entrySet()) {
                String[] parts = e.getKey().split("\\|", -1);
                long n = e.getValue().get();
                switch (AuthEventKind.valueOf(parts[0])) {
                    case AUTH_SUCCESS -> ok.merge(parts[1], n, Long::sum);
                    case AUTH_FAILURE -> failed.merge(parts[1], n, Long::sum);
                    default -> lockouts += n;
                }
            }
            result.add(new Hour(hour, ok, failed, ok.values().stream().mapToLong(Long::longValue).sum(),
                    failed.values().stream().mapToLong(Long::longValue).sum(), lockouts));
        }
        return result;
    }

    /** Accepted decisions per score/threshold bin over the kept hours. */
    public long[] acceptedScoreHistogram() {
        long[] total = new long[BINS];
        for (long[] bins : scoreBins.values()) {
            synchronized (bins) {
                for (int i = 0; i < BINS; i++) {
                    total[i] += bins[i];
                }
            }
        }
        return total;
    }
}

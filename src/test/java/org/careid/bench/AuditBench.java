package org.careid.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.careid.audit.AuditAppender;
import org.careid.audit.AuditRows;
import org.careid.audit.ChainRow;
import org.careid.audit.ChainVerification;
import org.careid.audit.Checkpointer;
import org.flywaydb.core.Flyway;

/**
 * Audit chain benchmark (prints figures; run by scripts/bench-audit, not a test):
 * <ol>
 *   <li>builds a chain of N entries by bulk JDBC insert through the real appender (hash and MAC
 *       per entry) with a signed checkpoint every 1,000 entries through the real checkpointer;</li>
 *   <li>full verification: time and peak heap (run it with -Xmx256m to prove the bound);</li>
 *   <li>incremental verification (newest checkpoint and what follows);</li>
 *   <li>appends with two writers on two connections (two replicas) for a while: entries/s and the
 *       median single-entry append; then the chain is verified to be one chain.</li>
 * </ol>
 * {@code java AuditBench JDBC_URL USER PASSWORD [ENTRIES]}. The database is cleaned first.
 */
public final class AuditBench {
    private static final int BATCH = 1000;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args.length > 2 ? args[2] : "";
        int entries = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        Flyway flyway = Flyway.configure().dataSource(url, user, password).cleanDisabled(false)
                .locations("classpath:db/migration").load();
        flyway.clean();
        flyway.migrate();

        byte[] macKey = new byte[32];
        new SecureRandom().nextBytes(macKey);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        Checkpointer.Signer signer = new Checkpointer.Signer("bench", pair.getPrivate());
        ChainVerification.TrustedKeys keys = kid -> "bench".equals(kid) ? pair.getPublic() : null;

        try (Connection shared = DriverManager.getConnection(url, user, password)) {
            AuditRows.Connections db = reuse(shared);
            AuditAppender appender = new AuditAppender(macKey);
            Checkpointer checkpointer = new Checkpointer(db, macKey, keys);
            long start = System.nanoTime();
            long buildCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            shared.setAutoCommit(false);
            for (int done = 0; done < entries; done += BATCH) {
                appender.append(shared, events(Math.min(BATCH, entries - done), done));
                shared.commit();
                shared.setAutoCommit(true);
                checkpointer.make(signer, Instant.now().truncatedTo(ChronoUnit.MILLIS));
                shared.setAutoCommit(false);
            }
            shared.setAutoCommit(true);
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("build: %,d entries with MACs and %,d checkpoints in %.1f s wall, %.1f s CPU of the building thread "
                            + "(%,.0f entries/s wall, checkpoint verification included)%n", entries, entries / BATCH, buildSeconds,
                    (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - buildCpu) / 1e9, entries / buildSeconds);

            ChainVerification verification = new ChainVerification(db, macKey, keys, 2000);
            double[] fullSeconds = new double[3];
            double[] cpuSeconds = new double[3];
            long[] peaks = new long[3];
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            for (int run = 0; run < fullSeconds.length; run++) {
                System.gc();
                resetPeaks();
                long t = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                ChainVerification.Verification v = verification.verify(ChainVerification.Scope.FULL, List.of());
                cpuSeconds[run] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                fullSeconds[run] = (System.nanoTime() - t) / 1e9;
                peaks[run] = peakHeap();
                check(v, entries);
                System.out.printf("full verification run %d: %.1f s wall, %.1f s CPU of the verifying thread, %,d entries and "
                        + "%,d checkpoints, old-generation peak %d MB%n", run + 1, fullSeconds[run], cpuSeconds[run], v.entriesChecked(),
                        v.checkpointsChecked(), peaks[run] >> 20);
            }
            System.out.printf("full verification median: %.1f s wall (%,.0f entries/s), %.1f s CPU, old-generation peak median %d MB, "
                            + "max heap %d MB%n", median(fullSeconds), entries / median(fullSeconds), median(cpuSeconds),
                    median(peaks) >> 20, Runtime.getRuntime().maxMemory() >> 20);

            shared.setAutoCommit(false);
            appender.append(shared, events(500, entries));
            shared.commit();
            shared.setAutoCommit(true);
            double[] tail = new double[5];
            for (int run = 0; run < tail.length; run++) {
                long t = System.nanoTime();
                ChainVerification.Verification v = verification.verify(ChainVerification.Scope.SINCE_LAST_CHECKPOINT, List.of());
                tail[run] = (System.nanoTime() - t) / 1e6;
                if (!v.valid()) {
                    throw new IllegalStateException("tail verification failed: " + v);
                }
            }
            System.out.printf("incremental verification (newest checkpoint + 500 entries after it): median %.1f ms%n", median(tail));
        }

        concurrentAppends(url, user, password, macKey, 1, 10);
        concurrentAppends(url, user, password, macKey, 16, 10);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            ChainVerification.Verification v = new ChainVerification(reuse(c), macKey, keys, 2000)
                    .verify(ChainVerification.Scope.FULL, List.of());
            System.out.printf("after the concurrent appends: valid=%s, %,d entries in one chain%n", v.valid(), v.entriesChecked());
            if (!v.valid()) {
                throw new IllegalStateException(String.valueOf(v));
            }
        }
    }

    /** Two writers, each on its own connection (a replica each), appending batches of the given size. */
    private static void concurrentAppends(String url, String user, String password, byte[] macKey, int batch, int seconds)
            throws Exception {
        AtomicLong appended = new AtomicLong();
        long[][] latencies = new long[2][];
        CountDownLatch ready = new CountDownLatch(2);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    c.setAutoCommit(false);
                    AuditAppender appender = new AuditAppender(macKey);
                    long[] samples = new long[1 << 20];
                    int n = 0;
                    ready.countDown();
                    ready.await();
                    while (System.nanoTime() < deadline[0]) {
                        long t0 = System.nanoTime();
                        appender.append(c, events(batch, writer * 1_000_000));
                        c.commit();
                        if (n < samples.length) {
                            samples[n++] = System.nanoTime() - t0;
                        }
                        appended.addAndGet(batch);
                    }
                    latencies[writer] = Arrays.copyOf(samples, n);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(t);
        }
        deadline[0] = System.nanoTime() + seconds * 1_000_000_000L;
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        long[] all = new long[latencies[0].length + latencies[1].length];
        System.arraycopy(latencies[0], 0, all, 0, latencies[0].length);
        System.arraycopy(latencies[1], 0, all, latencies[0].length, latencies[1].length);
        Arrays.sort(all);
        System.out.printf("concurrent appends, 2 writers on 2 connections, %d entr%s per transaction: %,.0f entries/s, "
                        + "transaction median %.2f ms, p99 %.2f ms%n", batch, batch == 1 ? "y" : "ies",
                appended.get() / (double) seconds, all[all.length / 2] / 1e6, all[all.length * 99 / 100] / 1e6);
    }

    private static List<ChainRow> events(int n, int offset) {
        List<ChainRow> rows = new ArrayList<>(n);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < n; i++) {
            int k = offset + i;
            rows.add(new ChainRow(0, now, "DEVICE", "device-" + (k % 400), "AUTH_SUCCEEDED", "STAFF", "staff-" + (k % 5000),
                    "SUCCESS", "10.1." + (k % 250) + "." + (k % 200),
                    "{\"acr\":\"urn:careid:acr:2\",\"amr\":[\"face\",\"pin\"],\"scope\":\"patient/*.read\"}", null, null, null));
        }
        return rows;
    }

    /** The shared connection handed out with a close() that does nothing. */
    private static AuditRows.Connections reuse(Connection shared) {
        return () -> (Connection) Proxy.newProxyInstance(AuditBench.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : method.invoke(shared, args));
    }

    private static void check(ChainVerification.Verification v, long entries) {
        if (!v.valid() || v.entriesChecked() != entries) {
            throw new IllegalStateException("verification failed: " + v);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * The old generation's peak since the reset: what survived collections, i.e. what the walk
     * retains. (Young-generation peaks are garbage waiting for the next collection; the JVM's
     * -Xmx256m bounds the total.)
     */
    private static long peakHeap() {
        long old = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old Gen")) {
                old = Math.max(old, pool.getPeakUsage().getUsed());
            }
        }
        return old;
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}

package org.careid.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the inputs one fuzz target ran and holds each input to a memory bound: the bytes the
 * thread allocated while handling it (a decompression bomb that slipped past the header checks
 * would allocate hundreds of megabytes). The count is printed when the target's class ends.
 */
final class FuzzInputs {
    /** Far above any legitimate decode of a seed-sized input, far below what a bomb allocates. */
    static final long MAX_ALLOCATED_PER_INPUT = 256L * 1024 * 1024;

    private final String target;
    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong largest = new AtomicLong();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    FuzzInputs(String target) {
        this.target = target;
    }

    /** Runs one input; the body catches the typed refusals it expects, anything else fails the target. */
    void run(Runnable body) {
        inputs.incrementAndGet();
        long allocated = allocatedBy(body);
        if (allocated >= MAX_ALLOCATED_PER_INPUT) {
            // the first run of a code path also loads (and, when fuzzing, instruments) its classes on
            // this thread: only an input that allocates as much a second time is a finding
            allocated = allocatedBy(body);
        }
        largest.accumulateAndGet(allocated, Math::max);
        assertTrue(allocated < MAX_ALLOCATED_PER_INPUT, target + ": one input allocated " + allocated + " bytes");
    }

    private long allocatedBy(Runnable body) {
        long before = threads.getCurrentThreadAllocatedBytes();
        body.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    void report() {
        System.out.printf("fuzz target %s: %d inputs executed, largest allocation for one input %.1f MB%n",
                target, inputs.get(), largest.get() / 1048576.0);
    }
}

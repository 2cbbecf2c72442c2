package dev.herald.ldap.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load loop the in-process search benchmarks share: THREADS threads run one search after
 * another, first for a short unmeasured warm-up (JIT), then for SECONDS measured; the result
 * counts the measured searches and the process's CPU time over that interval.
 */
final class SearchLoop {
    private SearchLoop() {}

    /** One search; true when it found exactly the one entry it looked for. */
    interface Search {
        boolean run(ThreadLocalRandom rnd) throws Exception;
    }

    /** What the measured interval did. */
    record Result(long ops, long misses, long elapsedNanos, long cpuNanos) {
        double rate() {
            return ops / (elapsedNanos / 1e9);
        }

        double cpuMicrosPerSearch() {
            return cpuNanos / 1e3 / Math.max(1, ops);
        }
    }

    static Result run(int threads, int seconds, Search search) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicLong ops = new AtomicLong();
        AtomicLong misses = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                try {
                    while (!stop.get()) {
                        if (!search.run(rnd)) {
                            misses.incrementAndGet();
                        }
                        if (measuring.get()) {
                            ops.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ts.add(th);
            th.start();
        }
        Thread.sleep(Math.min(5000, seconds * 500L)); // warm-up (JIT)
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long elapsed = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        stop.set(true);
        for (Thread th : ts) {
            th.join();
        }
        return new Result(ops.get(), misses.get(), elapsed, cpu);
    }
}

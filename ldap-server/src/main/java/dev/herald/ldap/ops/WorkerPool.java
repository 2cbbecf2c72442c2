package dev.herald.ldap.ops;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that runs operations off the event loops: a fixed number of threads and a
 * bounded queue; when both are full, a new operation is refused and answered with busy (51).
 * The per-connection limit on outstanding requests keeps one client from filling the queue.
 */
public final class WorkerPool implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    public WorkerPool(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "herald-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                factory, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code task}; throws RejectedExecutionException when the pool is full. */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.hindsight.sql;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that read scans ahead ({@link ReadAhead}): at most one per core, shared by all statements of the JVM,
 * daemon, gone after 30 s idle. A task is never queued: when every thread is busy, {@link #run} says so and the
 * statement reads on its own thread, so a busy server degrades to plain single-threaded scans instead of waiting.
 */
final class ScanWorkers {

    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0,
        Math.max(1, Runtime.getRuntime().availableProcessors()), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        task -> {
            Thread t = new Thread(task, "hindsight-scan-" + NEXT_ID.incrementAndGet());
            t.setDaemon(true);
            return t;
        });

    private ScanWorkers() {
    }

    /** Runs {@code task} on a free worker; {@code false} (and nothing run) if none is free. */
    static boolean run(Runnable task) {
        try {
            POOL.execute(task);
            return true;
        } catch (RejectedExecutionException | OutOfMemoryError e) {
            return false; // all busy, or no thread could be created ("unable to create native thread")
        }
    }
}

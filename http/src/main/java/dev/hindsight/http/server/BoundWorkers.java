package dev.hindsight.http.server;

import io.undertow.server.ServerConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many worker threads may be bound to their connections at once, each running one connection's requests and
 * waiting for its next ({@link Linger}): by default a quarter of the pool's workers, so that connections busy at once
 * cannot keep the others' requests from a worker. One per server, shared by its routes. Thread-safe.
 */
public final class BoundWorkers {

    private final AtomicInteger bound = new AtomicInteger();
    private volatile int max;

    /** A quarter of the pool's workers (at least one), read from the pool when first asked. */
    public BoundWorkers() {
        this.max = -1;
    }

    /**
     * At most {@code max} workers bound at once; 0: none, every request is read by the I/O thread.
     *
     * @throws IllegalArgumentException naming the value if it is negative
     */
    public BoundWorkers(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("the number of bound workers cannot be negative: " + max);
        }
        this.max = max;
    }

    /** Binds one more worker if the limit allows; each true is followed by one {@link #release}. */
    boolean tryBind(ServerConnection connection) {
        int most = max;
        if (most < 0) {
            most = Math.max(1, connection.getWorker().getMXBean().getMaxWorkerPoolSize() / 4);
            max = most;
        }
        if (bound.incrementAndGet() > most) {
            bound.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        bound.decrementAndGet();
    }
}

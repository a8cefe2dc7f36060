package dev.hindsight.http.jdbc;

import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run of a connection's messages on one worker thread: a task given to it from within one of its tasks runs on the
 * same thread once that task returns (no other thread is woken, and the stack does not grow); the run ends when its
 * last task leaves no next one. With {@link Linger}, the worker that answered a message reads the next one itself.
 *
 * <p>Why: a remote JDBC client sends its next message as soon as it has read an answer. The I/O thread reading each
 * message and waking a worker for it is one more thread wake-up per round trip than a worker that waits for the
 * message itself, and on a virtual machine a wake-up is the largest part of a short round trip's cost (measured in
 * docs/benchmarks.md).
 *
 * <p>A worker in a run is bound to its connection, whether its statement runs or it waits: at most a quarter of the
 * pool's workers are, so that connections that are busy at once cannot keep the others' requests from a worker
 * ({@link Limit}). Each run is confined to its thread; the connection's slot only tells a thread whether it is the
 * one running the connection's turns now.
 */
final class WorkerTurns implements Executor {

    private static final AttachmentKey<Slot> SLOT = AttachmentKey.create(Slot.class);

    /** How many runs may be alive at once. */
    static final class Limit {
        private final AtomicInteger alive = new AtomicInteger();
        private volatile int max;

        /** A quarter of the pool's workers (at least one), read from the pool when first asked. */
        Limit() {
            this(-1);
        }

        /** At most {@code max} runs alive at once (none if 0). */
        Limit(int max) {
            this.max = max;
        }

        private boolean tryTake(ServerConnection connection) {
            int most = max;
            if (most < 0) {
                most = Math.max(1, connection.getWorker().getMXBean().getMaxWorkerPoolSize() / 4);
                max = most;
            }
            if (alive.incrementAndGet() > most) {
                alive.decrementAndGet();
                return false;
            }
            return true;
        }

        private void give() {
            alive.decrementAndGet();
        }
    }

    /** The connection's latest run: read by whichever thread has the connection's request. */
    private static final class Slot {
        private volatile WorkerTurns latest;
    }

    private final ServerConnection connection;
    private final Slot slot;
    private final Limit limit;
    private final Thread thread = Thread.currentThread();
    private boolean running = true;
    private Runnable next;

    private WorkerTurns(ServerConnection connection, Slot slot, Limit limit) {
        this.connection = connection;
        this.slot = slot;
        this.limit = limit;
    }

    /**
     * Where the connection's message runs, asked by the thread that has its request: after the current task on this
     * thread if it is running the connection's turns; else in a new run on a worker, if {@code limit} lets one begin;
     * else null. The executor returned must be given the task.
     */
    static Executor of(ServerConnection connection, Limit limit) {
        WorkerTurns current = current(connection);
        if (current != null) {
            return current;
        }
        if (!limit.tryTake(connection)) {
            return null;
        }
        Slot slot = connection.getAttachment(SLOT);
        if (slot == null) {
            // set by the thread that has the connection's request: nobody else touches its attachments meanwhile
            slot = new Slot();
            connection.putAttachment(SLOT, slot);
        }
        return start(connection, slot, limit);
    }

    private static Executor start(ServerConnection connection, Slot slot, Limit limit) {
        return task -> {
            try {
                connection.getWorker().execute(() -> new WorkerTurns(connection, slot, limit).run(task));
            } catch (RejectedExecutionException e) {
                limit.give(); // the pool is shutting down: no run begins
                throw e;
            }
        };
    }

    /** The run of the connection's turns on the calling thread, or null if this thread is not running them. */
    static WorkerTurns current(ServerConnection connection) {
        Slot slot = connection.getAttachment(SLOT);
        WorkerTurns latest = slot == null ? null : slot.latest;
        return latest != null && latest.thread == Thread.currentThread() && latest.running ? latest : null;
    }

    /** Runs {@code task} after the current one, on this thread; from another thread or after the run, refuses it. */
    @Override
    public void execute(Runnable task) {
        if (thread != Thread.currentThread() || !running || next != null) {
            throw new IllegalStateException("not this thread's turn of " + connection + ": " + task);
        }
        next = task;
    }

    private void run(Runnable first) {
        slot.latest = this;
        try {
            for (Runnable task = first; task != null; ) {
                next = null;
                task.run();
                task = next;
            }
        } finally {
            running = false;
            limit.give();
        }
    }
}

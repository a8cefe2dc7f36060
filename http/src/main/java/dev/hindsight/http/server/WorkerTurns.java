package dev.hindsight.http.server;

import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A run of a connection's requests on one worker thread: a task given to it from within one of its tasks runs on the
 * same thread once that task returns (no other thread is woken, and the stack does not grow); the run ends when its
 * last task leaves no next one. With {@link Linger}, the worker that answered a request reads the next one itself.
 *
 * <p>Why: a client that sends its next request as soon as it has read an answer (a remote JDBC client always does).
 * The I/O thread reading each request and waking a worker for it is one more thread wake-up per round trip than a
 * worker that waits for the request itself, and on a virtual machine a wake-up is the largest part of a short round
 * trip's cost (measured in docs/benchmarks.md).
 *
 * <p>A worker in a run is bound to its connection, whether its request runs or it waits: {@link BoundWorkers} limits
 * how many are. Each run is confined to its thread; the connection's slot only tells a thread whether it is the one
 * running the connection's turns now.
 */
final class WorkerTurns implements Executor {

    private static final System.Logger LOG = System.getLogger(WorkerTurns.class.getName());
    private static final AttachmentKey<Slot> SLOT = AttachmentKey.create(Slot.class);

    /** The connection's latest run: read by whichever thread has the connection's request. */
    private static final class Slot {
        private volatile WorkerTurns latest;
    }

    private final ServerConnection connection;
    private final Slot slot;
    private final BoundWorkers bound;
    private final Thread thread = Thread.currentThread();
    private boolean running = true;
    private Runnable next;

    private WorkerTurns(ServerConnection connection, Slot slot, BoundWorkers bound) {
        this.connection = connection;
        this.slot = slot;
        this.bound = bound;
    }

    /**
     * Where the connection's message runs, asked by the thread that has its request: after the current task on this
     * thread if it is running the connection's turns; else in a new run on a worker, if {@code bound} lets one begin;
     * else null. The executor returned must be given the task.
     */
    static Executor of(ServerConnection connection, BoundWorkers bound) {
        WorkerTurns current = current(connection);
        if (current != null) {
            return current;
        }
        if (!bound.tryBind(connection)) {
            return null;
        }
        Slot slot = connection.getAttachment(SLOT);
        if (slot == null) {
            // set by the thread that has the connection's request: nobody else touches its attachments meanwhile
            slot = new Slot();
            connection.putAttachment(SLOT, slot);
        }
        return start(connection, slot, bound);
    }

    private static Executor start(ServerConnection connection, Slot slot, BoundWorkers bound) {
        return task -> {
            try {
                connection.getWorker().execute(() -> new WorkerTurns(connection, slot, bound).run(task));
            } catch (RejectedExecutionException e) {
                bound.release(); // the pool is shutting down: no run begins
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
        if (!later(task)) {
            throw new IllegalStateException("not this thread's turn of " + connection + ": " + task);
        }
    }

    /**
     * Queues {@code task} to run on this thread once the current one has returned; false (nothing queued) if called
     * from another thread, after the run, or with a task queued already.
     */
    boolean later(Runnable task) {
        if (thread != Thread.currentThread() || !running || next != null) {
            return false;
        }
        next = task;
        return true;
    }

    private void run(Runnable first) {
        slot.latest = this;
        try {
            for (Runnable task = first; task != null; ) {
                next = null;
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // Undertow's tasks answer their own failures; a next task queued before this one failed (the
                    // connection's next request) still runs, or the connection would wait with its reads off
                    LOG.log(Level.ERROR, "a task of " + connection + " failed", e);
                }
                task = next;
            }
        } finally {
            running = false;
            bound.release();
        }
    }
}

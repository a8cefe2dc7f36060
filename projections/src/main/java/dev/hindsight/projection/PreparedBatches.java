package dev.hindsight.projection;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.EventView;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The events of a seq range read and {@link Fold.Preparer prepared} by worker threads, batch by batch, and handed
 * out in seq order: a runner catching up with a long log applies one batch while the workers read, decode and
 * evaluate the next ones on the other cores.
 *
 * <pre>
 *   submitted:  [from ... ) [ ... ) [ ... ) [ ... )     at most AHEAD batches in flight
 *   taken:      ^ the runner's next, in order
 * </pre>
 *
 * A preparer's throw ends its batch there: the batch carries the events prepared before it and the failure, which
 * the runner reports after applying them, at the seq it happened, as it would have inline. Closing stops the workers.
 */
final class PreparedBatches implements AutoCloseable {

    /** How long {@link #close} waits for the workers to leave the log (a batch is read in well under that). */
    private static final long CLOSE_WAIT_SECONDS = 10;

    /** Batches read ahead at most. */
    private static final int AHEAD = 4;

    /** One batch: the prepared events (those that change a group) with their seqs, the last seq read, a failure. */
    static final class Batch {
        final long[] seqs;
        final Object[] prepared;
        int size;
        /** The last seq read (every event up to it is in the batch or changes nothing); 0 if none. */
        long last;
        /** The failure that ended the batch at {@link #failedAt}, or null. */
        Throwable error;
        long failedAt;

        Batch(int capacity) {
            seqs = new long[capacity];
            prepared = new Object[capacity];
        }
    }

    private final EventLog log;
    private final Fold.Staged staged;
    private final UpcasterChain upcasters;
    private final byte[][] names;
    private final long to;
    private final long batch;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
    private volatile boolean closed;
    private long next;

    /**
     * Reads {@code [from, to]} in batches of {@code batch} events on {@code workers} threads; only events named in
     * {@code names} (all if none) are prepared.
     */
    PreparedBatches(EventLog log, Fold.Staged staged, UpcasterChain upcasters, byte[][] names, long from, long to,
                    long batch, int workers, String threadName) {
        this.log = log;
        this.staged = staged;
        this.upcasters = upcasters;
        this.names = names;
        this.to = to;
        this.batch = batch;
        this.next = from;
        this.pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The next batch in seq order, or {@code null} after the last.
     *
     * @throws RuntimeException what reading the log threw (a damaged record, the log closed)
     */
    Batch next() throws InterruptedException {
        while (inFlight.size() < AHEAD && next <= to) {
            long from = next;
            long until = Math.min(to, from + batch - 1);
            next = until + 1;
            inFlight.add(pool.submit(() -> read(from, until)));
        }
        Future<Batch> head = inFlight.poll();
        if (head == null) {
            return null;
        }
        try {
            return head.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    private Batch read(long from, long until) {
        Batch b = new Batch((int) (until - from + 1));
        Fold.Preparer preparer = staged.preparer();
        EventCursor cursor = new EventCursor(upcasters);
        log.visit(from, until, event -> {
            if (closed) {
                return false;
            }
            long seq = event.seq();
            if (handles(event)) {
                Object prepared;
                try {
                    prepared = preparer.prepare(cursor.reset(event));
                } catch (RuntimeException | Error e) {
                    b.error = e;
                    b.failedAt = seq;
                    return false;
                }
                if (prepared != null) {
                    b.seqs[b.size] = seq;
                    b.prepared[b.size++] = prepared;
                }
            }
            b.last = seq;
            return true;
        });
        return b;
    }

    private boolean handles(EventView event) {
        if (names.length == 0) {
            return true;
        }
        for (byte[] name : names) {
            if (event.nameEquals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        try {
            // a worker may be inside a read of the log: it must be out before the caller lets the log close
            pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

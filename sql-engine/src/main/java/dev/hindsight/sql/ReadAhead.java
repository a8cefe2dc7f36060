package dev.hindsight.sql;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Hands out the rows of numbered {@link Batches} in order while {@link ScanWorkers} threads read the next ones: a
 * scan over the whole log then decodes events and extracts their JSON ({@link JsonExtracts}) on the other cores while
 * the statement's thread aggregates, as PostgreSQL's parallel workers do.
 *
 * <pre>
 *   claimed:   0 1 2 3 4 5 | 6 ...        batch k is read by whoever claims it (a worker, or the consumer when no
 *   taken:     0 1 2 |                    worker is free), lands in slot k % AHEAD, and is taken in order; nobody
 *   slots:     [3][4][5][ ]               claims beyond taken + AHEAD, so a slot is never needed twice at once
 * </pre>
 *
 * Fewer than {@link #AHEAD} are read ahead where the source says its batches are large ({@link Batches#window()}), and
 * a source may cut a batch of large rows short, its rest read by the consumer a part at a time ({@link Batches#more}).
 *
 * Workers give their thread back when nothing is left to claim, and the consumer's next take starts them again: an
 * abandoned enumerator holds no thread. They start only once the consumer has used up the first batch (read on its
 * own thread), so a query whose LIMIT is met there never sets them reading. A failure (a damaged record, a cancel)
 * takes the place of the batch it stopped and is thrown when that batch's turn comes, after the rows read before it,
 * as the same read inline would. With no workers allowed it is simply a batch-at-a-time reader on the consumer's
 * thread.
 */
final class ReadAhead<T> implements Enumerator<T> {

    /** Batches of a scan by number, from 0; {@link #read} is called from several threads at once. */
    interface Batches<T> {
        /** Batch {@code k} (may be empty), or {@code null} if the scan has fewer batches. */
        List<T> read(long k);

        /**
         * How many batches may be read past the consumer now, 1 to {@link #AHEAD}: fewer where batches are large
         * (a thousand events of 60 KB each are some 120 MB as rows), so that what a scan holds stays within a
         * budget of bytes, not of batches. Called from several threads.
         */
        default int window() {
            return AHEAD;
        }

        /**
         * The next part of batch {@code k}, whose rows so far were cut short by their size, or {@code null} if it has
         * no more: read on the consumer's thread once it has taken the rows before, so that a batch of large events
         * is never whole in the heap. Never cut, by default.
         */
        default @Nullable List<T> more(long k) {
            return null;
        }
    }

    /** Batches read ahead at most. */
    static final int AHEAD = 8;

    private final Batches<T> source;
    private final int maxWorkers;
    private final AtomicReferenceArray<Slot<T>> slots = new AtomicReferenceArray<>(AHEAD);
    /** The next batch to claim. */
    private final AtomicLong claimed = new AtomicLong();
    /** The first batch that is the end or a failure: nothing at or past it is claimed. */
    private final AtomicLong last = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger workers = new AtomicInteger();
    /** The next batch the consumer takes; written by the consumer only. */
    private volatile long taken;
    private volatile boolean closed;
    /** The consumer thread while it waits for a batch, for the worker that reads it to wake. */
    private volatile Thread waiting;

    private List<T> batch = List.of();
    private int at;
    private T current;
    private boolean done;

    /**
     * What a slot holds for a batch read: its rows, the end of the scan, the failure that stopped it, or word that
     * its worker died.
     */
    private sealed interface Slot<T> permits Rows, End, Failure, Lost {
    }

    private record Rows<T>(List<T> rows) implements Slot<T> {
    }

    private record End<T>() implements Slot<T> {
    }

    private record Failure<T>(Throwable error) implements Slot<T> {
    }

    /** A batch whose worker died before it could say why: its error is made by the consumer, where it is thrown. */
    private record Lost<T>() implements Slot<T> {
    }

    private final Slot<T> end = new End<>();
    /** Made beforehand: nothing can be allocated when a worker dies that way. */
    private final Slot<T> lost = new Lost<>();

    /** Reads {@code source} ahead with up to {@code maxWorkers} workers. */
    ReadAhead(Batches<T> source, int maxWorkers) {
        this.source = source;
        this.maxWorkers = maxWorkers;
    }

    @Override
    public T current() {
        return current;
    }

    @Override
    public boolean moveNext() {
        while (at >= batch.size()) {
            if (done) {
                return false;
            }
            List<T> more = moreOfTaken();
            if (more != null) {
                batch = more;
                at = 0;
                continue;
            }
            Slot<T> item = take();
            if (item instanceof End) {
                done = true;
                return false;
            }
            if (item instanceof Failure<T> f) {
                done = true;
                throw rethrown(f.error());
            }
            if (item instanceof Lost) {
                done = true;
                throw new IllegalStateException("a scan worker failed");
            }
            batch = ((Rows<T>) item).rows();
            at = 0;
        }
        current = batch.get(at++);
        return true;
    }

    /** The next part of the batch taken last, if its source cut it ({@link Batches#more}); a failure ends the scan. */
    private @Nullable List<T> moreOfTaken() {
        if (taken == 0) {
            return null;
        }
        try {
            return source.more(taken - 1);
        } catch (RuntimeException | Error e) {
            done = true;
            throw e;
        }
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("a scan is read once");
    }

    @Override
    public void close() {
        closed = true; // workers stop claiming; what they are reading is dropped
        done = true;
        batch = List.of();
        for (int i = 0; i < AHEAD; i++) {
            slots.set(i, null);
        }
    }

    /**
     * Batch {@link #taken}: waits for the worker reading it, or reads it here if nobody has claimed it. Workers start
     * only once the first batch is used up, so that a LIMIT met within it never sets them reading.
     */
    private Slot<T> take() {
        long k = taken;
        int slot = (int) (k % AHEAD);
        while (true) {
            if (closed) {
                return end; // closed from another thread (Statement.close() of a running query)
            }
            Slot<T> item = slots.getAndSet(slot, null);
            if (item == null && claimed.compareAndSet(k, k + 1)) {
                item = readOne(k); // no worker got to it (none free): read inline, never wait for a thread
            }
            if (item != null) {
                taken = k + 1;
                if (k > 0) {
                    startWorkers();
                }
                return item;
            }
            waiting = Thread.currentThread();
            if (slots.get(slot) == null) {
                LockSupport.parkNanos(this, 1_000_000L); // a worker is reading batch k and will unpark us
            }
            waiting = null;
            if (Thread.interrupted()) {
                throw new QueryCanceledException();
            }
        }
    }

    private Slot<T> readOne(long k) {
        Slot<T> item;
        try {
            List<T> next = source.read(k);
            item = next == null ? end : new Rows<>(next);
        } catch (Throwable t) {
            item = new Failure<>(t);
        }
        if (!(item instanceof Rows)) {
            last.accumulateAndGet(k, Math::min);
        }
        return item;
    }

    /** The batch a worker may claim now, or -1. */
    private long claim() {
        while (true) {
            long k = claimed.get();
            if (closed || k >= last.get() || k >= taken + window()) {
                return -1;
            }
            if (claimed.compareAndSet(k, k + 1)) {
                return k;
            }
        }
    }

    private boolean claimable() {
        long k = claimed.get();
        return !closed && k < last.get() && k < taken + window();
    }

    /** {@link Batches#window()}, within 1 and {@link #AHEAD}: a slot is never needed twice at once. */
    private int window() {
        return Math.max(1, Math.min(AHEAD, source.window()));
    }

    /** Starts workers up to {@link #maxWorkers} while there is something to claim and a thread is free. */
    private void startWorkers() {
        while (claimable()) {
            int n = workers.get();
            if (n >= maxWorkers) {
                return;
            }
            if (workers.compareAndSet(n, n + 1) && !ScanWorkers.run(this::work)) {
                workers.decrementAndGet(); // all threads busy: the consumer reads inline
                return;
            }
        }
    }

    /** A worker's turn: claims and reads batches until none may be claimed, then gives its thread back. */
    private void work() {
        try {
            for (long k = claim(); k >= 0; k = claim()) {
                Slot<T> item = lost;
                try {
                    item = readOne(k);
                } finally {
                    // always something for a claimed batch: the consumer waits for exactly this one
                    slots.set((int) (k % AHEAD), item);
                    Thread consumer = waiting;
                    if (consumer != null) {
                        LockSupport.unpark(consumer);
                    }
                }
            }
        } finally {
            workers.decrementAndGet();
        }
    }

    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}

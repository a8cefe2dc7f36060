package dev.hindsight.log;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The one class that touches Chronicle Queue: excerpts in, excerpts out, addressed by Chronicle's excerpt index
 * ({@code cycle << shift | sequence in cycle}; not dense across roll cycles, which is why {@code seq} is ours).
 *
 * <p>Thread-safety: {@link #append} must be called under the log's append lock (one appender, used by whichever
 * thread holds the lock). Reads may come from any thread: each borrows a {@link Reader} (tailer + scratch buffer)
 * from a pool, so concurrent reads never share a tailer.
 */
final class QueueStore implements AutoCloseable {

    static {
        // Chronicle's usage reporting is excluded from the build; make sure it stays off, and keep its banner quiet.
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
        setIfAbsent("chronicle.disk.monitor.disable", "true");
    }

    private static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;
    private static final int INDEX_SPACING = 1;
    private static final int INDEX_COUNT = 65536;

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    /**
     * Idle readers. The last one returned waits in {@code spare}, the rest in {@code readers}: a single reader
     * thread then swaps one old object in and out instead of linking a new queue node per read, which G1 would have
     * to track as an old-to-young pointer (its card refinement showed in the read latency tail).
     */
    private final AtomicReference<Reader> spare = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Reader> readers = new ConcurrentLinkedQueue<>();
    /**
     * Reads under way: {@link #close} waits for them before it unmaps the queue, since a read of an unmapped file
     * would crash the JVM, and a scan's worker thread may still be reading when its connection closes the log.
     */
    private final AtomicInteger reading = new AtomicInteger();
    private volatile boolean closed;
    private final DateTimeFormatter fileNames;

    /**
     * Opens the queue in {@code dir}.
     *
     * @param clock    the wall clock in epoch ms, which says when the queue rolls to a new daily file (the log's own
     *                 commit clock, so that files and commit times agree); read through a never-decreasing guard
     * @param readOnly whether to open without an appender, changing no file ({@code verify})
     */
    QueueStore(Path dir, long blockSize, LongSupplier clock, boolean readOnly) {
        AtomicLong latest = new AtomicLong(Long.MIN_VALUE);
        TimeProvider time = () -> latest.accumulateAndGet(clock.getAsLong(), Math::max);
        this.queue = SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(ROLL_CYCLE)
            // an index entry for every excerpt instead of every 256th: a random read (moveToIndex, one per event of a
            // stream read) goes straight to its excerpt instead of scanning up to 255 headers from the last entry
            // (docs/benchmarks.md has the stream-read figures at 256, 64 and 1); it costs 8 bytes of index per event.
            // 65536 x 65536 x 1 keeps FAST_DAILY's capacity (2^32 excerpts a day) and so its index arithmetic
            .indexSpacing(INDEX_SPACING)
            .indexCount(INDEX_COUNT)
            .blockSize(blockSize)
            .timeProvider(time)
            .readOnly(readOnly)
            .build();
        try {
            this.appender = readOnly ? null : appender(queue, dir);
        } catch (RuntimeException | Error e) {
            queue.close(); // no store to close: its queue would stay mapped
            throw e;
        }
        if (appender != null) {
            // used by one thread at a time, under the append lock, but not always the same thread
            appender.singleThreadedCheckDisabled(true);
        }
        this.fileNames = DateTimeFormatter.ofPattern(ROLL_CYCLE.format()).withZone(ZoneOffset.UTC);
    }

    /**
     * The queue's appender. Chronicle that could not open metadata.cq4t for writing (its permissions, or its bytes:
     * one cut to 100 bytes did so) falls back to reading it, and then refuses an appender with "Can't append to a
     * read-only chronicle", naming neither the file nor the cause.
     */
    private static ExcerptAppender appender(SingleChronicleQueue queue, Path dir) {
        try {
            return queue.createAppender();
        } catch (IllegalStateException e) {
            throw new StorageException("cannot write the log's files in " + dir + ": permission denied or a read-only "
                + "file system (every file of the data directory must be writable by the user that runs hindsight), "
                + "or a damaged metadata.cq4t, which Chronicle then opens for reading only (Chronicle says: "
                + e.getMessage() + ")", e);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Writes one excerpt and returns its index.
     *
     * @throws RuntimeException or {@link Error} if the write failed: the excerpt was rolled back, nothing committed
     * @throws UncertainWriteException if committing the excerpt failed: it may or may not be in the queue
     */
    long append(byte[] record, int length) {
        DocumentContext dc = appender.writingDocument();
        try {
            dc.wire().bytes().write(record, 0, length);
        } catch (RuntimeException | Error e) {
            dc.rollbackOnClose();
            try {
                dc.close();
            } catch (RuntimeException | Error e2) {
                e.addSuppressed(e2);
            }
            throw e;
        }
        try {
            dc.close();
            // not dc.index() inside the context: that may scan from the last indexed excerpt (up to 256) to find
            // the sequence; after close the appender knows the index it just wrote
            return appender.lastIndexAppended();
        } catch (RuntimeException | Error e) {
            throw new UncertainWriteException(e);
        }
    }

    /** Committing an excerpt failed part way: whether it is in the queue is unknown until the queue is read again. */
    static final class UncertainWriteException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UncertainWriteException(Throwable cause) {
            super(cause);
        }
    }

    /**
     * The last excerpt Chronicle's index names, or -1 if the queue is empty. Chronicle marks an excerpt's header whole
     * before it indexes the excerpt, so a crash never leaves the index naming one that a read cannot reach.
     *
     * @throws InternalError read-only, if the index names a record past the end of a file cut short: Chronicle maps
     *                       such a file only as far as it goes (a writable queue grows it), and the read faults
     */
    long lastIndexed() {
        return Math.max(-1, queue.lastIndex());
    }

    /** The queue's first excerpt, or -1 if it has none. */
    long firstIndex() {
        long first = queue.firstIndex();
        return first == Long.MAX_VALUE ? -1 : first;
    }

    /** Whether two excerpts lie in the same queue file (roll cycle). */
    boolean sameFile(long index1, long index2) {
        return ROLL_CYCLE.toCycle(index1) == ROLL_CYCLE.toCycle(index2);
    }

    /**
     * Visits up to {@code count} excerpts in order from {@code firstIndex}; stops early when the visitor returns
     * false or the queue ends.
     *
     * @return the number of excerpts visited
     */
    long read(long firstIndex, long count, ExcerptVisitor visitor) {
        Reader r = borrow();
        try {
            if (!r.tailer.moveToIndex(firstIndex)) {
                return 0;
            }
            return r.visit(count, visitor);
        } finally {
            giveBack(r);
        }
    }

    /** Visits the excerpt at each of {@code indexes}, in that order, with one borrowed reader; stops early on false. */
    void readEach(long[] indexes, ExcerptVisitor visitor) {
        Reader r = borrow();
        boolean[] more = {true};
        ExcerptVisitor once = (index, bytes, length) -> more[0] = visitor.visit(index, bytes, length);
        try {
            for (int i = 0; i < indexes.length && more[0]; i++) {
                if (!r.tailer.moveToIndex(indexes[i]) || r.visit(1, once) == 0) {
                    throw new StorageException("excerpt 0x" + Long.toHexString(indexes[i]) + " is indexed but missing",
                        null);
                }
            }
        } finally {
            giveBack(r);
        }
    }

    /** Visits every excerpt from the start of the queue, in order. */
    long readAllFromStart(ExcerptVisitor visitor) {
        Reader r = borrow();
        try {
            r.tailer.toStart();
            return r.visit(Long.MAX_VALUE, visitor);
        } finally {
            giveBack(r);
        }
    }

    /** The queue file holding excerpt {@code index}, for error messages. */
    String fileOf(long index) {
        return file(index).getPath();
    }

    /** The queue file holding excerpt {@code index}. */
    File file(long index) {
        int cycle = ROLL_CYCLE.toCycle(index);
        String name = fileNames.format(Instant.ofEpochMilli((long) cycle * ROLL_CYCLE.lengthInMillis()));
        return new File(queue.file(), name + SingleChronicleQueue.SUFFIX);
    }

    private void giveBack(Reader r) {
        if (!spare.compareAndSet(null, r)) {
            readers.offer(r);
        }
        reading.decrementAndGet();
    }

    /** A reader for one read, which must end with {@link #giveBack}; refused once the store is closing. */
    private Reader borrow() {
        reading.incrementAndGet(); // before the check, so close() either sees this read or this read sees closed
        if (closed) {
            reading.decrementAndGet();
            throw new IllegalStateException("the event log is closed");
        }
        Reader r = spare.getAndSet(null);
        if (r != null) {
            return r;
        }
        r = readers.poll();
        if (r != null) {
            return r;
        }
        try {
            return new Reader(queue.createTailer());
        } catch (RuntimeException | Error e) {
            reading.decrementAndGet(); // no read to give back: close() waited for it for ever (a damaged header)
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        while (reading.get() > 0) {
            LockSupport.parkNanos(100_000L); // a read takes a batch's time at most
        }
        if (appender != null) {
            appender.close();
        }
        Reader r = spare.getAndSet(null);
        if (r != null) {
            r.tailer.close();
        }
        while ((r = readers.poll()) != null) {
            r.tailer.close();
        }
        queue.close();
    }

    /** Receives excerpts: their index and bytes ({@code length} valid bytes of {@code bytes}, reused after return). */
    @FunctionalInterface
    interface ExcerptVisitor {
        boolean visit(long index, byte[] bytes, int length);
    }

    /** A tailer with its scratch buffer; used by one thread at a time. */
    private static final class Reader {
        final ExcerptTailer tailer;
        byte[] scratch = new byte[4096];

        Reader(ExcerptTailer tailer) {
            this.tailer = tailer;
            tailer.singleThreadedCheckDisabled(true);
        }

        long visit(long count, ExcerptVisitor visitor) {
            long visited = 0;
            while (visited < count) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> bytes = dc.wire().bytes();
                    int length = (int) bytes.readRemaining();
                    if (scratch.length < length) {
                        scratch = new byte[Math.max(length, scratch.length * 2)];
                    }
                    bytes.read(scratch, 0, length);
                    visited++;
                    if (!visitor.visit(dc.index(), scratch, length)) {
                        break;
                    }
                }
            }
            return visited;
        }
    }
}

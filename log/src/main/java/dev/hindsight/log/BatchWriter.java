package dev.hindsight.log;

import java.io.File;
import java.lang.System.Logger.Level;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write side of a {@link ChronicleEventLog}: one append (a batch of events of one or several streams) at a time,
 * under the append lock: the guards, the records, and the index, published at once or (with {@link Durability#FSYNC})
 * once the {@link GroupCommit} has the batch on disk. Validation and encoding of strings happen before, on the
 * caller's thread ({@link PreparedAppend}).
 *
 * <p>Thread-safety: {@link #append} from any thread; appends are serialised by the append lock, so a batch is
 * contiguous in the log and of racing guards exactly one wins.
 */
final class BatchWriter {

    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());

    private final Path dir;
    private final boolean readOnly;
    private final QueueStore store;
    private final LogIndex index;
    private final DiskSpaceGuard diskGuard;
    private final CommitClock clock;
    private final GroupCommit groupCommit;
    private final HeadSignal headSignal;
    private final EventIdGenerator ids = new EventIdGenerator();
    private final RecordEncoder encoder = new RecordEncoder();
    private final ReentrantLock appendLock = new ReentrantLock();
    private volatile boolean closed;
    /** The excerpt of the last record an fsync covered (-1: none yet, the log's last at open), under the lock. */
    private long lastExcerpt;
    /** Set when a failed append left the queue and the index apart: further appends would corrupt the log. */
    private volatile String failed;
    /**
     * The last seq of the last batch given its {@code ts}: ahead of the head while that batch is written, indexed and
     * (with {@link Durability#FSYNC}) made durable. Its events' {@code ts} is already fixed then.
     */
    private volatile long stampedSeq;

    /** @param groupCommit the group commit of {@link Durability#FSYNC}, else {@code null} */
    BatchWriter(Path dir, boolean readOnly, QueueStore store, LogIndex index, DiskSpaceGuard diskGuard,
                CommitClock clock, GroupCommit groupCommit, HeadSignal headSignal) {
        this.dir = dir;
        this.readOnly = readOnly;
        this.store = store;
        this.index = index;
        this.diskGuard = diskGuard;
        this.clock = clock;
        this.groupCommit = groupCommit;
        this.headSignal = headSignal;
        // the log's last record at open (its day's file may be the one the first append rolls away from)
        this.lastExcerpt = groupCommit == null || index.lastAdded() == 0 ? -1
            : index.indexesOf(new long[] {index.lastAdded()})[0];
    }

    /** Checks every part's guard in order, as if the parts before it were applied, then writes all or nothing. */
    AppendResult append(PreparedAppend[] parts, Source source) {
        Objects.requireNonNull(source, "source");
        int n = 0;
        long bytes = 0;
        for (PreparedAppend p : parts) {
            n += p.events().size();
            bytes += p.bytes();
        }
        AppendedEvent[] out = new AppendedEvent[n];
        StreamState[] states = new StreamState[parts.length];
        long[] firstVersions = new long[parts.length];
        long lastSeq;
        while (true) {
            long pending;
            appendLock.lock();
            try {
                checkWritable();
                pending = checkGuards(parts, states, firstVersions);
                if (pending < 0) {
                    diskGuard.beforeWrite(bytes);
                    lastSeq = write(parts, states, firstVersions, source, out);
                    break;
                }
            } finally {
                appendLock.unlock();
            }
            // a stream of this append has an event not on disk yet: its guard is judged once that event is durable
            groupCommit.awaitDurable(pending);
        }
        if (groupCommit != null) {
            groupCommit.awaitDurable(lastSeq);
        }
        headSignal.signal(parts);
        return new AppendResult(List.of(out));
    }

    /**
     * Fills in the first version each part gets, and in {@code states} each part's stream as indexed now (null if
     * new); throws if a guard or an entity type does not fit. With {@link Durability#FSYNC}, a guard must not be
     * judged on an event that is written but not yet durable (it might never be acknowledged): then nothing is
     * checked, and the seq to wait for is returned.
     *
     * @return -1 when every guard was checked, else a seq that must become durable first
     */
    private long checkGuards(PreparedAppend[] parts, StreamState[] states, long[] firstVersions) {
        long durable = groupCommit == null ? Long.MAX_VALUE : groupCommit.durableSeq();
        // streams met earlier in this append count as if those parts were applied: an indexed stream by its
        // inBatch count, a new one in this map (made only when a multi-part append creates a stream)
        Map<String, Object[]> newStreams = null;
        try {
            for (int i = 0; i < parts.length; i++) {
                PreparedAppend p = parts[i];
                StreamState stream = index.stream(p.sid());
                states[i] = stream;
                long actual;
                String type;
                if (stream != null) {
                    if (stream.version > 0 && stream.seqOf(stream.version) > durable) {
                        return stream.seqOf(stream.version);
                    }
                    actual = stream.version + stream.inBatch;
                    type = stream.entityType;
                } else {
                    Object[] seen = newStreams == null ? null : newStreams.get(p.streamId());
                    actual = seen == null ? 0 : (Long) seen[0];
                    type = seen == null ? null : (String) seen[1];
                }
                if (!p.expected().admits(actual)) {
                    throw parts.length == 1 ? WrongExpectedVersionException.of(p.streamId(), p.expected(), actual)
                        : WrongExpectedVersionException.of(p.streamId(), p.expected(), actual, eventIndex(parts, i));
                }
                if (type != null && !type.equals(p.entityType())) {
                    int at = eventIndex(parts, i);
                    throw InvalidEventException.ofEvent("entityType", at, "stream '" + p.streamId()
                        + "' holds entity type '" + type + "', not '" + p.entityType() + "'"
                        + (parts.length == 1 ? "" : " (event #" + at + " of the append)"));
                }
                firstVersions[i] = actual + 1;
                if (parts.length > 1) {
                    if (stream != null) {
                        stream.inBatch += p.events().size();
                    } else {
                        if (newStreams == null) {
                            newStreams = new HashMap<>();
                        }
                        newStreams.put(p.streamId(), new Object[] {actual + p.events().size(), p.entityType()});
                    }
                }
            }
            return -1;
        } finally {
            if (parts.length > 1) {
                for (StreamState s : states) {
                    if (s != null) {
                        s.inBatch = 0;
                    }
                }
            }
        }
    }

    /** The position in the whole append of the first event of {@code parts[part]}, as errors name events. */
    private static int eventIndex(PreparedAppend[] parts, int part) {
        int index = 0;
        for (int k = 0; k < part; k++) {
            index += parts[k].events().size();
        }
        return index;
    }

    /**
     * Writes a batch under the append lock, then indexes it and publishes it (or, with {@link Durability#FSYNC},
     * hands it to the group commit, which publishes it once durable).
     *
     * <p>Design note: once a record has reached the queue, a failure must not leave the log half-changed. A failed
     * write whose committed records are known is cut back with a VOID record; a write whose outcome is unknown, a
     * failed cut-back, or a failure while indexing written records marks the log failed: it refuses appends until
     * reopened, when recovery rebuilds the index from what the queue holds.
     */
    private long write(PreparedAppend[] parts, StreamState[] states, long[] firstVersions, Source source,
                       AppendedEvent[] out) {
        int n = out.length;
        long firstSeq = index.lastAdded() + 1;
        // announced before the clock is read: a reader that missed it read it before this, so before the clock read
        // below, and a time it asks about the clock had passed then is before this batch's ts
        stampedSeq = firstSeq + n - 1;
        VarHandle.fullFence();
        long ts = clock.next();
        long[] excerpts = new long[n];
        int written = 0;
        try {
            for (int part = 0; part < parts.length; part++) {
                PreparedAppend p = parts[part];
                for (int j = 0; j < p.events().size(); j++) {
                    long seq = firstSeq + written;
                    long version = firstVersions[part] + j;
                    long msb = ids.nextMsb(ts);
                    long lsb = ids.lsb();
                    out[written] = new AppendedEvent(seq, version, new UUID(msb, lsb), ts);
                    int len = encoder.encodeEvent(seq, version, ts, msb, lsb, n - 1 - written, source, p.sid(),
                        p.type(), p.events().get(j), p.key());
                    // nothing between the commit and the count: the count says which excerpts to cut back. Not
                    // excerpts[written++] = store.append(…): Java counts the index before it calls the write, so a
                    // write that threw was counted, and the cut-back named excerpt 0 — a VOID record no open accepts
                    long excerpt = store.append(encoder.array(), len);
                    excerpts[written++] = excerpt;
                }
            }
        } catch (QueueStore.UncertainWriteException e) {
            stampedSeq = firstSeq - 1; // nothing of this batch will be visible
            fail("a record's write failed after it may have been committed (" + e.getCause() + ")");
            if (StorageFullException.isMappedWriteFault(e)) {
                throw StorageFullException.faulted(dir, "its outcome is unknown; the log refuses appends until "
                    + "reopened", e.getCause());
            }
            throw new StorageException("append failed and its outcome is unknown; the log refuses appends until "
                + "reopened: " + e.getCause(), e);
        } catch (Exception | Error e) {
            // Exception: Chronicle throws a checked FileNotFoundException it does not declare when the next cycle's
            // file cannot be made (a directory in its place); it went past this to the caller as it was, no cut-back
            stampedSeq = firstSeq - 1; // the next batch takes these seqs
            cutBack(excerpts, written, e);
            if (StorageFullException.isMappedWriteFault(e)) {
                throw StorageFullException.faulted(dir, failed != null ? failed : "nothing was written", e);
            }
            throw new StorageException("append failed, nothing was written: " + e, e);
        }
        long lastSeq = firstSeq + n - 1;
        try {
            synchronized (index) {
                int k = 0;
                for (int part = 0; part < parts.length; part++) {
                    PreparedAppend p = parts[part];
                    StreamState state = states[part]; // null for a new stream: add() finds or creates it
                    for (int j = 0; j < p.events().size(); j++, k++) {
                        state = index.add(state, p.streamId(), p.sid(), p.entityType(), firstSeq + k, ts,
                            excerpts[k]);
                    }
                }
                if (groupCommit == null) {
                    index.publish(lastSeq);
                }
            }
            if (groupCommit != null) {
                groupCommit.written(lastSeq, filesOf(excerpts));
            }
        } catch (RuntimeException | Error e) {
            stampedSeq = firstSeq - 1;
            fail("seqs " + firstSeq + ".." + lastSeq + " were written but could not be indexed (" + e + ")");
            if (StorageFullException.isMappedWriteFault(e)) {
                throw StorageFullException.faulted(dir, "the log refuses appends until reopened", e);
            }
            throw new StorageException("append of seqs " + firstSeq + ".." + lastSeq + " was written but not indexed; "
                + "the log refuses appends until reopened: " + e, e);
        }
        return lastSeq;
    }

    /**
     * The queue files holding {@code excerpts}, for the fsync: a batch may cross the daily roll. And the file of the
     * record before the batch where the batch begins a new one: Chronicle wrote that file's end-of-file marker
     * as it rolled, and a reader stops at a file without one — unforced, a power loss would leave the batch's records
     * on disk where no open reads them.
     */
    private List<File> filesOf(long[] excerpts) {
        List<File> files = new ArrayList<>(2);
        if (lastExcerpt >= 0 && !store.sameFile(lastExcerpt, excerpts[0])) {
            files.add(store.file(lastExcerpt));
        }
        lastExcerpt = excerpts[excerpts.length - 1];
        files.add(store.file(excerpts[0]));
        for (int i = 1; i < excerpts.length; i++) {
            if (!store.sameFile(excerpts[i - 1], excerpts[i])) {
                files.add(store.file(excerpts[i]));
            }
        }
        return files;
    }

    private void cutBack(long[] excerpts, int written, Throwable cause) {
        if (written == 0) {
            return;
        }
        try {
            int len = encoder.encodeVoid(excerpts[0], written + 1L);
            store.append(encoder.array(), len);
        } catch (RuntimeException | Error e) {
            cause.addSuppressed(e);
            fail("a failed append could not be cut back (" + e + ")");
        }
    }

    private void fail(String why) {
        failed = why + "; reopen the log to repair it";
        LOG.log(Level.ERROR, failed);
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("the event log is closed");
        }
        if (readOnly) {
            throw new StorageException("the log in " + dir + " is open read-only", null);
        }
        if (failed != null) {
            throw new StorageException(failed, null);
        }
        if (groupCommit != null && groupCommit.failure() != null) {
            throw new StorageException(groupCommit.failure(), null);
        }
    }

    /**
     * Refuses every later append; waits for the one under way, if any.
     *
     * @return false if it was closed already
     */
    boolean close() {
        appendLock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        } finally {
            appendLock.unlock();
        }
    }

    /** Whether {@link #close} was called. */
    boolean isClosed() {
        return closed;
    }

    /**
     * The last seq of the last batch whose events have (or are about to get) their {@code ts}, visible or not yet; a
     * failed batch's seqs go back; on a failed log (which refuses appends until reopened) the head.
     */
    long stampedSeq() {
        return failed() ? index.head() : stampedSeq;
    }

    /** Whether an append failed in a way that left the queue and the index apart (or a flush failed). */
    boolean failed() {
        return failed != null || (groupCommit != null && groupCommit.failure() != null);
    }
}

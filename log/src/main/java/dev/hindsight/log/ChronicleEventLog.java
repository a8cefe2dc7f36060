package dev.hindsight.log;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The {@link EventLog} on Chronicle Queue: one excerpt per event (layout in {@link RecordDescriptor}), indexes in
 * memory ({@link LogIndex}), read on open from the index checkpoint and the records after it, or rebuilt by a full
 * scan ({@link LogRecovery}); the checkpoint is written on close ({@link IndexCheckpointWriter}).
 *
 * <p>Appends take one lock for the guard check and the writes, so a batch is contiguous and racing guards have one
 * winner; validation and encoding of strings happen before the lock. A batch becomes visible to readers only when
 * its last record is written ({@link LogIndex#publish}), and with {@link Durability#FSYNC} only once it is on disk
 * ({@link GroupCommit}).
 */
final class ChronicleEventLog implements EventLog {

    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());
    static final String QUEUE_DIR = "queue";

    private final LogConfig config;
    private final Path dir;
    private final boolean temporary;
    private final DataDirectoryLock dirLock;
    private final QueueStore store;
    private final LogIndex index = new LogIndex();
    private final EventValidator validator;
    private final DiskSpaceGuard diskGuard;
    private final CommitClock clock;
    private final EventIdGenerator ids = new EventIdGenerator();
    private final RecordEncoder encoder = new RecordEncoder();
    private final GroupCommit groupCommit;
    private final HeadSignal headSignal = new HeadSignal(index::head);
    private final ReentrantLock appendLock = new ReentrantLock();
    private final RecoveryReport recovery;
    private volatile boolean closed;
    /** Set when a failed append left the queue and the index apart: further appends would corrupt the log. */
    private volatile String failed;

    private ChronicleEventLog(LogConfig config, Path dir, boolean temporary, DataDirectoryLock dirLock,
                              QueueStore store) {
        this.config = config;
        this.dir = dir;
        this.temporary = temporary;
        this.dirLock = dirLock;
        this.store = store;
        this.validator = new EventValidator(config.maxEventBytes());
        long floor = temporary
            ? MemoryLogs.floor(dir, config.minFreeDiskBytes(), config.diskCheckIntervalBytes())
            : config.minFreeDiskBytes();
        this.diskGuard = new DiskSpaceGuard(dir, floor, config.diskCheckIntervalBytes());
        long start = System.nanoTime();
        LogRecovery scan = LogRecovery.recover(dir, store, index, !temporary);
        int torn = 0;
        String detail = null;
        if (scan.tornTailStart() >= 0) {
            detail = scan.tornTailDetail();
            if (!config.repairTornTail() || config.readOnly()) {
                throw LogCorruptedException.of(store.fileOf(scan.tornTailStart()), scan.tornTailStart(),
                    "torn tail: " + detail);
            }
            torn = (int) scan.tornTailExcerpts();
            int len = encoder.encodeVoid(scan.tornTailStart(), scan.tornTailExcerpts());
            store.append(encoder.array(), len);
            LOG.log(Level.WARNING, "cut back a torn tail of " + torn + " unacknowledged record(s): " + detail);
        }
        this.clock = new CommitClock(config.wallClockMillis(), Math.max(index.lastTs(), 0));
        this.groupCommit = config.durability() == Durability.FSYNC ? new GroupCommit(index.head(), index::publish) : null;
        this.recovery = new RecoveryReport(index.head(), torn, detail, (System.nanoTime() - start) / 1_000_000,
            scan.checkpointSeq(), scan.checkpointProblem());
    }

    static EventLog open(LogConfig config) {
        Objects.requireNonNull(config, "config");
        boolean temporary = config.dataDir() == null;
        Path dir;
        try {
            if (temporary) {
                dir = MemoryLogs.create(config.tempRoot());
            } else {
                dir = config.dataDir();
                if (config.readOnly()) {
                    if (!Files.isDirectory(dir.resolve(QUEUE_DIR))) {
                        throw new StorageException("there is no log in " + dir + " to read", null);
                    }
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot create data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        DataDirectoryLock lock;
        try {
            lock = config.readOnly() ? DataDirectoryLock.acquireForReading(dir) : DataDirectoryLock.acquire(dir);
        } catch (RuntimeException e) {
            if (temporary) {
                MemoryLogs.delete(dir);
            }
            throw e;
        }
        QueueStore store = null;
        try {
            store = new QueueStore(dir.resolve(QUEUE_DIR), config.blockSizeBytes(), config.wallClockMillis(),
                config.readOnly());
            return new ChronicleEventLog(config, dir, temporary, lock, store);
        } catch (RuntimeException | Error e) {
            if (store != null) {
                store.close();
            }
            lock.close();
            if (temporary) {
                MemoryLogs.delete(dir);
            }
            throw e;
        }
    }

    @Override
    public AppendResult append(String streamId, String entityType, List<NewEvent> events, ExpectedVersion expected,
                               Source source) {
        Objects.requireNonNull(expected, "expected");
        return appendPrepared(new PreparedAppend[] {prepare(streamId, entityType, events, expected, 0)}, source);
    }

    @Override
    public AppendResult appendAll(List<AppendRequest> requests, Source source) {
        return appendAll(prepare(requests), source);
    }

    @Override
    public PreparedBatch prepare(List<AppendRequest> requests) {
        if (requests == null || requests.isEmpty()) {
            throw InvalidEventException.of("events", "an append needs at least one event");
        }
        PreparedAppend[] parts = new PreparedAppend[requests.size()];
        int events = 0;
        for (int i = 0; i < parts.length; i++) {
            AppendRequest r = requests.get(i);
            parts[i] = prepare(r.streamId(), r.entityType(), r.events(), r.expected(), events);
            events += parts[i].events().size();
        }
        return new PreparedBatch(this, parts, events);
    }

    @Override
    public AppendResult appendAll(PreparedBatch batch, Source source) {
        Objects.requireNonNull(batch, "batch");
        if (batch.owner != this) {
            throw new IllegalArgumentException("the batch was prepared by another log");
        }
        return appendPrepared(batch.parts, source);
    }

    private PreparedAppend prepare(String streamId, String entityType, List<NewEvent> events,
                                   ExpectedVersion expected, int firstIndex) {
        byte[] sid = EventValidator.checkId("streamId", streamId);
        byte[] type = EventValidator.checkId("entityType", entityType);
        return new PreparedAppend(streamId, sid, entityType, type, validator.prepare(sid, type, events, firstIndex),
            expected);
    }

    /** Checks every part's guard in order, as if the parts before it were applied, then writes all or nothing. */
    private AppendResult appendPrepared(PreparedAppend[] parts, Source source) {
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
        headSignal.signal();
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
                    throw WrongExpectedVersionException.of(p.streamId(), p.expected(), actual);
                }
                if (type != null && !type.equals(p.entityType())) {
                    throw InvalidEventException.of("entityType", "stream '" + p.streamId() + "' holds entity type '"
                        + type + "', not '" + p.entityType() + "'");
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
        long ts = clock.next();
        long firstSeq = index.lastAdded() + 1;
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
                        p.type(), p.events().get(j));
                    // nothing between the commit and the count: the count says which excerpts to cut back
                    excerpts[written++] = store.append(encoder.array(), len);
                }
            }
        } catch (QueueStore.UncertainWriteException e) {
            fail("a record's write failed after it may have been committed (" + e.getCause() + ")");
            throw new StorageException("append failed and its outcome is unknown; the log refuses appends until "
                + "reopened: " + e.getCause(), e);
        } catch (RuntimeException | Error e) {
            cutBack(excerpts, written, e);
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
            fail("seqs " + firstSeq + ".." + lastSeq + " were written but could not be indexed (" + e + ")");
            throw new StorageException("append of seqs " + firstSeq + ".." + lastSeq + " was written but not indexed; "
                + "the log refuses appends until reopened: " + e, e);
        }
        return lastSeq;
    }

    /** The queue files holding {@code excerpts}, for the fsync: a batch may cross the daily roll. */
    private List<java.io.File> filesOf(long[] excerpts) {
        List<java.io.File> files = new ArrayList<>(1);
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
        if (config.readOnly()) {
            throw new StorageException("the log in " + dir + " is open read-only", null);
        }
        if (failed != null) {
            throw new StorageException(failed, null);
        }
        if (groupCommit != null && groupCommit.failure() != null) {
            throw new StorageException(groupCommit.failure(), null);
        }
    }

    @Override
    public List<RecordedEvent> readStream(String streamId, long fromVersion, Direction direction, int limit) {
        List<RecordedEvent> out = new ArrayList<>();
        visitStream(streamId, fromVersion, direction, limit, event -> out.add(event.toEvent()));
        return out;
    }

    @Override
    public int visitStream(String streamId, long fromVersion, Direction direction, int limit, EventVisitor visitor) {
        Objects.requireNonNull(direction, "direction");
        long[] seqs = index.streamSeqs(streamId, fromVersion, direction, limit);
        if (seqs.length == 0) {
            return 0;
        }
        long[] excerpts = index.indexesOf(seqs);
        RecordDecoder decoder = new RecordDecoder();
        int[] i = {0};
        // one reader for the whole stream, one excerpt at a time: a stream's events lie apart in the log
        store.readEach(excerpts, (idx, bytes, len) -> {
            check(decoder, seqs[i[0]++], idx, bytes, len);
            return visitor.visit(decoder);
        });
        return i[0];
    }

    @Override
    public List<RecordedEvent> readAll(long fromSeq, int limit, String name) {
        List<RecordedEvent> out = new ArrayList<>(Math.min(Math.max(limit, 0), 1024));
        if (limit <= 0) {
            return out;
        }
        byte[] nameBytes = name == null ? null : name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RecordDecoder decoder = new RecordDecoder();
        visit(fromSeq, index.head(), decoder, () -> {
            if (nameBytes == null || decoder.nameEquals(nameBytes)) {
                out.add(decoder.toEvent());
            }
            return out.size() < limit;
        });
        return out;
    }

    @Override
    public void scan(long fromSeq, long toSeq, Consumer<RecordedEvent> sink) {
        RecordDecoder decoder = new RecordDecoder();
        visit(fromSeq, Math.min(toSeq, index.head()), decoder, () -> {
            sink.accept(decoder.toEvent());
            return true;
        });
    }

    @Override
    public void visit(long fromSeq, long toSeq, EventVisitor visitor) {
        RecordDecoder decoder = new RecordDecoder();
        visit(fromSeq, Math.min(toSeq, index.head()), decoder, () -> visitor.visit(decoder));
    }

    /** Reads seqs {@code [from, to]} sequentially, segment by segment, handing each checked record to {@code next}. */
    private void visit(long from, long to, RecordDecoder decoder, java.util.function.BooleanSupplier next) {
        long seq = Math.max(from, 1);
        boolean[] more = {true};
        while (seq <= to && more[0]) {
            long excerpt = index.indexOf(seq);
            long run = Math.min(index.runFrom(seq), to - seq + 1);
            long[] expected = {seq};
            long visited = store.read(excerpt, run, (idx, bytes, len) -> {
                check(decoder, expected[0]++, idx, bytes, len);
                more[0] = next.getAsBoolean();
                return more[0];
            });
            if (visited == 0) {
                throw new StorageException("seq " + seq + " is indexed but its record cannot be read", null);
            }
            seq += visited;
        }
    }

    /** Wraps and checks the record of {@code seq}; the decoder then reads its fields. */
    private void check(RecordDecoder decoder, long seq, long excerpt, byte[] bytes, int len) {
        String problem = decoder.wrap(bytes, len);
        if (problem == null && (decoder.type() != RecordDescriptor.TYPE_EVENT || decoder.seq() != seq)) {
            problem = "record of type " + decoder.type() + " and seq " + decoder.seq() + " where the event of seq "
                + seq + " was expected";
        }
        if (problem != null) {
            throw LogCorruptedException.of(store.fileOf(excerpt), excerpt, problem);
        }
    }

    @Override
    public Optional<StreamInfo> streamInfo(String streamId) {
        return Optional.ofNullable(index.info(streamId));
    }

    @Override
    public List<StreamInfo> streams() {
        return index.streams();
    }

    @Override
    public List<StreamInfo> streams(long atSeq) {
        return index.streamsAt(atSeq);
    }

    @Override
    public long headSeq() {
        return index.head();
    }

    /** The last seq on disk with {@link Durability#FSYNC}; else the head (the OS holds what is written). */
    long durableSeq() {
        return groupCommit == null ? index.head() : groupCommit.durableSeq();
    }

    @Override
    public long seqAtOrBefore(long tsMillis) {
        return index.seqAtOrBefore(tsMillis);
    }

    @Override
    public Subscription subscribe(long fromSeq, Consumer<RecordedEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        TailingSubscription s = new TailingSubscription(this, fromSeq, listener);
        s.start();
        return s;
    }

    @Override
    public boolean awaitSeq(long seq, long timeoutMillis) throws InterruptedException {
        return headSignal.await(seq, timeoutMillis);
    }

    @Override
    public RecoveryReport recovery() {
        return recovery;
    }

    @Override
    public LogConfig config() {
        return config;
    }

    @Override
    public void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            appendLock.unlock();
        }
        headSignal.wakeAll();
        try {
            if (groupCommit != null) {
                groupCommit.close();
            }
            if (!temporary && !config.readOnly() && failed == null
                && (groupCommit == null || groupCommit.failure() == null)) {
                IndexCheckpointWriter.writeQuietly(dir, store, index);
            }
            store.close();
        } finally {
            dirLock.close();
            if (temporary) {
                MemoryLogs.delete(dir);
            }
        }
    }
}

package dev.hindsight.log;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The {@link EventLog} on Chronicle Queue: one excerpt per event (layout in {@link RecordDescriptor}), indexes in
 * memory ({@link LogIndex}), read on open from the index checkpoint and the records after it, or rebuilt by a full
 * scan ({@link LogRecovery}); the checkpoint is written on close ({@link IndexCheckpointWriter}).
 *
 * <p>Appends are written by its {@link BatchWriter}, one at a time under the append lock, so a batch is contiguous
 * and racing guards have one winner; validation and encoding of strings happen before, on the caller's thread. A
 * batch becomes visible to readers only when its last record is written ({@link LogIndex#publish}), and with
 * {@link Durability#FSYNC} only once it is on disk ({@link GroupCommit}).
 */
final class ChronicleEventLog implements EventLog {

    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());
    /**
     * The longest {@link #seqAtOrBefore} waits for a batch in flight: one append's write (and fsync), unless it failed
     * and no append came after it to take its seqs.
     */
    private static final long IN_FLIGHT_WAIT_MS = 5_000;
    static final String QUEUE_DIR = "queue";

    private final LogConfig config;
    private final Path dir;
    private final boolean temporary;
    private final DataDirectoryLock dirLock;
    private final QueueStore store;
    private final LogIndex index = new LogIndex();
    private final EventValidator validator;
    private final GroupCommit groupCommit;
    private final HeadSignal headSignal = new HeadSignal(index::head);
    private final BatchWriter writer;
    private final RecoveryReport recovery;

    private ChronicleEventLog(LogConfig config, Path dir, boolean temporary, DataDirectoryLock dirLock,
                              QueueStore store, String movedAside) {
        this.config = config;
        this.dir = dir;
        this.temporary = temporary;
        this.dirLock = dirLock;
        this.store = store;
        this.validator = new EventValidator(config.maxEventBytes());
        long floor = temporary
            ? MemoryLogs.floor(dir, config.minFreeDiskBytes(), config.diskCheckIntervalBytes())
            : config.minFreeDiskBytes();
        DiskSpaceGuard diskGuard = new DiskSpaceGuard(dir, floor, config.diskCheckIntervalBytes());
        long start = System.nanoTime();
        LogRecovery scan = LogRecovery.recover(dir, store, index, !temporary);
        int torn = 0;
        String detail = movedAside; // a newest queue file without a header: a torn tail of no records
        if (movedAside != null) {
            LOG.log(Level.WARNING, "cut back a torn tail: " + movedAside);
        }
        if (scan.tornTailStart() >= 0) {
            detail = detail == null ? scan.tornTailDetail() : detail + "; " + scan.tornTailDetail();
            if (!config.repairTornTail() || config.readOnly()) {
                // what a crash leaves (kill -9, out of memory): an operator checking a backup read only "corrupted"
                throw LogCorruptedException.of(store.fileOf(scan.tornTailStart()), scan.tornTailStart(),
                    "torn tail: " + detail + " (left by a crash, never acknowledged: an open that repairs, by serve, "
                    + "append, import or export, cuts it back and loses nothing acknowledged)");
            }
            torn = (int) scan.tornTailExcerpts();
            RecordEncoder encoder = new RecordEncoder();
            int len = encoder.encodeVoid(scan.tornTailStart(), scan.tornTailExcerpts());
            store.append(encoder.array(), len);
            LOG.log(Level.WARNING, "cut back a torn tail of " + torn + " unacknowledged record(s): " + detail);
        }
        CommitClock clock = new CommitClock(config.wallClockMillis(), Math.max(index.lastTs(), 0));
        this.groupCommit = config.durability() == Durability.FSYNC
            ? new GroupCommit(index.head(), index::publish)
            : null;
        this.writer = new BatchWriter(dir, config.readOnly(), store, index, diskGuard, clock, groupCommit, headSignal);
        this.recovery = new RecoveryReport(index.head(), torn, detail, (System.nanoTime() - start) / 1_000_000,
            scan.checkpointSeq(), scan.checkpointProblem());
    }

    /** {@link EventLog#existsIn}: the queue's directory is made when a log is first opened. */
    static boolean existsIn(Path dir) {
        return Files.isDirectory(dir.resolve(QUEUE_DIR));
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
                    if (!existsIn(dir)) {
                        throw new StorageException("there is no log in " + dir + " to read", null);
                    }
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot create data directory " + config.dataDir() + ": "
                + FileFailure.reason(e), e);
        }
        DataDirectoryLock lock = null;
        QueueStore store = null;
        try {
            lock = config.readOnly() ? DataDirectoryLock.acquireForReading(dir) : DataDirectoryLock.acquire(dir);
            Path queueDir = dir.resolve(QUEUE_DIR);
            if (Files.exists(queueDir) && !Files.isDirectory(queueDir)) { // Chronicle: "Invalid file type: queue"
                throw new StorageException(queueDir + " is not a directory: the log's queue files go there; move it "
                    + "out of " + dir, null);
            }
            String movedAside = QueueFileHeaders.check(queueDir, config.repairTornTail() && !config.readOnly());
            store = openQueue(queueDir, config);
            return new ChronicleEventLog(config, dir, temporary, lock, store, movedAside);
        } catch (RuntimeException | Error e) {
            if (store != null) {
                store.close();
            }
            if (lock != null) {
                lock.close();
            }
            if (temporary) {
                MemoryLogs.delete(dir);
            }
            throw e;
        }
    }

    /**
     * The queue in {@code queueDir}. Chronicle's parser meeting a damaged header (of a queue file past the bytes
     * {@link QueueFileHeaders} checks, or of metadata.cq4t) fails with what it hit, a bare
     * {@code IllegalArgumentException} or {@code BufferUnderflowException} naming no file: said here with the queue
     * and what to do.
     */
    private static QueueStore openQueue(Path queueDir, LogConfig config) {
        try {
            return new QueueStore(queueDir, config.blockSizeBytes(), config.wallClockMillis(), config.readOnly());
        } catch (EventLogException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StorageException("Chronicle Queue could not read the queue in " + queueDir + " (" + e + "): a "
                + "damaged queue file header or metadata.cq4t fails so; restore it from a backup", e);
        }
    }

    @Override
    public AppendResult append(String streamId, String entityType, List<NewEvent> events, ExpectedVersion expected,
                               Source source) {
        Objects.requireNonNull(expected, "expected");
        return writer.append(new PreparedAppend[] {prepare(streamId, entityType, events, expected, 0, null)}, source);
    }

    @Override
    public AppendResult appendAll(List<AppendRequest> requests, Source source) {
        return appendAll(prepare(requests), source);
    }

    @Override
    public AppendResult appendAll(List<AppendRequest> requests, Source source, String idempotencyKey) {
        return appendAll(prepare(requests, idempotencyKey), source);
    }

    @Override
    public PreparedBatch prepare(List<AppendRequest> requests) {
        return prepare(requests, null);
    }

    private PreparedBatch prepare(List<AppendRequest> requests, String idempotencyKey) {
        if (requests == null || requests.isEmpty()) {
            throw InvalidEventException.of("events", "an append needs at least one event");
        }
        byte[] key = idempotencyKey == null ? null : EventValidator.checkIdempotencyKey(idempotencyKey);
        PreparedAppend[] parts = new PreparedAppend[requests.size()];
        int events = 0;
        for (int i = 0; i < parts.length; i++) {
            AppendRequest r = requests.get(i);
            parts[i] = prepare(r.streamId(), r.entityType(), r.events(), r.expected(), events, key);
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
        return writer.append(batch.parts, source);
    }

    private PreparedAppend prepare(String streamId, String entityType, List<NewEvent> events,
                                   ExpectedVersion expected, int firstIndex, byte[] key) {
        byte[] sid = EventValidator.checkId("streamId", streamId);
        byte[] type = EventValidator.checkId("entityType", entityType, firstIndex); // these events', the first named
        return new PreparedAppend(streamId, sid, entityType, type, validator.prepare(sid, type, events, firstIndex),
            expected, key);
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
    public int visitStreamWithin(String streamId, long loSeq, long hiSeq, Direction direction, EventVisitor visitor) {
        Objects.requireNonNull(direction, "direction");
        long[] versions = index.streamVersionsWithin(streamId, loSeq, hiSeq);
        long count = versions[1] - versions[0] + 1;
        if (count <= 0) {
            return 0;
        }
        return visitStream(streamId, direction == Direction.FORWARD ? versions[0] : versions[1], direction,
            (int) Math.min(count, Integer.MAX_VALUE), visitor);
    }

    @Override
    public List<RecordedEvent> readAll(long fromSeq, int limit, String name) {
        List<RecordedEvent> out = new ArrayList<>(Math.min(Math.max(limit, 0), 1024));
        if (limit <= 0) {
            return out;
        }
        byte[] nameBytes = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
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
    private void visit(long from, long to, RecordDecoder decoder, BooleanSupplier next) {
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
        // A batch has its ts before it is written and made visible: one stamped at or before tsMillis and visible
        // a moment later belonged to the answer, and the same AS OF gave more rows when asked again
        // (SeqAtTimeRaceTest). Batches become visible in seq order and ts never decreases, so only a time at or after
        // the last visible event's can have one in flight.
        long stamped = writer.stampedSeq();
        if (stamped > index.head() && index.headAtOrBefore(tsMillis)) {
            try {
                headSignal.await(stamped, IN_FLIGHT_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // answered with what is visible, as a closing log would be
            }
        }
        return index.seqAtOrBefore(tsMillis);
    }

    @Override
    public Subscription subscribe(long fromSeq, Consumer<RecordedEvent> listener, Consumer<Throwable> onFailure) {
        TailingSubscription.Feed all = new TailingSubscription.Feed() {
            @Override
            public List<RecordedEvent> after(long position, int limit) {
                SubscriptionBatch batch = new SubscriptionBatch(limit);
                visit(position + 1, index.head(), batch);
                return batch.events();
            }

            @Override
            public void await(long position, long timeoutMillis) throws InterruptedException {
                headSignal.await(position + 1, timeoutMillis);
            }
        };
        return tail(all, fromSeq, listener, onFailure);
    }

    @Override
    public Subscription subscribeStream(String streamId, long fromSeq, Consumer<RecordedEvent> listener,
                                        Consumer<Throwable> onFailure) {
        Objects.requireNonNull(streamId, "streamId");
        TailingSubscription.Feed stream = new TailingSubscription.Feed() {
            @Override
            public List<RecordedEvent> after(long position, int limit) {
                long[] versions = index.streamVersionsWithin(streamId, position + 1, index.head());
                long count = versions[1] - versions[0] + 1;
                if (count <= 0) {
                    return List.of();
                }
                SubscriptionBatch batch = new SubscriptionBatch(limit);
                visitStream(streamId, versions[0], Direction.FORWARD, (int) Math.min(count, limit), batch);
                return batch.events();
            }

            @Override
            public void await(long position, long timeoutMillis) throws InterruptedException {
                headSignal.awaitStream(streamId, () -> index.lastVisibleSeq(streamId), position, timeoutMillis);
            }
        };
        return tail(stream, fromSeq, listener, onFailure);
    }

    private Subscription tail(TailingSubscription.Feed feed, long fromSeq, Consumer<RecordedEvent> listener,
                              Consumer<Throwable> onFailure) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(onFailure, "onFailure");
        TailingSubscription s = new TailingSubscription(feed, writer::isClosed, fromSeq, listener, onFailure);
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
        if (!writer.close()) {
            return;
        }
        headSignal.wakeAll();
        try {
            if (groupCommit != null) {
                groupCommit.close();
            }
            if (!temporary && !config.readOnly() && !writer.failed()) {
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

package dev.hindsight.log;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The {@link EventLog} on Chronicle Queue: one excerpt per event (layout in {@link RecordDescriptor}), indexes in
 * memory ({@link LogIndex}), rebuilt on open ({@link LogRecovery}).
 *
 * <p>Appends take one lock for the guard check and the writes, so a batch is contiguous and racing guards have one
 * winner; validation and encoding of strings happen before the lock. A batch becomes visible to readers only when
 * its last record is written ({@link LogIndex#publish}).
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
    /** Set when a failed write could not be cut back: further appends would corrupt the log. */
    private volatile String failed;

    private ChronicleEventLog(LogConfig config, Path dir, boolean temporary, DataDirectoryLock dirLock,
                              QueueStore store) {
        this.config = config;
        this.dir = dir;
        this.temporary = temporary;
        this.dirLock = dirLock;
        this.store = store;
        this.validator = new EventValidator(config.maxEventBytes());
        this.diskGuard = new DiskSpaceGuard(dir, config.minFreeDiskBytes(), config.diskCheckIntervalBytes());
        long start = System.nanoTime();
        LogRecovery scan = LogRecovery.scan(store, index);
        int torn = 0;
        String detail = null;
        if (scan.tornTailStart() >= 0) {
            detail = scan.tornTailDetail();
            if (!config.repairTornTail()) {
                throw LogCorruptedException.of(store.fileOf(scan.tornTailStart()), scan.tornTailStart(),
                    "torn tail: " + detail);
            }
            torn = (int) scan.tornTailExcerpts();
            int len = encoder.encodeVoid(scan.tornTailStart(), scan.tornTailExcerpts());
            store.append(encoder.array(), len);
            LOG.log(Level.WARNING, "cut back a torn tail of " + torn + " unacknowledged record(s): " + detail);
        }
        this.clock = new CommitClock(config.wallClockMillis(), Math.max(index.lastTs(), 0));
        this.groupCommit = config.durability() == Durability.FSYNC ? new GroupCommit(index.head()) : null;
        this.recovery = new RecoveryReport(index.head(), torn, detail, (System.nanoTime() - start) / 1_000_000);
    }

    static EventLog open(LogConfig config) {
        Objects.requireNonNull(config, "config");
        boolean temporary = config.dataDir() == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory(tempRoot(), "hindsight-mem-") : config.dataDir();
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        DataDirectoryLock lock = DataDirectoryLock.acquire(dir);
        QueueStore store = null;
        try {
            store = new QueueStore(dir.resolve(QUEUE_DIR), config.blockSizeBytes());
            return new ChronicleEventLog(config, dir, temporary, lock, store);
        } catch (RuntimeException | Error e) {
            if (store != null) {
                store.close();
            }
            lock.close();
            if (temporary) {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    /** RAM-backed when the machine has it, so in-memory logs cost no disk I/O. */
    private static Path tempRoot() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    @Override
    public AppendResult append(String streamId, String entityType, List<NewEvent> events, ExpectedVersion expected,
                               Source source) {
        Objects.requireNonNull(expected, "expected");
        return appendPrepared(new PreparedAppend[] {prepare(streamId, entityType, events, expected)}, source);
    }

    @Override
    public AppendResult appendAll(List<AppendRequest> requests, Source source) {
        if (requests == null || requests.isEmpty()) {
            throw InvalidEventException.of("events", "an append needs at least one event");
        }
        PreparedAppend[] parts = new PreparedAppend[requests.size()];
        for (int i = 0; i < parts.length; i++) {
            AppendRequest r = requests.get(i);
            parts[i] = prepare(r.streamId(), r.entityType(), r.events(), r.expected());
        }
        return appendPrepared(parts, source);
    }

    private PreparedAppend prepare(String streamId, String entityType, List<NewEvent> events,
                                   ExpectedVersion expected) {
        byte[] sid = EventValidator.checkId("streamId", streamId);
        byte[] type = EventValidator.checkId("entityType", entityType);
        return new PreparedAppend(streamId, sid, entityType, type, validator.prepare(sid, type, events), expected);
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
        long lastSeq;
        appendLock.lock();
        try {
            checkWritable();
            StreamState[] states = new StreamState[parts.length];
            long[] firstVersions = checkGuards(parts, states);
            diskGuard.beforeWrite(bytes);
            lastSeq = write(parts, states, firstVersions, source, out);
        } finally {
            appendLock.unlock();
        }
        if (groupCommit != null) {
            groupCommit.awaitDurable(lastSeq);
        }
        headSignal.signal();
        return new AppendResult(List.of(out));
    }

    /**
     * The first version each part gets, and in {@code states} each part's stream as indexed now (null if new); throws
     * if a guard or an entity type does not fit.
     */
    private long[] checkGuards(PreparedAppend[] parts, StreamState[] states) {
        long[] firstVersions = new long[parts.length];
        // streams met earlier in this append: their version and type as if those parts were applied
        java.util.Map<String, Object[]> overlay = parts.length == 1 ? null : new java.util.HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            PreparedAppend p = parts[i];
            Object[] seen = overlay == null ? null : overlay.get(p.streamId());
            long actual;
            String type;
            if (seen != null) {
                actual = (Long) seen[0];
                type = (String) seen[1];
            } else {
                StreamState stream = index.stream(p.sid());
                states[i] = stream;
                actual = stream == null ? 0 : stream.version;
                type = stream == null ? null : stream.entityType;
            }
            if (!p.expected().admits(actual)) {
                throw WrongExpectedVersionException.of(p.streamId(), p.expected(), actual);
            }
            if (type != null && !type.equals(p.entityType())) {
                throw InvalidEventException.of("entityType", "stream '" + p.streamId() + "' holds entity type '"
                    + type + "', not '" + p.entityType() + "'");
            }
            firstVersions[i] = actual + 1;
            if (overlay != null) {
                overlay.put(p.streamId(), new Object[] {actual + p.events().size(), p.entityType()});
            }
        }
        return firstVersions;
    }

    /** Writes a batch under the append lock, then publishes it; a failed write is cut back before rethrowing. */
    private long write(PreparedAppend[] parts, StreamState[] states, long[] firstVersions, Source source,
                       AppendedEvent[] out) {
        int n = out.length;
        long ts = clock.next();
        long firstSeq = index.head() + 1;
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
                    int len = encoder.encodeEvent(seq, version, ts, msb, lsb, n - 1 - written, source, p.sid(),
                        p.type(), p.events().get(j));
                    excerpts[written] = store.append(encoder.array(), len);
                    out[written] = new AppendedEvent(seq, version, new UUID(msb, lsb), ts);
                    written++;
                }
            }
        } catch (RuntimeException | Error e) {
            cutBack(excerpts, written, e);
            throw new StorageException("append failed, nothing was written: " + e, e);
        }
        long lastSeq = firstSeq + n - 1;
        synchronized (index) {
            int k = 0;
            for (int part = 0; part < parts.length; part++) {
                PreparedAppend p = parts[part];
                StreamState state = states[part]; // null for a new stream: add() finds or creates it
                for (int j = 0; j < p.events().size(); j++, k++) {
                    state = index.add(state, p.streamId(), p.sid(), p.entityType(), firstSeq + k, ts, excerpts[k]);
                }
            }
            index.publish(lastSeq);
        }
        if (groupCommit != null) {
            groupCommit.written(lastSeq, store.currentFile());
        }
        return lastSeq;
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
            failed = "a failed append could not be cut back (" + e + "); reopen the log to repair it";
        }
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("the event log is closed");
        }
        if (failed != null) {
            throw new StorageException(failed, null);
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
            store.close();
        } finally {
            dirLock.close();
            if (temporary) {
                deleteRecursively(dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete temporary log directory " + dir + ": " + e.getMessage());
        }
    }
}

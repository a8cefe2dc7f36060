package dev.hindsight.benchmarks;

import dev.hindsight.log.AppendResult;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.NewEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-writer append throughput (ops/s) of the event log, against the floor of Chronicle Queue itself.
 *
 * <ul>
 *   <li>{@code guardedAppend}: {@link EventLog#append} of one event with an exact version guard (the version the
 *       benchmark tracks for each stream), round-robin over 10,000 streams {@code order-0} ... {@code order-9999}
 *       that already hold an event, with ~100-byte JSON payloads (~205-byte records), into a log on disk with the
 *       default configuration (PROCESS durability: no fsync). Includes validation (JSON parse), the guard check,
 *       encoding with CRC-32C, the Chronicle write, the index update and the result objects.</li>
 *   <li>{@code rawChronicleAppend}: the same encoded records (taken from a real log in setup) written straight into a
 *       Chronicle queue with {@code writingDocument()} + {@code bytes().write(..)}, with the same roll cycle and
 *       block size as the log: what the log's own work costs on top is the difference.</li>
 * </ul>
 *
 * <p>Each iteration writes into a fresh log or queue that is deleted after it, so the data on disk never exceeds
 * one iteration's worth: 2 s of guarded appends (~100-200 MB) or 0.5 s of raw ones (~200-400 MB), and no
 * iteration writes into a bigger file than another. Logs go under {@code $HINDSIGHT_BENCH_DIR} if set, else
 * {@code java.io.tmpdir}: point it at the disk to measure (not a tmpfs, unless that is the point).
 *
 * <p>Run (well under a minute for both: 3 &times; 2 s warmup and 5 &times; 2 s measurement for the log,
 * 10 &times; 0.5 s warmup and 10 &times; 0.5 s measurement for the raw queue):
 * <pre>
 * mvn -B package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar LogAppendBenchmark
 * java -jar benchmarks/target/benchmarks.jar LogAppendBenchmark -prof gc    # allocation per append
 * </pre>
 * Single-threaded by design ({@code -t 1}, the default): the per-stream versions it tracks are not shared.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class LogAppendBenchmark extends ChronicleForkedBenchmark {
    // not final, nor are the states: JMH subclasses benchmark and @State classes

    static final int STREAMS = 10_000;
    /** Distinct payloads; not a divisor of STREAMS, so a stream does not get the same payload every round. */
    static final int PAYLOADS = 1_024;

    /** A fresh log per iteration, whose 10,000 streams each hold one event, and the versions the writer knows. */
    @State(Scope.Benchmark)
    public static class LogState {
        final String[] streamIds = BenchSupport.streamIds(STREAMS);
        final List<List<NewEvent>> batches = BenchSupport.singleEventBatches(BenchSupport.payloads(PAYLOADS));
        final long[] versions = new long[STREAMS];
        int nextStream;
        int nextPayload;
        Path dir;
        EventLog log;

        @Setup(Level.Trial)
        public void checkFork() {
            BenchSupport.requireChronicleFlags();
        }

        @Setup(Level.Iteration)
        public void openFreshLog() {
            dir = BenchSupport.newTempDir("hindsight-append-");
            log = BenchSupport.openLog(dir);
            Arrays.fill(versions, 0);
            nextStream = 0;
            nextPayload = 0;
            // create every stream first (with the noStream() guard), so that all measured appends hit an existing
            // stream with an exact guard: the steady state of a store, not its first minutes
            for (int i = 0; i < STREAMS; i++) {
                append(this);
            }
        }

        @TearDown(Level.Iteration)
        public void deleteLog() {
            if (log != null) {
                log.close();
                log = null;
            }
            BenchSupport.deleteRecursively(dir);
        }
    }

    /** A fresh Chronicle queue per iteration, and the encoded records of a real log to write into it. */
    @State(Scope.Benchmark)
    public static class QueueState {
        byte[][] records;
        int next;
        Path dir;
        SingleChronicleQueue queue;
        ExcerptAppender appender;

        @Setup(Level.Trial)
        public void encodeRecords() {
            BenchSupport.requireChronicleFlags();
            records = encodedRecords();
        }

        @Setup(Level.Iteration)
        public void openFreshQueue() {
            dir = BenchSupport.newTempDir("hindsight-raw-");
            queue = rawQueue(dir);
            appender = queue.createAppender();
            // as QueueStore does: JMH may run setup and the benchmark on different threads
            appender.singleThreadedCheckDisabled(true);
            next = 0;
        }

        @TearDown(Level.Iteration)
        public void deleteQueue() {
            if (appender != null) {
                appender.close();
                appender = null;
            }
            if (queue != null) {
                queue.close();
                queue = null;
            }
            BenchSupport.deleteRecursively(dir);
        }
    }

    @Benchmark
    public AppendResult guardedAppend(LogState s) {
        return append(s);
    }

    // Half-second iterations: at a few million appends/s of ~205 bytes, a 2 s iteration would put ~1 GB on disk
    // before its teardown deletes it. The warmup is as long as the log's in total and then some: on a busy 2-core
    // machine this one was still speeding up after 2.5 s.
    @Benchmark
    @Warmup(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    @Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    public long rawChronicleAppend(QueueState s) {
        byte[] record = s.records[s.next];
        s.next = s.next + 1 == s.records.length ? 0 : s.next + 1;
        // the same calls as QueueStore.append, minus its rollback path
        try (DocumentContext dc = s.appender.writingDocument()) {
            dc.wire().bytes().write(record);
            return dc.index();
        }
    }

    private static AppendResult append(LogState s) {
        int stream = s.nextStream;
        s.nextStream = stream + 1 == STREAMS ? 0 : stream + 1;
        int payload = s.nextPayload;
        s.nextPayload = payload + 1 == PAYLOADS ? 0 : payload + 1;
        AppendResult r = s.log.append(s.streamIds[stream], BenchSupport.ENTITY_TYPE, s.batches.get(payload),
            BenchSupport.guard(s.versions[stream]));
        s.versions[stream] = r.lastVersion();
        return r;
    }

    /**
     * A Chronicle queue at {@code dir} as the log's QueueStore builds its queue: FAST_DAILY, 64 MiB blocks, an index
     * entry for every excerpt.
     *
     * @throws IllegalStateException if Chronicle's defaults moved away from the log's settings
     */
    static SingleChronicleQueue rawQueue(Path dir) {
        SingleChronicleQueue queue = ChronicleQueue.singleBuilder(dir).indexSpacing(1).indexCount(65536).build();
        if (queue.rollCycle() != RollCycles.FAST_DAILY || queue.blockSize() != 64L << 20
            || queue.indexSpacing() != 1 || queue.indexCount() != 65536) {
            queue.close();
            throw new IllegalStateException("the raw queue no longer matches the log's settings: roll cycle "
                + queue.rollCycle() + ", block size " + queue.blockSize() + ", index " + queue.indexCount()
                + " x " + queue.indexSpacing());
        }
        return queue;
    }

    /**
     * The bytes the log writes for each payload, read back from a real log: the record layout is internal to the
     * log module, and copying the encoder here would drift from it. Stream ids {@code order-9999} downwards, so
     * that most are as long as in {@code guardedAppend}.
     */
    static byte[][] encodedRecords() {
        Path dir = BenchSupport.newTempDir("hindsight-encode-");
        try {
            String[] streamIds = BenchSupport.streamIds(STREAMS);
            List<List<NewEvent>> batches = BenchSupport.singleEventBatches(BenchSupport.payloads(PAYLOADS));
            try (EventLog log = BenchSupport.openLog(dir)) {
                for (int i = 0; i < PAYLOADS; i++) {
                    log.append(streamIds[STREAMS - 1 - i], BenchSupport.ENTITY_TYPE, batches.get(i),
                        BenchSupport.guard(0));
                }
            }
            List<byte[]> out = new ArrayList<>(PAYLOADS);
            try (ChronicleQueue q = ChronicleQueue.singleBuilder(queueDirOf(dir)).build();
                 ExcerptTailer tailer = q.createTailer()) {
                while (true) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent()) {
                            break;
                        }
                        Bytes<?> bytes = dc.wire().bytes();
                        byte[] record = new byte[(int) bytes.readRemaining()];
                        bytes.read(record);
                        out.add(record);
                    }
                }
            }
            if (out.size() != PAYLOADS) {
                throw new IllegalStateException("expected " + PAYLOADS + " records in the log, found " + out.size());
            }
            return out.toArray(new byte[0][]);
        } finally {
            BenchSupport.deleteRecursively(dir);
        }
    }

    /** The directory holding the log's Chronicle files (its name is internal to the log module). */
    private static Path queueDirOf(Path logDir) {
        try (Stream<Path> files = Files.walk(logDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                .map(Path::getParent)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + SingleChronicleQueue.SUFFIX + " file under "
                    + logDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.hindsight.benchmarks;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.NewEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time until a log of {@code events} events is ready: {@link EventLog#open} of an existing, cleanly closed log,
 * which reads the index checkpoint its close wrote ({@code checkpoint=true}), or, with the checkpoint deleted before
 * each open ({@code checkpoint=false}), scans every record to rebuild the in-memory indexes. The goal is 10 million
 * events ready in at most 5 s (issue 8: 3 s in a fresh JVM).
 *
 * <p>The log ({@code events} single-event appends, round-robin over 10,000 streams, ~205-byte records) is written
 * once per fork in setup, then opened once per iteration and closed after it, outside the measured time. It is in
 * the page cache by then, so the scan reads memory, not the disk: a server's start after a reboot is slower by the
 * time to read the files (~205 bytes an event). The warmup iteration is the nearest to a server's first open
 * (JIT-cold code); the measured ones are JIT-warm.
 *
 * <p>Run (the default of 1,000,000 events takes well under a minute; 10,000,000 needs ~2 GB of disk and a few
 * minutes, most of them writing the log):
 * <pre>
 * mvn -B package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar OpenTimeBenchmark
 * java -jar benchmarks/target/benchmarks.jar OpenTimeBenchmark -p events=10000000
 * </pre>
 * The heap is fixed at 2 GB here (the index of 10 M events plus the one being replaced); give more with
 * {@code -jvmArgsPrepend "-Xms4g -Xmx4g"}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
// only the heap differs from ChronicleForkedBenchmark's @Fork; jvmArgsAppend (the Chronicle flags) is inherited
@Fork(jvmArgsPrepend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class OpenTimeBenchmark extends ChronicleForkedBenchmark {
    // not final: JMH subclasses benchmark and @State classes

    static final int STREAMS = 10_000;
    static final int PAYLOADS = 1_024;

    /** Events in the log; run with {@code -p events=10000000} for the 10 M goal. */
    @Param({"1000000"})
    public long events;

    /** Whether the open may read the index checkpoint the last close wrote; false deletes it first: a full scan. */
    @Param({"true", "false"})
    public boolean checkpoint;

    private Path dir;
    private EventLog opened;

    @Setup(Level.Trial)
    public void writeLog() {
        BenchSupport.requireChronicleFlags();
        String[] streamIds = BenchSupport.streamIds(STREAMS);
        List<List<NewEvent>> batches = BenchSupport.singleEventBatches(BenchSupport.payloads(PAYLOADS));
        long[] versions = new long[STREAMS];
        dir = BenchSupport.newTempDir("hindsight-open-");
        try (EventLog log = BenchSupport.openLog(dir)) {
            int stream = 0;
            int payload = 0;
            for (long i = 0; i < events; i++) {
                versions[stream] = log.append(streamIds[stream], BenchSupport.ENTITY_TYPE, batches.get(payload),
                    BenchSupport.guard(versions[stream])).lastVersion();
                stream = stream + 1 == STREAMS ? 0 : stream + 1;
                payload = payload + 1 == PAYLOADS ? 0 : payload + 1;
            }
        }
    }

    @Setup(Level.Invocation)
    public void dropCheckpoint() throws IOException {
        if (!checkpoint) {
            // the log's file name (IndexCheckpointDescriptor.FILE_NAME, package-private there)
            Files.deleteIfExists(dir.resolve("index.checkpoint"));
        }
    }

    @Benchmark
    public long open() {
        opened = BenchSupport.openLog(dir);
        return opened.headSeq();
    }

    /** Closes the log opened by the invocation, outside the measured time, and checks it was all there. */
    @TearDown(Level.Invocation)
    public void closeOpened() {
        if (opened != null) {
            long head = opened.headSeq();
            opened.close();
            opened = null;
            if (head != events) {
                throw new IllegalStateException("opened a log of " + head + " events, expected " + events);
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteLog() {
        BenchSupport.deleteRecursively(dir);
    }
}

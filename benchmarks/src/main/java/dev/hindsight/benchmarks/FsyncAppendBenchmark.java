package dev.hindsight.benchmarks;

import dev.hindsight.log.Durability;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Appends in the {@code FSYNC} durability level (acknowledged once flushed to the device, with group commit): one
 * event per append, no guard, each thread its own stream. Run with {@code -t 1} for a lone appender (one flush per
 * append) and {@code -t 4} or more to see appenders share flushes.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar FsyncAppendBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar FsyncAppendBenchmark -t 4
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class FsyncAppendBenchmark extends ChronicleForkedBenchmark {

    final List<NewEvent> event = List.of(NewEvent.of(BenchSupport.EVENT_NAME, BenchSupport.payloads(1)[0]));
    final AtomicInteger threads = new AtomicInteger();
    Path dir;
    EventLog log;

    @Setup(Level.Trial)
    public void open() {
        BenchSupport.requireChronicleFlags();
        dir = BenchSupport.newTempDir("hindsight-fsync-");
        log = EventLog.open(LogConfig.builder().dataDir(dir).durability(Durability.FSYNC).build());
    }

    @TearDown(Level.Trial)
    public void close() {
        log.close();
        BenchSupport.deleteRecursively(dir);
    }

    /** Each benchmark thread appends to a stream of its own. */
    @State(Scope.Thread)
    public static class Stream {
        String id;

        @Setup(Level.Trial)
        public void name(FsyncAppendBenchmark bench) {
            id = "order-fsync-" + bench.threads.incrementAndGet();
        }
    }

    @Benchmark
    public long fsyncAppend(Stream stream) {
        return log.append(stream.id, BenchSupport.ENTITY_TYPE, event, ExpectedVersion.any()).lastSeq();
    }
}

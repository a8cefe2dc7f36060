package dev.hindsight.benchmarks;

import dev.hindsight.log.Direction;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.RecordedEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * Latency of reading one whole stream: {@code readStream(stream, 1, FORWARD, 20)} on a stream of 20 events, in a
 * log of 10,000 such streams (200,000 events, ~40 MB) whose appends were interleaved round-robin, so a stream's
 * events lie 10,000 records (~2 MB) apart, as they do when many entities change over time. Each call reads the next
 * of {@code readStreams} streams in turn; the default, all 10,000, keeps the read path from running on data the
 * previous call left in the CPU caches ({@code -p readStreams=1} reads {@code order-0} over and over, the hot case).
 * The log sits in the page cache (it was just written): no disk reads are measured.
 *
 * <p>{@link Mode#SampleTime} in microseconds: read p0.50 and p0.99 (and p0.999, max) from the percentile table
 * JMH prints. Run (about 30 s: 5 &times; 2 s warmup, 5 &times; 2 s measurement):
 * <pre>
 * mvn -B package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar StreamReadBenchmark
 * java -jar benchmarks/target/benchmarks.jar StreamReadBenchmark -p readStreams=1,10000
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// a longer warmup than the appends: on 2 cores the read path was still getting faster in the third 2 s iteration
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class StreamReadBenchmark extends ChronicleForkedBenchmark {
    // not final: JMH subclasses benchmark and @State classes

    static final int STREAMS = 10_000;
    static final int EVENTS_PER_STREAM = 20;
    static final int PAYLOADS = 1_024;

    /** How many distinct streams the calls cycle through (1 to 10,000). */
    @Param({"10000"})
    public int readStreams;

    private String[] streamIds;
    private int next;
    private Path dir;
    private EventLog log;

    @Setup(Level.Trial)
    public void writeLog() {
        BenchSupport.requireChronicleFlags();
        if (readStreams < 1 || readStreams > STREAMS) {
            throw new IllegalArgumentException("readStreams must be 1.." + STREAMS + ", was " + readStreams);
        }
        streamIds = BenchSupport.streamIds(STREAMS);
        List<List<NewEvent>> batches = BenchSupport.singleEventBatches(BenchSupport.payloads(PAYLOADS));
        dir = BenchSupport.newTempDir("hindsight-read-");
        log = BenchSupport.openLog(dir);
        int payload = 0;
        for (int version = 0; version < EVENTS_PER_STREAM; version++) {
            for (String streamId : streamIds) {
                log.append(streamId, BenchSupport.ENTITY_TYPE, batches.get(payload), BenchSupport.guard(version));
                payload = payload + 1 == PAYLOADS ? 0 : payload + 1;
            }
        }
        // fail here rather than measure a read that returns the wrong thing
        List<RecordedEvent> sample = log.readStream(streamIds[STREAMS - 1], 1, Direction.FORWARD, EVENTS_PER_STREAM);
        if (sample.size() != EVENTS_PER_STREAM || sample.get(EVENTS_PER_STREAM - 1).version() != EVENTS_PER_STREAM) {
            throw new IllegalStateException("readStream returned " + sample.size() + " events, expected "
                + EVENTS_PER_STREAM);
        }
    }

    @TearDown(Level.Trial)
    public void deleteLog() {
        if (log != null) {
            log.close();
            log = null;
        }
        BenchSupport.deleteRecursively(dir);
    }

    @Benchmark
    public List<RecordedEvent> readStream() {
        int stream = next;
        next = stream + 1 == readStreams ? 0 : stream + 1;
        return log.readStream(streamIds[stream], 1, Direction.FORWARD, EVENTS_PER_STREAM);
    }
}

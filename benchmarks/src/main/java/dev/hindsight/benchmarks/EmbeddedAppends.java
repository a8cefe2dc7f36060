package dev.hindsight.benchmarks;

import dev.hindsight.log.AppendResult;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.NewEvent;
import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Guarded appends through the embedded API ({@link EventLog#append}, one thread, one event each, exact version
 * guard, round-robin over 10,000 streams that already hold an event), and the same encoded records written straight
 * into a Chronicle queue: {@link LogAppendBenchmark}'s two figures, timed by hand for {@code ./hindsight bench}.
 *
 * <p>Each runs in rounds, each round into a fresh log or queue deleted after it, so a run never holds more than one
 * round's data on disk (a few hundred MB at these rates) and every round writes into files of the same size; a
 * round's set-up (creating the 10,000 streams) is not timed. Needs the Chronicle JVM flags.
 */
final class EmbeddedAppends {

    private static final int STREAMS = LogAppendBenchmark.STREAMS;
    private static final int PAYLOADS = LogAppendBenchmark.PAYLOADS;

    private EmbeddedAppends() {
    }

    /** Guarded appends per second through {@link EventLog#append}: warm-up rounds, then measured ones. */
    static double guarded(int warmupRounds, int measuredRounds, long roundNanos) {
        BenchSupport.requireChronicleFlags();
        String[] streamIds = BenchSupport.streamIds(STREAMS);
        List<List<NewEvent>> batches = BenchSupport.singleEventBatches(BenchSupport.payloads(PAYLOADS));
        long appends = 0;
        long nanos = 0;
        for (int round = 0; round < warmupRounds + measuredRounds; round++) {
            Path dir = BenchSupport.newTempDir("hindsight-bench-append-");
            try (EventLog log = BenchSupport.openLog(dir)) {
                long[] versions = new long[STREAMS];
                for (int s = 0; s < STREAMS; s++) { // every stream exists: the steady state of a store
                    versions[s] = log.append(streamIds[s], BenchSupport.ENTITY_TYPE, batches.get(s % PAYLOADS),
                        BenchSupport.guard(0)).lastVersion();
                }
                long n = 0;
                long start = System.nanoTime();
                long deadline = start + roundNanos;
                int stream = 0;
                int payload = 0;
                while ((n & 255) != 0 || System.nanoTime() < deadline) {
                    AppendResult r = log.append(streamIds[stream], BenchSupport.ENTITY_TYPE, batches.get(payload),
                        BenchSupport.guard(versions[stream]));
                    versions[stream] = r.lastVersion();
                    stream = stream + 1 == STREAMS ? 0 : stream + 1;
                    payload = payload + 1 == PAYLOADS ? 0 : payload + 1;
                    n++;
                }
                if (round >= warmupRounds) {
                    nanos += System.nanoTime() - start;
                    appends += n;
                }
            } finally {
                BenchSupport.deleteRecursively(dir);
            }
        }
        return appends / (nanos / 1e9);
    }

    /** Appends per second of the log's own encoded records straight into a Chronicle queue set up as the log's. */
    static double rawChronicle(int warmupRounds, int measuredRounds, long roundNanos) {
        BenchSupport.requireChronicleFlags();
        byte[][] records = LogAppendBenchmark.encodedRecords();
        long appends = 0;
        long nanos = 0;
        for (int round = 0; round < warmupRounds + measuredRounds; round++) {
            Path dir = BenchSupport.newTempDir("hindsight-bench-raw-");
            // as the log's QueueStore builds its queue (LogAppendBenchmark checks that it still matches)
            try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).indexSpacing(1).indexCount(65536).build();
                 ExcerptAppender appender = queue.createAppender()) {
                long n = 0;
                int next = 0;
                long start = System.nanoTime();
                long deadline = start + roundNanos;
                while ((n & 255) != 0 || System.nanoTime() < deadline) {
                    try (DocumentContext dc = appender.writingDocument()) {
                        dc.wire().bytes().write(records[next]);
                    }
                    next = next + 1 == records.length ? 0 : next + 1;
                    n++;
                }
                if (round >= warmupRounds) {
                    nanos += System.nanoTime() - start;
                    appends += n;
                }
            } finally {
                BenchSupport.deleteRecursively(dir);
            }
        }
        return appends / (nanos / 1e9);
    }
}

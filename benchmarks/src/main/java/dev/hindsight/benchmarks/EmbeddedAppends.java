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

    /** One round into a fresh directory: set up untimed, then appends until {@code deadline} of {@link Timer}. */
    private interface Round {
        /** The appends done, timed by {@code timer} from its start to the round's deadline. */
        long run(Path dir, Timer timer);
    }

    /**
     * A round's clock: {@link #start} once the set-up is done, then append until {@link #running} is false; the time
     * measured ends there, before the log or queue is closed.
     */
    private static final class Timer {
        private final long roundNanos;
        private long start;
        private long deadline;
        private long end;

        Timer(long roundNanos) {
            this.roundNanos = roundNanos;
        }

        void start() {
            start = System.nanoTime();
            deadline = start + roundNanos;
        }

        /** True until the deadline; read every 256 appends, as a clock read costs about as much as an append. */
        boolean running(long appends) {
            if ((appends & 255) != 0) {
                return true;
            }
            long now = System.nanoTime();
            if (now < deadline) {
                return true;
            }
            end = now;
            return false;
        }
    }

    /** Guarded appends per second through {@link EventLog#append}: warm-up rounds, then measured ones. */
    static double guarded(int warmupRounds, int measuredRounds, long roundNanos) {
        String[] streamIds = BenchSupport.streamIds(STREAMS);
        List<List<NewEvent>> batches = BenchSupport.singleEventBatches(BenchSupport.payloads(PAYLOADS));
        return perSecond("hindsight-bench-append-", warmupRounds, measuredRounds, roundNanos, (dir, timer) -> {
            try (EventLog log = BenchSupport.openLog(dir)) {
                long[] versions = new long[STREAMS];
                for (int s = 0; s < STREAMS; s++) { // every stream exists: the steady state of a store
                    versions[s] = log.append(streamIds[s], BenchSupport.ENTITY_TYPE, batches.get(s % PAYLOADS),
                        BenchSupport.guard(0)).lastVersion();
                }
                long n = 0;
                int stream = 0;
                int payload = 0;
                for (timer.start(); timer.running(n); n++) {
                    AppendResult r = log.append(streamIds[stream], BenchSupport.ENTITY_TYPE, batches.get(payload),
                        BenchSupport.guard(versions[stream]));
                    versions[stream] = r.lastVersion();
                    stream = stream + 1 == STREAMS ? 0 : stream + 1;
                    payload = payload + 1 == PAYLOADS ? 0 : payload + 1;
                }
                return n;
            }
        });
    }

    /** Appends per second of the log's own encoded records straight into a Chronicle queue set up as the log's. */
    static double rawChronicle(int warmupRounds, int measuredRounds, long roundNanos) {
        BenchSupport.requireChronicleFlags(); // before encodedRecords opens a log
        byte[][] records = LogAppendBenchmark.encodedRecords();
        return perSecond("hindsight-bench-raw-", warmupRounds, measuredRounds, roundNanos, (dir, timer) -> {
            try (ChronicleQueue queue = LogAppendBenchmark.rawQueue(dir);
                 ExcerptAppender appender = queue.createAppender()) {
                long n = 0;
                int next = 0;
                for (timer.start(); timer.running(n); n++) {
                    try (DocumentContext dc = appender.writingDocument()) {
                        dc.wire().bytes().write(records[next]);
                    }
                    next = next + 1 == records.length ? 0 : next + 1;
                }
                return n;
            }
        });
    }

    /** Operations per second over the measured rounds of {@code round}, each in a fresh directory deleted after it. */
    private static double perSecond(String prefix, int warmupRounds, int measuredRounds, long roundNanos,
                                    Round round) {
        BenchSupport.requireChronicleFlags();
        long operations = 0;
        long nanos = 0;
        for (int i = 0; i < warmupRounds + measuredRounds; i++) {
            Path dir = BenchSupport.newTempDir(prefix);
            try {
                Timer timer = new Timer(roundNanos);
                long n = round.run(dir, timer);
                if (i >= warmupRounds) {
                    nanos += timer.end - timer.start;
                    operations += n;
                }
            } finally {
                BenchSupport.deleteRecursively(dir);
            }
        }
        return operations / (nanos / 1e9);
    }
}

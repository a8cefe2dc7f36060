package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index checkpoint changes how fast a log opens, never what it holds: over random appends (one stream and
 * several at once, clock steps back and across the daily roll), a log opened from its checkpoint plus the records
 * after it answers every index question exactly as the same log opened by a full scan. Seeded: the seed is printed,
 * and {@code -Dhindsight.checkpoint.seed=N} reruns a case.
 */
class IndexCheckpointTest {

    private static final String[] NAMES = {"order-1", "order-2", "customer-7", "straße-3", "流-4", "o", "order-10"};

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    @Test
    void indexesFromCheckpointAndTailEqualThoseOfAFullScan() throws IOException {
        long seed = Long.getLong("hindsight.checkpoint.seed", System.nanoTime());
        System.out.println("IndexCheckpointTest seed=" + seed + " (rerun: -Dhindsight.checkpoint.seed=" + seed + ")");
        Random random = new Random(seed);
        Path logDir = dir.resolve("log");
        long previousHead = 0;
        for (int round = 0; round < 6; round++) {
            String context = "seed=" + seed + " round=" + round;
            Path crashCopy = null;
            try (EventLog log = EventLog.open(config(logDir))) {
                assertThat(log.recovery().checkpointSeq()).as(context).isEqualTo(previousHead);
                assertThat(log.recovery().checkpointProblem()).as(context).isNull();
                appendRandomly(log, random, 10 + random.nextInt(50));
                if (random.nextBoolean()) {
                    // as if the process died here: the checkpoint on disk is the one of the last close
                    crashCopy = copy(logDir, dir.resolve("crash-" + round));
                }
            }
            List<String> fromCheckpoint;
            try (EventLog log = EventLog.open(config(logDir))) {
                previousHead = log.headSeq();
                assertThat(log.recovery().checkpointSeq()).as(context).isEqualTo(previousHead);
                fromCheckpoint = observe(log);
            }
            assertThat(fromCheckpoint).as(context).isEqualTo(observeFullScan(logDir, "full-" + round));
            if (crashCopy != null) {
                try (EventLog log = EventLog.open(config(crashCopy))) {
                    assertThat(log.recovery().checkpointSeq()).as(context).isLessThan(log.headSeq());
                    assertThat(observe(log)).as(context).isEqualTo(observeFullScan(crashCopy, "crash-full-" + round));
                }
            }
        }
    }

    private LogConfig config(Path at) {
        // small blocks: each day the clock crosses starts a queue file, and the test copies them often
        return LogConfig.builder().dataDir(at).wallClockMillis(clock::get).maxEventBytes(16 * 1024)
            .blockSizeBytes(256 * 1024).build();
    }

    /** Appends {@code ops} random batches: a third of them {@code appendAll} over up to three parts. */
    private void appendRandomly(EventLog log, Random random, int ops) {
        for (int op = 0; op < ops; op++) {
            int step = random.nextInt(40);
            clock.addAndGet(step == 0 ? 86_400_000L : step < 4 ? -5 : step < 20 ? 0 : random.nextInt(4));
            int parts = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 1;
            List<AppendRequest> requests = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int s = random.nextInt(NAMES.length + 3);
                String stream = s < NAMES.length ? NAMES[s] : "new-" + random.nextLong();
                List<NewEvent> events = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                    events.add(NewEvent.of("thing.happened", "{\"op\":" + op + ",\"i\":" + i + "}"));
                }
                requests.add(new AppendRequest(stream, "type-" + Math.floorMod(stream.hashCode(), 3), events,
                    ExpectedVersion.any()));
            }
            if (parts == 1) {
                AppendRequest r = requests.get(0);
                log.append(r.streamId(), r.entityType(), r.events(), ExpectedVersion.any());
            } else {
                log.appendAll(requests, Source.API);
            }
        }
    }

    /** Opens a copy of the log without its checkpoint: the indexes as a full scan rebuilds them. */
    private List<String> observeFullScan(Path logDir, String name) throws IOException {
        Path copy = copy(logDir, dir.resolve(name));
        Files.deleteIfExists(copy.resolve(IndexCheckpointDescriptor.FILE_NAME));
        try (EventLog log = EventLog.open(config(copy))) {
            assertThat(log.recovery().checkpointSeq()).isZero();
            return observe(log);
        }
    }

    /** Every answer the indexes give, as text: streams, infos, stream reads, time and seq lookups. */
    static List<String> observe(EventLog log) {
        List<String> out = new ArrayList<>();
        long head = log.headSeq();
        out.add("head " + head);
        out.add("streams " + log.streams());
        TreeSet<Long> stamps = new TreeSet<>();
        log.scan(1, head, e -> stamps.add(e.ts()));
        for (StreamInfo s : log.streams()) {
            out.add("info " + log.streamInfo(s.streamId()));
            out.add("forward " + log.readStream(s.streamId(), 1, Direction.FORWARD, Integer.MAX_VALUE));
            out.add("backward " + log.readStream(s.streamId(), s.version(), Direction.BACKWARD, 3));
            out.add("middle " + log.readStream(s.streamId(), (s.version() + 1) / 2, Direction.FORWARD, 2));
        }
        out.add("unknown " + log.streamInfo("no-such-stream"));
        for (long ts : stamps) {
            out.add("at ts " + ts + ": " + log.seqAtOrBefore(ts - 1) + " " + log.seqAtOrBefore(ts) + " "
                + log.seqAtOrBefore(ts + 1));
        }
        for (long seq = 0; seq <= head + 1; seq++) {
            out.add("at seq " + seq + ": " + log.streams(seq));
        }
        return out;
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}

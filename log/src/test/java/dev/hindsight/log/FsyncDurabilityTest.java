package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FSYNC level through its group commit: concurrent appenders all get acknowledged and everything is there after
 * reopening. (A power loss cannot be staged in a test; this checks the path, not the device.)
 */
class FsyncDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void concurrentFsyncAppendsAreAllAcknowledgedAndKept() throws Exception {
        LogConfig config = LogConfig.builder().dataDir(dir).durability(Durability.FSYNC).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (EventLog log = EventLog.open(config)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        log.append("t-" + thread, "thing", List.of(NewEvent.of("a.b", "{\"i\":" + i + "}")),
                            ExpectedVersion.of(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (EventLog log = EventLog.open(config)) {
            assertThat(log.headSeq()).isEqualTo(400);
            assertThat(log.streams()).extracting(StreamInfo::version).containsOnly(100L);
        }
    }

    @Test
    void inFsyncModeAReaderSeesAnEventOnlyOnceItIsOnDisk() throws Exception {
        LogConfig config = LogConfig.builder().dataDir(dir).durability(Durability.FSYNC).build();
        try (EventLog log = EventLog.open(config)) {
            ChronicleEventLog chronicle = (ChronicleEventLog) log;
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong early = new AtomicLong();
            AtomicLong seen = new AtomicLong();
            Thread reader = new Thread(() -> {
                while (true) {
                    boolean last = done.get(); // one more round after the appends end, so the reader sees them
                    long head = log.headSeq();
                    long durable = chronicle.durableSeq(); // read after: durable only grows
                    seen.set(head);
                    if (head > durable) {
                        early.incrementAndGet();
                    }
                    if (log.streamInfo("s").map(StreamInfo::lastSeq).orElse(0L) > chronicle.durableSeq()) {
                        early.incrementAndGet();
                    }
                    if (last) {
                        return;
                    }
                }
            });
            reader.start();
            for (int i = 0; i < 40; i++) {
                log.append("s", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.of(i));
            }
            done.set(true);
            reader.join();
            assertThat(early.get()).as("reads of events not yet durable").isZero();
            assertThat(seen.get()).isEqualTo(40);
        }
    }

    @Test
    void racingFsyncAppendsToOneStreamWithTheSameGuardHaveOneWinnerEachRound() throws Exception {
        LogConfig config = LogConfig.builder().dataDir(dir).durability(Durability.FSYNC).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (EventLog log = EventLog.open(config)) {
            for (int round = 0; round < 20; round++) {
                long expected = round;
                List<Future<Boolean>> racers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    racers.add(pool.submit(() -> {
                        try {
                            log.append("hot", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.of(expected));
                            return true;
                        } catch (WrongExpectedVersionException e) {
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : racers) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("winners of round %d", round).isEqualTo(1);
            }
            assertThat(log.streamInfo("hot").orElseThrow().version()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anFsyncAppendThatCrossesTheDailyRollFlushesBothFiles() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")),
            "needs /proc to see which files the flush opened; skipped");
        // a clock that moves 100 ms each time it is read: an append of 200 events started 5 s before midnight ends
        // after it, so its records lie in two daily files
        long start = Instant.parse("2026-11-29T23:59:55Z").toEpochMilli();
        AtomicLong reads = new AtomicLong();
        LogConfig config = LogConfig.builder().dataDir(dir).durability(Durability.FSYNC)
            .wallClockMillis(() -> start + 100 * reads.getAndIncrement()).build();
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(NewEvent.of("a.b", "{}"));
        }
        try (EventLog log = EventLog.open(config)) {
            log.append("s", "thing", events, ExpectedVersion.noStream());

            List<String> files;
            try (var list = Files.list(dir.resolve("queue"))) {
                files = list.map(Path::toString).filter(f -> f.endsWith(".cq4")).sorted().toList();
            }
            assertThat(files).hasSize(2);
            // the flush opens each file it flushes read-only; Chronicle's own descriptors are read-write
            assertThat(readOnlyDescriptorsOf(files)).containsExactlyInAnyOrderElementsOf(files);
        }
    }

    /** The files among {@code files} this process holds open read-only. */
    private static List<String> readOnlyDescriptorsOf(List<String> files) throws Exception {
        List<String> out = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException gone) {
                    continue; // closed while listing
                }
                if (!files.contains(target)) {
                    continue;
                }
                for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo")
                    .resolve(fd.getFileName()))) {
                    // flags are octal; O_ACCMODE (3) is 0 for O_RDONLY
                    if (line.startsWith("flags:") && (Integer.parseInt(line.substring(6).trim(), 8) & 3) == 0) {
                        out.add(target);
                    }
                }
            }
        }
        return out;
    }
}

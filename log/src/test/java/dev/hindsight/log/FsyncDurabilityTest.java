package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
}

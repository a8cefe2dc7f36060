package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AS OF TIMESTAMP t} for a {@code t} the log's clock has passed is final: the seq it resolves to while appends
 * race is the one it resolves to once they are over. A batch has its {@code ts} before it is written and (at the
 * FSYNC level) made durable; resolving a time without waiting for such a batch left its events out, and the same
 * {@code AS OF} gave more rows a moment later (a hunt saw it over HTTP, milliseconds after the stamp).
 */
class SeqAtTimeRaceTest {

    @TempDir
    Path dir;

    @Test
    void aTimeTheClockHasPassedResolvesDuringAppendsAsItDoesAfterThem() throws Exception {
        LogConfig config = LogConfig.builder().dataDir(dir).durability(Durability.FSYNC).build();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<long[]> answers = new ArrayList<>();
        try (EventLog log = EventLog.open(config)) {
            AtomicBoolean appending = new AtomicBoolean(true);
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String stream = "s-" + t;
                appenders.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        log.append(stream, "thing", List.of(NewEvent.of("a.b", "{\"i\":" + i + "}")),
                            ExpectedVersion.of(i));
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                while (appending.get()) {
                    long t = System.currentTimeMillis() - 1; // passed: every later append is stamped after it
                    answers.add(new long[] {t, log.seqAtOrBefore(t)});
                }
                return null;
            });
            for (Future<?> a : appenders) {
                a.get();
            }
            appending.set(false);
            reader.get();
            assertThat(log.headSeq()).isEqualTo(600);
            assertThat(answers).hasSizeGreaterThan(100);
            for (long[] a : answers) {
                assertThat(a[1]).as("seq at or before %d, resolved while appending", a[0])
                    .isEqualTo(log.seqAtOrBefore(a[0]));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

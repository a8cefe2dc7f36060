package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Racing guarded appends on real threads: of those carrying the same guard, exactly one wins. */
class AppendRaceTest {

    static final int THREADS = 8;
    static final int ROUNDS = 500;

    @Test
    void ofEightRacingAppendsWithTheSameGuardExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (EventLog log = EventLog.open(LogConfig.inMemory())) {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            for (int round = 0; round < ROUNDS; round++) {
                long expected = round;
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            log.append("contended", "counter", List.of(NewEvent.of("counter.incremented",
                                "{\"by\":" + thread + "}")), ExpectedVersion.of(expected));
                            return true;
                        } catch (WrongExpectedVersionException e) {
                            assertThat(e.actualVersion()).isEqualTo(expected + 1);
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("winners of round %d", round).isEqualTo(1);
            }
            assertThat(log.streamInfo("contended")).get().extracting(StreamInfo::version).isEqualTo((long) ROUNDS);
            assertThat(log.headSeq()).isEqualTo(ROUNDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentUnguardedBatchesStayContiguousAndGapless() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (EventLog log = EventLog.open(LogConfig.inMemory())) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        log.append("s-" + (i % 5), "thing", List.of(NewEvent.of("a.b", "{\"t\":" + thread + "}"),
                            NewEvent.of("a.b", "{\"t\":" + thread + "}"), NewEvent.of("a.b", "{\"t\":" + thread + "}")),
                            ExpectedVersion.any());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            List<RecordedEvent> all = log.readAll(1, Integer.MAX_VALUE, null);
            assertThat(all).hasSize(THREADS * 200 * 3);
            for (int i = 0; i < all.size(); i += 3) {
                assertThat(all.subList(i, i + 3)).extracting(RecordedEvent::data).containsOnly(all.get(i).data());
                assertThat(all.subList(i, i + 3)).extracting(RecordedEvent::streamId)
                    .containsOnly(all.get(i).streamId());
            }
            for (StreamInfo s : log.streams()) {
                assertThat(log.readStream(s.streamId(), 1, Direction.FORWARD, Integer.MAX_VALUE)).hasSize(
                    (int) s.version());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

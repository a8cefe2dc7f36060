package dev.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catch-up of more than the worker threshold (65,536 events) through a {@link Fold.Staged} fold: the events are
 * prepared on the worker threads and applied in seq order, and a throw deep in the backlog, while preparing or while
 * applying, fails the projection at that seq with every event before it applied and none after.
 */
class StagedCatchUpTest {

    private static final long WAIT = 60_000;
    private static final int EVENTS = 100_000;
    /** Where the events say {@code "boom": true}: a preparer throws there. */
    private static final long BOOM = 81_234;

    @TempDir
    static Path dir;

    private static EventLog log;
    private static long seed;

    @BeforeAll
    static void writeALongLog() {
        String property = System.getProperty("hindsight.seed");
        seed = property == null || property.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(property);
        Random random = new Random(seed);
        log = EventLog.open(LogConfig.at(dir));
        long seq = 0;
        while (seq < EVENTS) {
            String stream = "s" + random.nextInt(13);
            List<NewEvent> batch = new ArrayList<>();
            int size = 1 + random.nextInt(200);
            for (int i = 0; i < size; i++) {
                seq++;
                // the boom event is one the fold prepares (named "other", it would never be prepared, nor throw)
                String name = random.nextInt(5) == 0 && seq != BOOM ? "other" : "counted";
                String data = seq == BOOM ? "{\"n\":1,\"boom\":true}" : "{\"n\":" + (random.nextInt(100) - 20) + "}";
                batch.add(NewEvent.of(name, data));
            }
            log.append(stream, "thing", batch, ExpectedVersion.any());
        }
    }

    @AfterAll
    static void closeTheLog() {
        log.close();
    }

    @Test
    void aStagedFoldCatchesUpOnTheWorkersAndEqualsTheFoldOfEveryPrefix() throws Exception {
        StagedCount fold = new StagedCount("staged_counts", -1, false);
        try (Projections p = Projections.open(log)) {
            p.create(fold, null);
            long head = log.headSeq();
            assertThat(p.await(fold.name(), head, WAIT)).isTrue();
            assertThat(fold.preparedOn.keySet()).as("threads that prepared events (seed %d)", seed)
                .isNotEmpty().allMatch(t -> t.equals("hindsight-projection-staged_counts-reader"));
            Random random = new Random(seed);
            for (long n : new long[] {head, BOOM - 1, BOOM, 1 + random.nextInt((int) head)}) {
                assertThat(Oracle.rows(p.rows(fold.name(), n, WAIT))).as("as of %d (seed %d)", n, seed)
                    .isEqualTo(Oracle.countPerStream(log, n));
            }
            assertThat(p.statuses()).singleElement().extracting(ProjectionStatus::status).isEqualTo("active");
        }
    }

    @Test
    void aPreparerThrowingDeepInTheBacklogFailsTheProjectionAtThatSeqWithEveryEventBeforeItApplied()
            throws Exception {
        assertFailsAt(new StagedCount("fragile_prepare", -1), BOOM, "boom at " + BOOM);
    }

    @Test
    void anApplyThrowingDeepInTheBacklogFailsTheProjectionAtThatSeqWithEveryEventBeforeItApplied()
            throws Exception {
        long at = 70_001L + new Random(seed).nextInt(5_000);
        // an event the fold handles: the throw comes when its prepared value is applied
        long failing = firstCountedFrom(at);
        assertFailsAt(new StagedCount("fragile_apply", failing, false), failing, "apply failed at " + failing);
    }

    private static long firstCountedFrom(long from) {
        long[] found = {0};
        log.visit(from, log.headSeq(), e -> {
            if (e.name().equals("counted")) {
                found[0] = e.seq();
                return false;
            }
            return true;
        });
        return found[0];
    }

    private static void assertFailsAt(StagedCount fold, long seq, String message) throws Exception {
        try (Projections p = Projections.open(log)) {
            p.create(fold, null);
            assertThat(p.await(fold.name(), log.headSeq(), WAIT)).as("seed %d", seed).isFalse();
            ProjectionStatus status = p.statuses().get(0);
            assertThat(status.status()).as("seed %d", seed).isEqualTo("failed");
            assertThat(status.error()).as("seed %d", seed).isEqualTo("failed at seq " + seq + ": " + message);
            assertThat(status.position()).as("seed %d", seed).isEqualTo(seq - 1);
            Map<String, String> before = Oracle.countPerStream(log, seq - 1);
            assertThat(Oracle.rows(p.rows(fold.name(), seq - 1, WAIT))).as("seed %d", seed).isEqualTo(before);
            // reads past the failure answer as of the event before it: nothing after it was applied
            assertThat(Oracle.rows(p.rows(fold.name(), log.headSeq(), WAIT))).as("seed %d", seed)
                .isEqualTo(before);
            assertThat(fold.appliedAfterFailure).as("seed %d", seed).isFalse();
        }
    }

    /**
     * {@link CountPerStream} as a staged fold (events named {@code counted}): the preparer reads stream and
     * {@code n} (and throws on {@code "boom": true} if told to); apply throws at {@code failApplyAt} if positive.
     */
    private static final class StagedCount implements Fold {
        final Map<String, Boolean> preparedOn = new ConcurrentHashMap<>();
        private final String name;
        private final long failApplyAt;
        private final boolean failOnBoom;
        volatile boolean appliedAfterFailure;

        StagedCount(String name, long failApplyAt) {
            this(name, failApplyAt, true);
        }

        StagedCount(String name, long failApplyAt, boolean failOnBoom) {
            this.name = name;
            this.failApplyAt = failApplyAt;
            this.failOnBoom = failOnBoom;
        }

        private record Prepared(long seq, String stream, long n) {
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String fingerprint() {
            return "test:" + name;
        }

        @Override
        public Set<String> eventNames() {
            return Set.of("counted");
        }

        @Override
        public void apply(ProjectionEvent event, Groups groups) {
            fold(prepare(event), groups);
        }

        private Prepared prepare(ProjectionEvent event) {
            if (failOnBoom && event.json().path("boom").asBoolean(false)) {
                throw new IllegalStateException("boom at " + event.seq());
            }
            return new Prepared(event.seq(), event.streamId(), event.json().path("n").asLong(0));
        }

        private void fold(Prepared p, Groups groups) {
            if (failApplyAt > 0 && p.seq() > failApplyAt) {
                appliedAfterFailure = true;
            }
            if (p.seq() == failApplyAt) {
                throw new IllegalStateException("apply failed at " + p.seq());
            }
            long[] old = (long[]) groups.get(p.stream());
            groups.put(p.stream(), old == null ? new long[] {1, p.n()} : new long[] {old[0] + 1, old[1] + p.n()});
        }

        @Override
        public Optional<Staged> staged() {
            return Optional.of(new Staged() {
                @Override
                public Preparer preparer() {
                    return event -> {
                        preparedOn.put(Thread.currentThread().getName(), Boolean.TRUE);
                        return prepare(event);
                    };
                }

                @Override
                public void apply(Object prepared, Groups groups) {
                    fold((Prepared) prepared, groups);
                }
            });
        }

        @Override
        public Object[] row(Object key, Object state) {
            long[] s = (long[]) state;
            return new Object[] {key, s[0], s[1]};
        }

        @Override
        public List<ProjectionColumn> columns() {
            return List.of(ProjectionColumn.of("stream_id", ColumnType.VARCHAR),
                ProjectionColumn.of("events", ColumnType.BIGINT), ProjectionColumn.of("total", ColumnType.BIGINT));
        }

        @Override
        public List<String> primaryKey() {
            return List.of("stream_id");
        }

        @Override
        public Optional<StateCodec<Object>> codec() {
            return Optional.empty();
        }
    }
}

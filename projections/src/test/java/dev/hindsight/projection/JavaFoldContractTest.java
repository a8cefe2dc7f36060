package dev.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import dev.hindsight.testkit.LogCapture;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Java projection is given and what it may declare: given events, when a fold reads them, then their numbers
 * are as written, upcast or not (they were doubles: a sum of 1234567890123456.78 gave .80, 1e400 became the text
 * {@code Infinity}); a state of another class than its type fails it at that event; and definitions no table can
 * have are refused at {@code register}.
 */
class JavaFoldContractTest {

    private static final long WAIT = 30_000;
    private static final String[] NUMBERS = {"1234567890123456.78", "12345678901234567890.5",
        "0.1000000000000000000001", "10.50", "1e400"};

    /** A count's snapshot: one long. */
    private static final StateCodec<Long> LONGS = new StateCodec<>() {
        @Override
        public void write(Long state, DataOutput out) throws IOException {
            out.writeLong(state);
        }

        @Override
        public Long read(DataInput in) throws IOException {
            return in.readLong();
        }
    };

    @TempDir
    Path dir;

    @Test
    void givenNumbersOfManyDigits_whenAFoldReadsThemUpcastOrNot_thenEachIsTheDecimalWritten() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            p.register(new AddsAField());
            for (String n : NUMBERS) {
                log.append("a", "thing", List.of(new NewEvent("n.old", "{\"n\":" + n + "}", null, 1),
                    new NewEvent("n.new", "{\"n\":" + n + "}", null, 1)), ExpectedVersion.any());
            }
            List<String> seen = new ArrayList<>();
            p.register(new Collecting("seen", seen));

            assertThat(p.await("seen", log.headSeq(), WAIT)).isTrue();

            List<String> expected = new ArrayList<>();
            for (String n : NUMBERS) {
                BigDecimal written = new BigDecimal(n);
                // upcast: the tree rendered again, each number at its digits and scale
                expected.add("n.old " + written + " " + written + " {\"n\":" + written + ",\"v2\":true}");
                expected.add("n.new " + written + " " + written + " {\"n\":" + n + "}"); // as stored
            }
            assertThat(seen).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void givenPartitionKeysOfFractions_whenFolded_thenEachDecimalIsItsOwnPartitionInPlainDigits() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            for (String k : new String[] {"0.1", "0.1000000000000000000001", "1E+2", "1.00"}) {
                log.append("a", "thing", List.of(NewEvent.of("k.seen", "{\"k\":" + k + "}")), ExpectedVersion.any());
            }
            p.register(new CountByKey());

            assertThat(p.await("by_key", log.headSeq(), WAIT)).isTrue();

            TreeMap<String, Long> rows = new TreeMap<>();
            p.rows("by_key", log.headSeq(), WAIT).forEach(r -> rows.put((String) r[0], (Long) r[1]));
            assertThat(rows).containsExactly(Map.entry("0.1", 1L), Map.entry("0.1000000000000000000001", 1L),
                Map.entry("1.00", 1L), Map.entry("100", 1L));
        }
    }

    @Test
    void givenAFoldThatMakesAStateOfAnotherClass_whenItDoes_thenItFailsAtThatEventSayingSo() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            p.register(new Mistyped());
            for (String data : new String[] {"{\"k\":1}", "{\"k\":1,\"wrong\":true}", "{\"k\":1}"}) {
                log.append("a", "thing", List.of(NewEvent.of("k.seen", data)), ExpectedVersion.any());
            }

            ProjectionStatus failed = awaitFailed(p, "by_key");

            assertThat(failed.position()).isEqualTo(1);
            assertThat(failed.error()).contains("seq 2", "projection by_key made a state of java.lang.String where its "
                + "state type is java.lang.Long");
            assertThat(p.rows("by_key", 3, WAIT)).singleElement()
                .satisfies(r -> assertThat(r).containsExactly("1", 1L)); // as of the event before, readable
        }
    }

    @Test
    void givenANumberNoDecimalHolds_whenAFoldReadsItsEvent_thenItReadsItAsADoubleAndRunsOn() throws Exception {
        // SQL's INSERT takes 1e2147483648 (its exponent passes an int); read exactly it failed the fold for good
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            // (that number alone: as a document of doubles, its 1.50 was 1.5, another partition than 1.50's)
            log.append("a", "thing", List.of(NewEvent.of("k.seen", "{\"k\":1.50,\"v\":1e2147483648}"),
                NewEvent.of("k.seen", "{\"k\":1.50,\"v\":1.50}")), ExpectedVersion.any());
            List<String> seen = new ArrayList<>();
            p.register(new CountByKey() {
                @Override
                public Long apply(Long count, ProjectionEvent e) {
                    seen.add(e.json().get("v").asText());
                    return count + 1;
                }
            });

            assertThat(p.await("by_key", 2, WAIT)).isTrue();

            assertThat(seen).containsExactly("Infinity", "1.50");
            assertThat(p.rows("by_key", 2, WAIT)).singleElement()
                .satisfies(r -> assertThat(r).containsExactly("1.50", 2L));
        }
    }

    @Test
    void givenASnapshotOfAFold_whenItsLogicChangesWithItsVersion_thenItReplaysWithTheNewLogicAlone() throws Exception {
        // without a version, the new logic went on from the old one's state: 3 events counted 1 each, then 10
        for (int version = 1; version <= 2; version++) {
            int step = version == 1 ? 1 : 10;
            int declared = version;
            try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log, 1)) {
                p.register(new CountByKey() {
                    @Override
                    public Long apply(Long count, ProjectionEvent e) {
                        return count + step;
                    }

                    @Override
                    public int version() {
                        return declared;
                    }

                    @Override
                    public Optional<StateCodec<Long>> codec() {
                        return Optional.of(LONGS);
                    }
                });
                for (int i = 0; i < (version == 1 ? 3 : 1); i++) {
                    log.append("a", "thing", List.of(NewEvent.of("k.seen", "{\"k\":1}")), ExpectedVersion.any());
                }

                assertThat(p.await("by_key", log.headSeq(), WAIT)).isTrue();

                assertThat(p.rows("by_key", log.headSeq(), WAIT)).singleElement()
                    .satisfies(r -> assertThat(r).containsExactly("1", declared == 1 ? 3L : 40L));
            }
        }
    }

    @Test
    void aSnapshotOfTheFingerprintBeforeNumbersWereExactIsNotTaken() {
        // partitions of numbers were a double's text before (1.50 was 1.5, 1e2 100.0): such a snapshot's states,
        // kept, split a partition in two; a fingerprint that differs makes the projection replay instead
        CountByKey p = new CountByKey();
        String before = "java:" + CountByKey.class.getName() + ":" + p.columns() + ":$.data.k:"
            + Integer.toHexString(new TreeSet<>(p.eventNames()).hashCode());

        assertThat(new JavaFold<>(p).fingerprint()).isNotEqualTo(before).startsWith("java2:");
    }

    @Test
    void aDefinitionNoTableCanHaveIsRefusedAtRegisterNamingItsClass() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            assertThatThrownBy(() -> p.register(new CountByKey(List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("projection by_key (dev.hindsight.projection.JavaFoldContractTest$CountByKey)")
                .hasMessageContaining("declares no columns");
            assertThatThrownBy(() -> p.register(new CountByKey(List.of(ProjectionColumn.of("k", ColumnType.VARCHAR),
                ProjectionColumn.of("K", ColumnType.BIGINT))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declares column K twice");
            assertThat(p.statuses()).isEmpty(); // nothing started
        }
    }

    @Test
    @Timeout(120) // before, close() waited for the apply for good: a hang, failed here
    void givenAnApplyThatNeitherReturnsNorHeedsTheStop_whenClosed_thenCloseReturnsSayingSo() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        Path snapshot = dir.resolve("projections").resolve("by_key.snapshot");
        try (LogCapture logs = LogCapture.of(ProjectionRunner.class.getName());
             EventLog log = EventLog.open(LogConfig.at(dir))) {
            Projections p = Projections.open(log, 1); // a snapshot after every event
            p.register(new CountByKey() {
                @Override
                public Long apply(Long count, ProjectionEvent e) {
                    inside.countDown();
                    while (!release.get()) { // a loop that swallows the interrupt, as a careless retry does
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                        Thread.interrupted();
                    }
                    return count + 1;
                }

                @Override
                public Optional<StateCodec<Long>> codec() {
                    return Optional.of(LONGS);
                }
            });
            log.append("a", "thing", List.of(NewEvent.of("k.seen", "{\"k\":1}")), ExpectedVersion.any());
            assertThat(inside.await(WAIT, TimeUnit.MILLISECONDS)).as("the apply entered").isTrue();

            p.close();

            assertThat(release.get()).as("closed while the apply still ran").isFalse();
            assertThat(logs.records()).anySatisfy(r -> assertThat(r.getMessage())
                .contains("projection by_key: its fold did not stop within 5000 ms", "no last snapshot"));
            assertThat(snapshot).doesNotExist();
            release.set(true);
            awaitThreadGone("hindsight-projection-by_key");
            // its apply returned: it wrote a snapshot of its event, over what a later runner of the name had written
            assertThat(snapshot).as("written by the runner its stop gave up on").doesNotExist();
        }
    }

    private static void awaitThreadGone(String name) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name))) {
            assertThat(System.nanoTime()).as(name + " still running").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // the released thread finishing its run
        }
    }

    private static ProjectionStatus awaitFailed(Projections p, String name) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
        while (System.nanoTime() < deadline) {
            for (ProjectionStatus s : p.statuses()) {
                if (s.name().equals(name) && s.status().equals("failed")) {
                    return s;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // its runner thread is applying the events
        }
        throw new AssertionError(name + " not failed within " + WAIT + " ms: " + p.statuses());
    }

    /** Counts per {@code $.data.k} as {@link CountByKey}, but makes a {@code String} of an event with "wrong". */
    private static final class Mistyped implements Projection<Object> {
        private final CountByKey counts = new CountByKey();

        @Override
        public String name() {
            return counts.name();
        }

        @Override
        public Set<String> eventNames() {
            return counts.eventNames();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<Object> stateType() {
            return (Class<Object>) (Class<?>) Long.class; // what a fold compiled against an older state class says
        }

        @Override
        public Object initialState() {
            return 0L;
        }

        @Override
        public Object apply(Object count, ProjectionEvent e) {
            return e.json().has("wrong") ? "text" : (Long) count + 1;
        }

        @Override
        public Optional<String> partitionKey() {
            return counts.partitionKey();
        }

        @Override
        public List<ProjectionColumn> columns() {
            return counts.columns();
        }

        @Override
        public Object[] row(String partition, Object count) {
            return new Object[] {partition, count};
        }
    }

    /** n.old v1 → v2: adds a field, touches no number. */
    private static final class AddsAField implements Upcaster {
        @Override
        public String eventName() {
            return "n.old";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public int toVersion() {
            return 2;
        }

        @Override
        public ObjectNode upcast(ObjectNode data) {
            return data.put("v2", true);
        }
    }

    /** Writes down, for each event: its name, {@code n} as read from the tree twice, and its data's text. */
    private record Collecting(String name, List<String> seen) implements Projection<Long> {
        @Override
        public Set<String> eventNames() {
            return Set.of("n.old", "n.new");
        }

        @Override
        public Class<Long> stateType() {
            return Long.class;
        }

        @Override
        public Long initialState() {
            return 0L;
        }

        @Override
        public Long apply(Long state, ProjectionEvent e) {
            seen.add(e.name() + " " + e.json().get("n").decimalValue() + " " + e.json().get("n").asText() + " "
                + e.data());
            return state + 1;
        }

        @Override
        public List<ProjectionColumn> columns() {
            return List.of(ProjectionColumn.of("n", ColumnType.BIGINT));
        }

        @Override
        public Object[] row(String partition, Long state) {
            return new Object[] {state};
        }
    }

    /** Counts events per {@code $.data.k}. */
    private static class CountByKey implements Projection<Long> {
        private final List<ProjectionColumn> columns;

        CountByKey() {
            this(List.of(ProjectionColumn.of("k", ColumnType.VARCHAR), ProjectionColumn.of("n", ColumnType.BIGINT)));
        }

        CountByKey(List<ProjectionColumn> columns) {
            this.columns = columns;
        }

        @Override
        public String name() {
            return "by_key";
        }

        @Override
        public Set<String> eventNames() {
            return Set.of("k.seen");
        }

        @Override
        public Class<Long> stateType() {
            return Long.class;
        }

        @Override
        public Long initialState() {
            return 0L;
        }

        @Override
        public Long apply(Long count, ProjectionEvent e) {
            return count + 1;
        }

        @Override
        public Optional<String> partitionKey() {
            return Optional.of("$.data.k");
        }

        @Override
        public List<ProjectionColumn> columns() {
            return columns;
        }

        @Override
        public Object[] row(String partition, Long count) {
            return new Object[] {partition, count};
        }
    }
}

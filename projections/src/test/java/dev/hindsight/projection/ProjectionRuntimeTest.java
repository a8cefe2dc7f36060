package dev.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.log.AppendResult;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import dev.hindsight.testkit.LogCapture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionRuntimeTest {

    private static final long WAIT = 30_000;

    @TempDir
    Path dir;

    private static void append(EventLog log, String stream, String name, String data) {
        log.append(stream, "thing", List.of(NewEvent.of(name, data)), ExpectedVersion.any());
    }

    /** Given: {@code events} counted events over three streams, folded by "counts" with a snapshot every 10 events. */
    private void countedWithSnapshotsEveryTen(int events) throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log, 10)) {
            p.register(new CountPerStream("counts", Set.of("counted")));
            for (int i = 0; i < events; i++) {
                append(log, "s" + i % 3, "counted", "{\"n\":" + i + "}");
            }
            assertThat(p.await("counts", log.headSeq(), WAIT)).isTrue();
        }
    }

    private static Map<String, String> rows(Projections p, String name, long bound) throws InterruptedException {
        return Oracle.rows(p.rows(name, bound, WAIT));
    }

    @Test
    void aBacklogCaughtUpWithIsSnapshottedWithoutWaitingForAMillionEvents() throws Exception {
        // a projection built over a long log wrote its first snapshot a million events later, or at a clean close: a
        // kill -9 before either replayed the whole log at the next start
        Path snapshot = dir.resolve("projections/counts.snapshot");
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            for (int batch = 0; batch < 70; batch++) { // more than the 65,536 events a catch-up is
                List<NewEvent> events = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    events.add(NewEvent.of("counted", "{\"n\":" + i + "}"));
                }
                log.append("s" + batch % 3, "thing", events, ExpectedVersion.any());
            }
            p.register(new CountPerStream("counts", Set.of("counted")));
            assertThat(p.await("counts", log.headSeq(), WAIT)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
            while (!Files.exists(snapshot)) { // written by the runner once it found itself caught up
                assertThat(System.nanoTime()).as("a snapshot within %d ms of the catch-up", WAIT).isLessThan(deadline);
                Thread.sleep(10);
            }
            append(log, "s", "counted", "{\"n\":-1}");
            assertThat(p.await("counts", log.headSeq(), WAIT)).isTrue();
            long written = Files.getLastModifiedTime(snapshot).toMillis();
            assertThat(Files.getLastModifiedTime(snapshot).toMillis()).as("not again for one more event")
                .isEqualTo(written);
        }
    }

    @Test
    void aProjectionCatchesUpWithHistoryThenFollowsTheLogLive() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            for (int i = 0; i < 100; i++) {
                append(log, "s" + i % 7, "counted", "{\"n\":" + i + "}");
            }
            p.register(new CountPerStream("counts", Set.of("counted")));
            assertThat(rows(p, "counts", log.headSeq())).isEqualTo(Oracle.countPerStream(log, log.headSeq()));
            append(log, "s1", "counted", "{\"n\":1000}");
            append(log, "s1", "ignored", "{\"n\":5000}");
            assertThat(p.await("counts", log.headSeq(), WAIT)).isTrue();
            assertThat(rows(p, "counts", log.headSeq())).isEqualTo(Oracle.countPerStream(log, log.headSeq()));
            assertThat(p.statuses()).singleElement().satisfies(s -> {
                assertThat(s.status()).isEqualTo("active");
                assertThat(s.position()).isEqualTo(log.headSeq());
                assertThat(s.lag()).isZero();
            });
        }
    }

    @Test
    void asOfEverySeqEqualsTheFoldOfThatPrefix() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            p.register(new CountPerStream("counts", Set.of("counted")));
            for (int i = 0; i < 60; i++) {
                append(log, "s" + i % 4, i % 5 == 0 ? "other" : "counted", "{\"n\":" + i + "}");
            }
            for (long n = 0; n <= log.headSeq(); n++) {
                assertThat(rows(p, "counts", n)).as("as of seq %d", n).isEqualTo(Oracle.countPerStream(log, n));
            }
        }
    }

    @Test
    void aRestartLoadsTheSnapshotAndCatchesUpWithoutCountingTwice() throws Exception {
        countedWithSnapshotsEveryTen(95);
        assertThat(dir.resolve("projections/counts.snapshot")).exists();
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            for (int i = 0; i < 20; i++) {
                append(log, "s" + i % 5, "counted", "{\"n\":" + i + "}");
            }
            try (Projections p = Projections.open(log, 10)) {
                p.register(new CountPerStream("counts", Set.of("counted")));
                assertThat(rows(p, "counts", log.headSeq())).isEqualTo(Oracle.countPerStream(log, log.headSeq()));
                // the snapshot held only the latest states: an older point is answered by a rebuild of history
                assertThat(rows(p, "counts", 40)).isEqualTo(Oracle.countPerStream(log, 40));
            }
        }
    }

    @Test
    void readersRacingForAnOlderPointAfterARestartAllWaitForOneRebuildAndAllGetItsRows() throws Exception {
        countedWithSnapshotsEveryTen(95);
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            Map<String, String> expected = Oracle.countPerStream(log, 40);
            for (int round = 0; round < 5; round++) {
                // a restart: the snapshot holds only the latest states, so seq 40 needs a rebuild of history
                try (Projections p = Projections.open(log, 10)) {
                    p.register(new CountPerStream("counts", Set.of("counted")));
                    CountDownLatch start = new CountDownLatch(1);
                    List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        reads.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                start.await();
                                return rows(p, "counts", 40);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }, task -> new Thread(task).start()));
                    }
                    start.countDown();
                    for (CompletableFuture<Map<String, String>> read : reads) {
                        assertThat(read.get(WAIT, TimeUnit.MILLISECONDS)).as("round %d", round).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void aFailingProjectionStopsAtItsEventAndTheOthersGoOn() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            p.register(new CountPerStream("fragile", Set.of("counted")));
            p.register(new CountPerStream("sturdy", Set.of("counted"), false));
            append(log, "a", "counted", "{\"n\":1}");
            append(log, "a", "counted", "{\"n\":2,\"boom\":true}");
            append(log, "a", "counted", "{\"n\":3}");
            assertThat(p.await("sturdy", 3, WAIT)).isTrue();
            assertThat(p.await("fragile", 3, 50)).isFalse();
            Map<String, ProjectionStatus> statuses = new TreeMap<>();
            p.statuses().forEach(s -> statuses.put(s.name(), s));
            assertThat(statuses.get("fragile").status()).isEqualTo("failed");
            assertThat(statuses.get("fragile").position()).isEqualTo(1);
            assertThat(statuses.get("fragile").error()).contains("seq 2").contains("boom in a");
            assertThat(statuses.get("sturdy").status()).isEqualTo("active");
            assertThat(rows(p, "fragile", 3)).containsEntry("a", "1/1"); // as of the event before the failure
        }
    }

    /**
     * An Error (an AssertionError, a class missing from a fold's jar) ended the runner's thread with the projection
     * listed active: reads waited for it and then answered the old rows as current.
     */
    @Test
    void aFoldThatThrowsAnErrorIsFailedAtItsEventLiveAndInCatchUp() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            append(log, "a", "counted", "{\"n\":1}");
            append(log, "a", "counted", "{\"n\":2,\"boom\":true}");
            p.register(asserting("caught_up"));
            append(log, "b", "counted", "{\"n\":1}");
            p.register(asserting("live"));
            append(log, "b", "counted", "{\"boom\":true}");

            for (String name : List.of("caught_up", "live")) {
                assertThat(p.await(name, 4, WAIT)).as(name).isFalse(); // a failed projection answers at once
                ProjectionStatus status = p.statuses().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow();
                assertThat(status.status()).as(name).isEqualTo("failed");
                assertThat(status.error()).as(name).contains("assertion at");
            }
            assertThat(p.statuses().stream().filter(s -> s.name().equals("caught_up")).findFirst().orElseThrow()
                .position()).isEqualTo(1);
            assertThat(rows(p, "caught_up", 4)).containsOnly(Map.entry("a", "1/1"));
        }
    }

    private static CountPerStream asserting(String name) {
        return new CountPerStream(name, Set.of("counted"), false) {
            @Override
            public Count apply(Count c, ProjectionEvent e) {
                if (e.json().path("boom").asBoolean(false)) {
                    throw new AssertionError("assertion at " + e.streamId());
                }
                return super.apply(c, e);
            }
        };
    }

    @Test
    void aProjectionMayNotTakeTheNameOfATableOfTheLog() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            for (String name : List.of("events", "streams")) {
                assertThatThrownBy(() -> p.register(new CountPerStream(name, Set.of("counted"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad projection name '" + name + "': a table of the log has that name");
            }
            assertThat(p.names()).isEmpty();
        }
    }

    @Test
    void aRowOfAValueOfAnotherClassThanItsColumnTakesIsRefusedNamingTheColumn() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            append(log, "a", "counted", "{\"n\":1}");
            p.register(new CountPerStream("ints", Set.of("counted")) {
                @Override
                public Object[] row(String streamId, Count c) {
                    return new Object[] {streamId, (int) c.events(), c.sum()};
                }
            });

            assertThatThrownBy(() -> p.rows("ints", 1, WAIT)).isInstanceOf(ProjectionRowException.class)
                .hasMessage("projection ints gave column events (BIGINT, held as a 64-bit integer) a 32-bit integer");
        }
    }

    /** {@code counts} whose fold holds at the event with {@code "hold": true} until {@code release}. */
    private static CountPerStream holding(String name, CountDownLatch release) {
        return new CountPerStream(name, Set.of("counted"), false) {
            @Override
            public Count apply(Count c, ProjectionEvent e) {
                if (e.json().path("hold").asBoolean(false)) {
                    try {
                        release.await();
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt(); // the runner is being stopped
                    }
                }
                return super.apply(c, e);
            }
        };
    }

    /** Three events of stream a, and the projection "held", whose fold waits at the second until {@code release}. */
    private static void givenHeldAtSeq2(EventLog log, Projections p, CountDownLatch release) {
        append(log, "a", "counted", "{\"n\":1}");
        append(log, "a", "counted", "{\"n\":2,\"hold\":true}");
        append(log, "a", "counted", "{\"n\":3}");
        p.register(holding("held", release));
    }

    /** A read waited for seq 3, the projection was dropped, and the state short of it was answered as if exact. */
    @Test
    void aReadWaitingForAProjectionThatIsDroppedIsToldItIsGoneNotGivenAStateShortOfItsSeq() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            givenHeldAtSeq2(log, p, release);
            CompletableFuture<Object> read = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    read.complete(p.rows("held", 3, WAIT));
                } catch (RuntimeException | InterruptedException e) {
                    read.complete(e);
                }
            });
            reader.start();
            while (!read.isDone() && reader.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait(); // the fold is held at seq 2: the read waits for 3
            }

            assertThat(p.drop("held")).isTrue();

            assertThat(read.get(WAIT, TimeUnit.MILLISECONDS)).isInstanceOf(IllegalArgumentException.class)
                .asString().contains("no projection named held");
        } finally {
            release.countDown();
        }
    }

    /** Its state at seq 1 was answered for seq 3 once the wait ran out. */
    @Test
    void aReadOfAProjectionThatDoesNotCatchUpInTimeFailsSayingSoNotWithAnOlderState() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            givenHeldAtSeq2(log, p, release);

            assertThatThrownBy(() -> p.rows("held", 3, 200)).isInstanceOfSatisfying(ProjectionChangedException.class,
                e -> assertThat(e.lagging()).isTrue()).hasMessageContaining("did not reach seq 3 within 200 ms");

            release.countDown();
            assertThat(rows(p, "held", 3)).containsEntry("a", "3/6");
        } finally {
            release.countDown();
        }
    }

    /**
     * A read of a projection behind the log waits up to its time, or until its caller gives up (a statement canceled
     * or past its statement timeout): a read under a 3 s timeout waited the whole 30 s for a projection catching up.
     */
    @Test
    void aReadWaitingForAProjectionEndsWhenItsCallerGivesUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            givenHeldAtSeq2(log, p, release);
            Fold held = p.fold("held").orElseThrow();
            AtomicBoolean gaveUp = new AtomicBoolean();
            CompletableFuture<Object> read = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    read.complete(p.rows(held, null, 3, 600_000, gaveUp::get));
                } catch (RuntimeException | InterruptedException e) {
                    read.complete(e);
                }
            });
            reader.start();
            while (!read.isDone() && reader.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait(); // the fold is held at seq 2: the read waits for 3
            }

            gaveUp.set(true);

            assertThat(read.get(WAIT, TimeUnit.MILLISECONDS)).isInstanceOfSatisfying(ProjectionChangedException.class,
                e -> assertThat(e.lagging()).isTrue());
        } finally {
            release.countDown();
        }
    }

    /**
     * A wait goes on through a {@code CREATE OR REPLACE} with the projection there now, and a {@code DROP} ends it as
     * "no such projection": the runner's stop ended it at once as "not applied", as if its time had run out.
     */
    @Test
    void aWaitOutlastsAReplacementOfItsProjectionAndEndsWithItsDrop() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            append(log, "a", "counted", "{\"n\":1}");
            p.register(new CountPerStream("counts", Set.of("counted")));
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Boolean> applied = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.await("counts", 2, WAIT, () -> {
                        waiting.countDown(); // asked once the wait has begun, then every 50 ms
                        return false;
                    });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, task -> new Thread(task).start());
            assertThat(waiting.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();

            p.replace(new JavaFold<>(new CountPerStream("counts", Set.of("counted", "other"))), null)
                .get(WAIT, TimeUnit.MILLISECONDS);
            append(log, "a", "counted", "{\"n\":2}");

            assertThat(applied.get(WAIT, TimeUnit.MILLISECONDS)).as("applied by the replacement").isTrue();

            CountDownLatch waitingAgain = new CountDownLatch(1);
            CompletableFuture<Boolean> dropped = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.await("counts", 3, WAIT, () -> {
                        waitingAgain.countDown();
                        return false;
                    });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, task -> new Thread(task).start());
            assertThat(waitingAgain.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(p.drop("counts")).isTrue();
            assertThatThrownBy(() -> dropped.get(WAIT, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(NoSuchProjectionException.class);
        }
    }

    /** Read with the columns a statement was planned with, a replaced definition's rows were another shape's. */
    @Test
    void aReadPlannedWithAFoldReplacedSinceByOtherColumnsIsRefusedAndOneOfTheSameColumnsReadsTheNewRows()
            throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            append(log, "a", "counted", "{\"n\":1}");
            p.register(new CountPerStream("counts", Set.of("counted")));
            assertThat(p.await("counts", 1, WAIT)).isTrue();
            Fold planned = p.fold("counts").orElseThrow();

            p.replace(new JavaFold<>(new CountPerStream("counts", Set.of("counted", "other"))), null)
                .get(WAIT, TimeUnit.MILLISECONDS);
            assertThat(Oracle.rows(p.rows(planned, null, 1, WAIT))).containsEntry("a", "1/1");

            Fold same = p.fold("counts").orElseThrow();
            p.replace(new JavaFold<>(new CountPerStream("counts", Set.of("counted")) {
                @Override
                public List<ProjectionColumn> columns() {
                    return List.of(ProjectionColumn.of("stream_id", ColumnType.VARCHAR),
                        ProjectionColumn.of("n_events", ColumnType.BIGINT),
                        ProjectionColumn.of("total", ColumnType.BIGINT));
                }
            }), null).get(WAIT, TimeUnit.MILLISECONDS);
            assertThat(p.rows(same, new int[] {0, 2}, 1, WAIT)).as("the columns it reads are the same")
                .hasSize(1);
            assertThatThrownBy(() -> p.rows(same, null, 1, WAIT))
                .isInstanceOfSatisfying(ProjectionChangedException.class, e -> assertThat(e.lagging()).isFalse())
                .hasMessageContaining("replaced since this statement was planned, with other columns");
        }
    }

    @Test
    void aRebuildIsNeverSeenHalfBuilt() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            for (int i = 0; i < 20_000; i++) {
                append(log, "s" + i % 10, "counted", "{\"n\":1}");
            }
            p.register(new CountPerStream("counts", Set.of("counted")));
            assertThat(p.await("counts", log.headSeq(), WAIT)).isTrue();
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<String> seenWrong = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    while (!done.get()) {
                        long total = 0;
                        for (Object[] r : p.rows("counts", Long.MAX_VALUE, WAIT)) {
                            total += (Long) r[1];
                        }
                        if (total < 20_000) {
                            seenWrong.set("a read saw " + total + " events counted");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            reader.start();
            p.rebuild("counts").get(WAIT, TimeUnit.MILLISECONDS);
            append(log, "s1", "counted", "{\"n\":1}");
            done.set(true);
            reader.join();
            assertThat(seenWrong.get()).isNull();
            assertThat(rows(p, "counts", log.headSeq())).isEqualTo(Oracle.countPerStream(log, log.headSeq()));
        }
    }

    @Test
    void aReplacementSupersededWhileItIsBuiltNeverTakesTheLaterOnesPlace() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            append(log, "a", "counted", "{\"n\":1}");
            append(log, "a", "other", "{\"n\":5}");
            p.register(new CountPerStream("counts", Set.of("counted")));
            assertThat(p.await("counts", 2, WAIT)).isTrue();
            HeldCounts slow = new HeldCounts();

            CompletableFuture<Void> first = p.replace(new JavaFold<>(slow), "first");
            assertThat(slow.building.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();
            CompletableFuture<Void> second = p.replace(new JavaFold<>(new CountPerStream("counts", Set.of("other"))),
                "second");
            second.get(WAIT, TimeUnit.MILLISECONDS);
            slow.release.countDown();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("hindsight-rebuild-counts")) {
                    t.join(WAIT); // the superseded build's thread runs on after its cancel: let it end
                }
            }

            // before the fix the first build, let go, swapped in over the second and stored its own definition
            assertThat(first).isCancelled();
            assertThat(rows(p, "counts", 2)).containsExactly(Map.entry("a", "1/5"));
            assertThat(p.storedDefinitions()).containsEntry("counts", "second");
        }
    }

    @Test
    void aReplacementWhoseProjectionIsDroppedWhileItIsBuiltEndsCanceledAndLeavesNothing() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            append(log, "a", "counted", "{\"n\":1}");
            p.register(new CountPerStream("counts", Set.of("counted")));
            assertThat(p.await("counts", 1, WAIT)).isTrue();
            HeldCounts slow = new HeldCounts();
            CompletableFuture<Void> replacing = p.replace(new JavaFold<>(slow), "replacing");
            assertThat(slow.building.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();

            assertThat(p.drop("counts")).isTrue();
            slow.release.countDown();

            // it ended as done before: a statement waiting on it said its definition was in place
            assertThatThrownBy(() -> replacing.get(WAIT, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(CancellationException.class);
            assertThat(p.names()).isEmpty();
            assertThat(p.storedDefinitions()).isEmpty();
        }
    }

    @Test
    void aSnapshotThatCannotBeWrittenFailsNeitherItsProjectionNorTheOthersSnapshotsAtClose() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log, 1)) {
            p.register(new CountPerStream("unwritable", Set.of("counted")) {
                @Override
                public Optional<StateCodec<Count>> codec() {
                    return Optional.of(new StateCodec<>() {
                        @Override
                        public void write(Count c, DataOutput out) throws IOException {
                            throw new IOException("no format for it");
                        }

                        @Override
                        public Count read(DataInput in) {
                            throw new AssertionError("never written");
                        }
                    });
                }
            });
            p.register(new CountPerStream("zcounts", Set.of("counted")));
            append(log, "a", "counted", "{\"n\":1}");
            append(log, "a", "counted", "{\"n\":2}");
            assertThat(p.await("unwritable", 2, WAIT)).isTrue();
            assertThat(p.await("zcounts", 2, WAIT)).isTrue();
            append(log, "a", "counted", "{\"n\":3}");
            assertThat(p.await("unwritable", 3, WAIT)).isTrue();
            assertThat(p.statuses()).extracting(ProjectionStatus::status).containsOnly("active");
        }
        assertThat(Files.exists(dir.resolve("projections/zcounts.snapshot"))).isTrue();
        assertThat(Files.exists(dir.resolve("projections/unwritable.snapshot"))).isFalse();
        assertThat(Files.exists(dir.resolve("projections/unwritable.snapshot.tmp"))).isFalse();
    }

    @Test
    void smallAndTinyIntegersAreWrittenAndReadBackInASnapshot() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Values.write(new Object[] {(short) -7, (byte) 3, List.of((short) 1)}, new DataOutputStream(bytes));

        Object read = Values.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat((Object[]) read).containsExactly((short) -7, (byte) 3, List.of((short) 1));
    }

    @Test
    void readYourWritesWaitsForTheEventByItsId() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.inMemory()); Projections p = Projections.open(log)) {
            p.register(new CountPerStream("counts", Set.of("counted")));
            AppendResult r = log.append("x", "thing", List.of(NewEvent.of("counted", "{\"n\":7}")),
                ExpectedVersion.any());
            assertThat(p.awaitEvent("counts", r.events().get(0).eventId(), WAIT)).isTrue();
            assertThat(rows(p, "counts", log.headSeq())).containsEntry("x", "1/7");
            assertThatThrownBy(() -> p.awaitEvent("counts", UUID.randomUUID(), 10))
                .hasMessageContaining("no event with event_id");
            assertThatThrownBy(() -> p.await("nope", 1, 10)).hasMessageContaining("no projection named nope");
        }
    }

    @Test
    void aWaitIsGivenUpOnceItsCallerSaysSo_longBeforeItsTime() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.inMemory()); Projections p = Projections.open(log)) {
            p.register(new CountPerStream("counts", Set.of("counted")));
            AppendResult r = log.append("x", "thing", List.of(NewEvent.of("counted", "{\"n\":7}")),
                ExpectedVersion.any());
            AtomicInteger asked = new AtomicInteger();
            // the third time it is asked: the wait (for a seq that never comes) has looked at least twice
            assertThat(p.await("counts", 1_000_000, WAIT, () -> asked.incrementAndGet() >= 3)).isFalse();
            assertThat(asked).hasValue(3);
            assertThat(p.awaitEvent("counts", r.events().get(0).eventId(), WAIT, () -> true))
                .as("applied already: no wait to give up").isTrue();
        }
    }

    @Test
    void aStoredDefinitionThatDidNotCompileHoldsItsNameUntilDropped() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.inMemory()); Projections p = Projections.open(log)) {
            log.append("x", "thing", List.of(NewEvent.of("counted", "{\"n\":7}")), ExpectedVersion.any());
            // given a definition the SQL layer could not compile
            p.uncompiled("counts", "no function RETIRED_FN");
            assertThat(p.statuses()).extracting(ProjectionStatus::status, ProjectionStatus::position)
                .containsExactly(tuple("failed", 0L));
            assertThat(p.statuses().get(0).error()).contains("no longer compiles").contains("RETIRED_FN");
            assertThat(p.names()).isEmpty();
            // when it is read or a Java projection takes its name, then that is refused
            assertThatThrownBy(() -> p.await("counts", 1, WAIT)).isInstanceOf(UncompiledProjectionException.class);
            assertThatThrownBy(() -> p.rebuild("counts")).isInstanceOf(UncompiledProjectionException.class);
            assertThatThrownBy(() -> p.register(new CountPerStream("counts", Set.of("counted"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists already");
            assertThatThrownBy(() -> p.uncompiled("Counts Copy", "x")).isInstanceOf(IllegalArgumentException.class);
            // when it is dropped, then the name is free
            assertThat(p.drop("counts")).isTrue();
            assertThat(p.statuses()).isEmpty();
            p.register(new CountPerStream("counts", Set.of("counted")));
            assertThat(p.await("counts", 1, WAIT)).isTrue();
        }
    }

    @Test
    void aWaitForAnEventIdIsGivenUpAlsoWhileTheLogIsSearchedForIt() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.inMemory()); Projections p = Projections.open(log)) {
            p.register(new CountPerStream("counts", Set.of("counted")));
            for (int i = 0; i < 10; i++) {
                log.append("s" + i, "thing", Collections.nCopies(1_000, NewEvent.of("counted", "{\"n\":1}")),
                    ExpectedVersion.any());
            }
            AtomicInteger asked = new AtomicInteger();
            // an id that is not there reads the whole log: asked on the way, it stops at the first question
            assertThat(p.awaitEvent("counts", UUID.randomUUID(), WAIT, () -> asked.incrementAndGet() >= 1))
                .as("given up, not 'no such event'").isFalse();
            assertThat(asked).hasValue(1);
            assertThatThrownBy(() -> p.awaitEvent("counts", UUID.randomUUID(), WAIT, () -> false))
                .hasMessageContaining("no event with event_id");
        }
    }

    @Test
    void upcastersRunInChainOrderAndARebuildAppliesThemToOldEvents() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.inMemory()); Projections p = Projections.open(log)) {
            log.append("a", "thing", List.of(new NewEvent("counted", "{\"amount\":5}", null, 1)),
                ExpectedVersion.any());
            log.append("a", "thing", List.of(new NewEvent("counted", "{\"value\":6}", null, 2)), ExpectedVersion.any());
            log.append("a", "thing", List.of(new NewEvent("counted", "{\"n\":7}", null, 3)), ExpectedVersion.any());
            p.register(new CountPerStream("counts", Set.of("counted")));
            assertThat(rows(p, "counts", 3)).containsEntry("a", "3/7"); // the old shapes have no n yet
            p.register(rename("amount", "value", 1, 2));
            p.register(rename("value", "n", 2, 3));
            p.rebuild("counts").get(WAIT, TimeUnit.MILLISECONDS);
            assertThat(rows(p, "counts", 3)).containsEntry("a", "3/18");
            // the same as if the events had been written in the newest shape
            try (EventLog fresh = EventLog.open(LogConfig.inMemory()); Projections q = Projections.open(fresh)) {
                for (int n : new int[] {5, 6, 7}) {
                    fresh.append("a", "thing", List.of(new NewEvent("counted", "{\"n\":" + n + "}", null, 3)),
                        ExpectedVersion.any());
                }
                q.register(new CountPerStream("counts", Set.of("counted")));
                assertThat(rows(q, "counts", 3)).isEqualTo(rows(p, "counts", 3));
            }
            assertThatThrownBy(() -> p.register(rename("x", "y", 2, 2))).hasMessageContaining("must go up");
            assertThatThrownBy(() -> p.register(rename("x", "y", 1, 2))).hasMessageContaining("two upcasters");
        }
    }

    @Test
    void aSnapshotCutShortIsNotUsedAndSaysSo() throws Exception {
        countedWithSnapshotsEveryTen(30);
        Path snapshot = dir.resolve("projections/counts.snapshot");
        Files.write(snapshot, Arrays.copyOf(Files.readAllBytes(snapshot), 20)); // a copy cut short, say
        List<LogRecord> records;
        try (LogCapture logs = LogCapture.of(Projections.class.getName());
             EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log, 10)) {
            p.register(new CountPerStream("counts", Set.of("counted")));
            assertThat(rows(p, "counts", log.headSeq())).isEqualTo(Oracle.countPerStream(log, log.headSeq()));
            records = logs.records();
        }
        assertThat(records).as("it replayed in silence").anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).contains("projection counts: its snapshot was not used", "replays from seq 1");
        });
    }

    @Test
    void aSnapshotOfAnotherDefinitionIsNotLoaded() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log, 1)) {
            p.register(new CountPerStream("counts", Set.of("counted")));
            append(log, "a", "counted", "{\"n\":1}");
            append(log, "a", "other", "{\"n\":1}");
            assertThat(p.await("counts", 2, WAIT)).isTrue();
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            p.register(new CountPerStream("counts", Set.of("counted", "other")) {
                @Override
                public List<ProjectionColumn> columns() {
                    List<ProjectionColumn> c = new ArrayList<>(super.columns());
                    c.set(2, ProjectionColumn.of("n_total", ColumnType.BIGINT));
                    return c;
                }
            });
            assertThat(rows(p, "counts", 2)).containsEntry("a", "2/2");
        }
        assertThat(Files.exists(dir.resolve("projections/counts.snapshot"))).isTrue();
    }

    /** A fold that handles more event names than the one that made the snapshot: its state was stale. */
    @Test
    void aSnapshotOfAFoldOfOtherEventNamesIsNotLoaded() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log, 1)) {
            p.register(new CountPerStream("counts", Set.of("counted")));
            append(log, "a", "counted", "{\"n\":1}");
            append(log, "a", "other", "{\"n\":1}");
            assertThat(p.await("counts", 2, WAIT)).isTrue();
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            p.register(new CountPerStream("counts", Set.of("other", "counted")));
            assertThat(rows(p, "counts", 2)).containsEntry("a", "2/2");
        }
    }

    /** {@code counts} of {@code counted} events, whose build holds at its first event until {@link #release}. */
    private static final class HeldCounts extends CountPerStream {
        final CountDownLatch building = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldCounts() {
            super("counts", Set.of("counted"));
        }

        @Override
        public Count apply(Count c, ProjectionEvent e) {
            building.countDown();
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return super.apply(c, e);
        }
    }

    private static Upcaster rename(String from, String to, int fromVersion, int toVersion) {
        return new Upcaster() {
            @Override
            public String eventName() {
                return "counted";
            }

            @Override
            public int fromVersion() {
                return fromVersion;
            }

            @Override
            public int toVersion() {
                return toVersion;
            }

            @Override
            public ObjectNode upcast(ObjectNode data) {
                data.set(to, data.remove(from));
                return data;
            }
        };
    }
}

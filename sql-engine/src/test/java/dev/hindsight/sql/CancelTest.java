package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import dev.hindsight.log.EventLog;
import dev.hindsight.testkit.CancelLoop;
import dev.hindsight.testkit.ResultRows;
import dev.hindsight.testkit.Seeds;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * {@code Statement.cancel()} as in PostgreSQL: what the statement runs now stops with 57014 ("canceling statement due
 * to user request"), and the statement can run again; a cancel while it runs nothing leaves its next run alone.
 */
class CancelTest {

    private static final String CANCELED = "57014";

    @TempDir
    Path dir;
    private SqlFixture sql;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @BeforeEach
    void twentyThousandEvents() throws SQLException {
        SqlFixture.bulk(dir, 20, 1000);
        sql = SqlFixture.open(dir);
    }

    @AfterEach
    void close() throws SQLException {
        runner.shutdownNow();
        sql.close();
    }

    @Test
    void givenAStatementReadingRows_whenCanceled_thenTheRestFailsWith57014_andTheStatementRunsAgain()
            throws SQLException {
        try (Statement st = sql.connection.createStatement()) {
            assertThat(canceledMidway(st.executeQuery("SELECT seq FROM events"), st).getSQLState())
                .isEqualTo(CANCELED);
            assertThat(ResultRows.number(st.executeQuery("SELECT count(*) FROM events"))).isEqualTo(20_000);
        }
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT seq FROM events WHERE seq > ?")) {
            ps.setLong(1, 0);
            SQLException e = canceledMidway(ps.executeQuery(), ps);
            assertThat(e.getSQLState()).isEqualTo(CANCELED);
            assertThat(e.getMessage()).isEqualTo("canceling statement due to user request");
            ps.setLong(1, 19_990);
            assertThat(ResultRows.count(ps.executeQuery())).as("runs again, whole").isEqualTo(10);
        }
    }

    @Test
    void aCancelWhileNothingRunsLeavesTheNextRunAlone() throws SQLException {
        try (Statement st = sql.connection.createStatement();
             PreparedStatement ps = sql.connection.prepareStatement("SELECT seq FROM events")) {
            st.cancel();
            ps.cancel();
            assertThat(ResultRows.count(st.executeQuery("SELECT seq FROM events"))).isEqualTo(20_000);
            assertThat(ResultRows.count(ps.executeQuery())).isEqualTo(20_000);
        }
    }

    @Test
    void aCancelFromAnotherThreadStopsAWaitForAProjection() throws Exception {
        sql.update("CREATE PROJECTION counts AS SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id");
        try (Statement st = sql.connection.createStatement()) {
            // seq 10^12 never comes: only a cancel ends the wait before its two minutes (CancelLoop gives up after one)
            Future<Boolean> waiting = runner.submit(() -> {
                try (ResultSet rs = st.executeQuery("SELECT applied FROM TABLE(sys.await_projection('counts', "
                    + "1000000000000, 120000))")) {
                    return rs.next();
                }
            });
            SQLException e = CancelLoop.until(st, waiting);
            assertThat(e.getSQLState()).isEqualTo(CANCELED);
            assertThat(ResultRows.number(st.executeQuery("SELECT count(*) FROM counts")))
                .as("runs again").isEqualTo(20);
        }
        // prepared, an INSERT that waits: Avatica's cancel() took the lock its execute holds, and waited for the end
        try (PreparedStatement ps = sql.connection.prepareStatement("INSERT INTO events (stream_id, entity_type, "
            + "name, data) SELECT 'w', 't', 'x.waited', '{}' FROM TABLE(sys.await_projection('counts', "
            + "1000000000000, 120000))")) {
            Future<Integer> waiting = runner.submit(() -> ps.executeUpdate());
            assertThat(CancelLoop.until(ps, waiting).getSQLState()).isEqualTo(CANCELED);
        }
        assertThat(ResultRows.number(sql.connection.createStatement().executeQuery(
            "SELECT count(*) FROM events WHERE stream_id = 'w'"))).as("nothing appended").isZero();
    }

    /**
     * An INSERT … SELECT canceled at any point of its run (seeded points spread over a warm run's length): it failed
     * with 57014 and appended nothing, or it answered its count and appended that many events. A cancel after the last
     * scan was not looked at before the append, and the raised flag then failed the count's read ("Statement
     * canceled", XX000) with every event appended: a retry appended them twice.
     */
    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 3)
    void anInsertSelectCanceledAtAnyPointAppendsAllItAnswersOrNothing(long seed) throws Exception {
        Random random = new Random(seed);
        String insert = "INSERT INTO events (stream_id, entity_type, name, data) SELECT '%s', 't', 'x.copied', '{}' "
            + "FROM events a, events b WHERE a.seq <= 400 AND b.seq <= 250";
        try (Statement st = sql.connection.createStatement()) {
            long runNanos = 0;
            for (int warm = 0; warm < 3; warm++) { // the length of a warm run, where the cancels land
                long started = System.nanoTime();
                assertThat(st.executeUpdate(insert.formatted("warm-" + warm))).isEqualTo(100_000);
                runNanos = System.nanoTime() - started;
            }
            for (int round = 0; round < 8; round++) {
                String stream = "copy-" + round;
                Future<Integer> run = runner.submit(() -> st.executeUpdate(insert.formatted(stream)));
                TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * runNanos));
                st.cancel();
                Throwable failure = null;
                try {
                    assertThat(run.get(1, TimeUnit.MINUTES)).isEqualTo(100_000);
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
                long appended = ResultRows.number(sql.connection.createStatement().executeQuery(
                    "SELECT count(*) FROM events WHERE stream_id = '" + stream + "'"));
                if (failure == null) {
                    assertThat(appended).as("round %d: answered, all appended", round).isEqualTo(100_000);
                } else {
                    assertThat(failure).as("round %d", round).isInstanceOf(SQLException.class);
                    assertThat(((SQLException) failure).getSQLState()).as("round %d: %s", round, failure.getMessage())
                        .isEqualTo(CANCELED);
                    assertThat(appended).as("round %d: canceled, nothing appended", round).isZero();
                }
            }
        }
    }

    /**
     * Cancels racing INSERTs for real, each sent from another thread the moment the run's events are in the log (it
     * watches the head), after a seeded pause of 0 to 5 µs: the run answered its count, with its events appended.
     * Such a cancel raised the flag again once the append had lowered it, before Calcite read the count back: the run
     * failed ("Statement canceled", XX000) with its events appended, and a retry appended them twice (a clean-clone
     * run failed so).
     */
    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 2)
    void anInsertCanceledJustAfterItsAppendAnswersItsCount(long seed) throws Exception {
        Random random = new Random(seed);
        EventLog log = sql.connection.unwrap(EventLog.class);
        String insert = "INSERT INTO events (stream_id, entity_type, name, data) SELECT '%s', 't', 'x.copied', '{}' "
            + "FROM events WHERE seq <= 2";
        try (Statement st = sql.connection.createStatement()) {
            for (int run = 0; run < 40; run++) {
                long head = log.headSeq();
                long pauseNanos = random.nextInt(5_000);
                Future<?> canceller = runner.submit(() -> {
                    while (log.headSeq() == head) {
                        Thread.onSpinWait();
                    }
                    long until = System.nanoTime() + pauseNanos;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    st.cancel();
                    return null;
                });
                String stream = "raced-" + run;
                try {
                    assertThat(st.executeUpdate(insert.formatted(stream))).as("run %d", run).isEqualTo(2);
                } catch (SQLException e) {
                    long appended = ResultRows.number(sql.connection.createStatement().executeQuery(
                        "SELECT count(*) FROM events WHERE stream_id = '" + stream + "'"));
                    fail("run %d failed (%s %s) with %d events appended", run, e.getSQLState(), e.getMessage(),
                        appended);
                }
                canceller.get(1, TimeUnit.MINUTES);
            }
        }
    }

    /** Reads one row, cancels, and reads on: the failure that stopped the reading. */
    private static SQLException canceledMidway(ResultSet rs, Statement st) throws SQLException {
        try (rs) {
            assertThat(rs.next()).isTrue();
            st.cancel();
            return catchThrowableOfType(SQLException.class, () -> {
                while (rs.next()) {
                    // stops at once: next() sees the flag
                }
            });
        }
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.testkit.CancelLoop;
import dev.hindsight.testkit.ResultRows;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

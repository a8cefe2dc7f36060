package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.testkit.SlowReader;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code statement_timeout} as PostgreSQL's: {@code SET statement_timeout} and the connection property
 * {@code statementTimeout} stop a statement that runs longer with 57014 saying so; {@code RESET} returns to the
 * connection's default; the shorter of it and a JDBC query timeout wins; a bad value is 22023 and changes nothing.
 * A statement "runs longer" here because the client reads its 20,000 rows slower than the limit (a scenario of time,
 * not a synchronisation); the scan notices at its next batch of 1,024 events. Planning is bounded by it too
 * ({@link PlanningDeadline}).
 */
class StatementTimeoutTest {

    @TempDir
    Path dir;

    @BeforeEach
    void twentyThousandEvents() {
        SqlFixture.bulk(dir, 20, 1000);
    }

    @Test
    void givenSetStatementTimeout_whenAStatementRunsLonger_thenItStopsWith57014NamingTheTimeout() throws Exception {
        try (Connection c = connect(new Properties()); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '200ms'");

            SQLException e = readSlowly(st, 300);

            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("statement timeout (200 ms)");
        }
    }

    @Test
    void givenTheConnectionProperty_whenResetAfterASet_thenTheSessionIsBackToIt() throws Exception {
        Properties p = new Properties();
        p.setProperty("statementTimeout", "200");
        try (Connection c = connect(p); Statement st = c.createStatement()) {
            assertThat((Throwable) readSlowly(st, 300)).as("the property's 200 ms").isNotNull();

            st.execute("SET statement_timeout = 0");
            assertThat((Throwable) readSlowly(st, 300)).as("no limit").isNull();

            st.execute("RESET statement_timeout");
            assertThat((Throwable) readSlowly(st, 300)).as("the property's again").isNotNull();
        }
    }

    @Test
    void aQueryTimeoutShorterThanTheSessionsWins() throws Exception {
        try (Connection c = connect(new Properties()); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '1h'");
            st.setQueryTimeout(1);

            assertThat(readSlowly(st, 1_100).getMessage()).contains("statement timeout (1000 ms)");
        }
    }

    @Test
    void givenAStatementTimeoutFarShorterThanABigBatch_whenExecuted_thenItIs57014AndNothingIsWritten()
            throws Exception {
        // a batch ran to its end whatever the timeout said; 100,000 rows take far longer than 1 ms (a scenario of
        // time, not a synchronisation): it stops at a check of its rows, before its one append
        try (Connection c = connect(new Properties()); Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement("INSERT INTO events (stream_id, entity_type, name, data) "
                 + "VALUES (?, 'thing', 'thing.seen', '{}')")) {
            for (int i = 0; i < 100_000; i++) {
                ps.setString(1, "batch-" + i % 100);
                ps.addBatch();
            }
            st.execute("SET statement_timeout = '1ms'");

            BatchUpdateException e = catchThrowableOfType(BatchUpdateException.class, ps::executeBatch);

            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("statement timeout (1 ms)", "nothing of the batch was appended");
            for (int i = 0; i < 3_000; i++) { // a plain statement's batch: each command planned and run
                st.addBatch("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('batch-" + i
                    + "', 'thing', 'thing.seen', '{}')");
            }
            BatchUpdateException commands = catchThrowableOfType(BatchUpdateException.class, st::executeBatch);
            assertThat(commands.getSQLState()).isEqualTo("57014");
            st.execute("RESET statement_timeout");
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events WHERE stream_id LIKE 'batch-%'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void badValuesAre22023AndChangeNothing() throws Exception {
        try (Connection c = connect(new Properties()); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '200ms'");
            for (String bad : List.of("'soon'", "-5", "'5 weeks'", "'99999999999 s'")) {
                SQLException e = catchThrowableOfType(SQLException.class,
                    () -> st.execute("SET statement_timeout = " + bad));
                assertThat((Throwable) e).as(bad).isNotNull();
                assertThat(e.getSQLState()).as(bad).isEqualTo("22023");
                assertThat(e.getMessage()).as(bad).contains("statement_timeout");
            }
            SQLException system = catchThrowableOfType(SQLException.class,
                () -> st.execute("ALTER SYSTEM SET statement_timeout = 0"));
            assertThat(system.getSQLState()).as("no server-wide settings from SQL").isEqualTo("0A000");
            assertThat((Throwable) readSlowly(st, 300)).as("still 200 ms").isNotNull();
        }
        Properties p = new Properties();
        p.setProperty("statementTimeout", "soon");
        SQLException e = catchThrowableOfType(SQLException.class, () -> connect(p).close());
        assertThat(e.getSQLState()).isEqualTo("22023");
        assertThat(e.getMessage()).contains("statementTimeout", "'soon'");
    }

    @Test
    void givenWorkAboveTheScanOnEachRow_whenTheTimeoutPasses_thenItStopsWithinRowsNotTheBatchesReadAhead()
            throws Exception {
        // a backtracking pattern makes each row's filter cost what a batch of 1,024 events then takes (measured here,
        // warmed up); the scan reads up to eight batches ahead, and only looked at the timeout as it read one: the
        // statement stopped some eight batches after its deadline (a scenario of time, not a synchronisation)
        String slow = "SELECT COUNT(*) FROM events WHERE %s REGEXP_LIKE(REPEAT('x', 16) || stream_id, '(x+x+)+y')";
        try (Connection c = connect(new Properties()); Statement st = c.createStatement()) {
            long batch = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = st.executeQuery(String.format(slow, "seq <= 1024 AND"))) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isZero();
                }
                batch = Math.min(batch, (System.nanoTime() - start) / 1_000_000);
            }
            long timeout = Math.max(50, 2 * batch);
            st.execute("SET statement_timeout = '" + timeout + "ms'");

            long start = System.nanoTime();
            SQLException e = catchThrowableOfType(SQLException.class, () -> st.executeQuery(String.format(slow, "")));
            long took = (System.nanoTime() - start) / 1_000_000;

            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(took).as("stopped %d ms after a %d ms timeout, a batch taking %d ms", took - timeout, timeout,
                batch).isLessThan(timeout + 3 * Math.max(batch, 50));
        }
    }

    @Test
    void givenAStatementTimeout_whenPlanningOutrunsIt_thenTheStatementIs57014AndTheSessionGoesOn() throws Exception {
        // each level asks the levels below for x's monotonicity twice: 2^22 walks, some twenty seconds unbounded
        String stacked = "SELECT seq AS x FROM events";
        for (int level = 1; level <= 22; level++) {
            stacked = "SELECT x + x AS x FROM (" + stacked + ") t" + level;
        }
        String query = stacked;
        try (Connection c = connect(new Properties()); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '300ms'");

            SQLException e = catchThrowableOfType(SQLException.class, () -> c.prepareStatement(query).close());

            assertThat((Throwable) e).as("planned in full").isNotNull();
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("statement timeout (300 ms; planning is given at least 2000 ms) "
                + "while planning it");
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(20_000);
            }
        }
    }

    @Test
    void givenATinyStatementTimeout_whenTheSessionPlansShortStatements_thenTheyRunAndASetUndoesIt() throws Exception {
        // planning is given at least PlanningDeadline.MIN_MILLIS: a fresh JVM plans its first statements slowly
        try (Connection c = connect(new Properties()); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = 1");
            try (ResultSet rs = st.executeQuery("SELECT 1 + 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            st.execute("SET statement_timeout = 0");
            assertThat((Throwable) readSlowly(st, 300)).as("no limit again").isNull();
        }
    }

    private Connection connect(Properties p) throws SQLException {
        return SqlFixture.connect("jdbc:hindsight:file:" + dir, p);
    }

    /** What stopped a slow reader of a scan of the log ({@link SlowReader}), or {@code null} if it got every row. */
    private static SQLException readSlowly(Statement st, long millis) {
        try {
            assertThat(SlowReader.rows(st, "SELECT seq FROM events", millis)).isEqualTo(20_000);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}

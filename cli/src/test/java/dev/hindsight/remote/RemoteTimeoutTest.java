package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.testkit.SlowReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time limits over the wire, through the thin jar: {@code setQueryTimeout} (which Avatica's protocol does not carry)
 * reaches the server as the session's {@code statement_timeout}, as does the connection property
 * {@code statementTimeout} and the server's own ({@code serve --statement-timeout}); a statement that runs longer
 * fails with 57014, and so does one that takes longer to plan. It "runs longer" because the client reads its 20,000
 * rows, 100 to a frame, slower than the limit.
 */
class RemoteTimeoutTest {

    @TempDir
    Path dir;

    @BeforeEach
    void twentyThousandEvents() {
        BulkLog.write(dir, 20, 1000);
    }

    @Test
    void givenAQueryTimeout_whenTheQueryRunsLonger_thenItFailsWith57014_andAStatementWithoutOneRunsOn()
            throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.READ_KEY)) {
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(1);
                SQLException e = readSlowly(st, 1_100);
                assertThat((Throwable) e).isNotNull();
                assertThat(e.getSQLState()).isEqualTo("57014");
                assertThat(e.getMessage()).contains("statement timeout (1000 ms)");
            }
            try (Statement st = c.createStatement()) {
                assertThat((Throwable) readSlowly(st, 1_100)).as("no timeout: the server's default again").isNull();
            }
        }
    }

    @Test
    void theLongestQueryTimeoutJdbcAllowsIsTakenAsTheLongestTheServerHas() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.READ_KEY);
             Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events WHERE seq > ?")) {
            st.setQueryTimeout(Integer.MAX_VALUE); // Avatica held it as milliseconds in an int: -1000, 22023
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(20_000);
            }
            assertThat(st.getQueryTimeout()).isPositive();
            ps.setQueryTimeout(Integer.MAX_VALUE);
            ps.setLong(1, 0);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(20_000);
            }
        }
    }

    @Test
    void aQueryTimeoutLeavesTheUsersOwnStatementTimeoutAndTheShorterWins() throws Exception {
        Properties p = readerWithTimeout("200");
        try (RemoteServer server = RemoteServer.start(dir); Connection c = server.connect(p)) {
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(60);
                assertThat(readSlowly(st, 300).getMessage()).as("the property's 200 ms is shorter")
                    .contains("statement timeout (200 ms)");
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET statement_timeout = 0"); // the user's: the driver does not undo it
                st.setQueryTimeout(1);
                assertThat(readSlowly(st, 1_100).getMessage()).as("the query timeout still sent")
                    .contains("statement timeout (1000 ms)");
                st.setQueryTimeout(0);
                assertThat((Throwable) readSlowly(st, 300)).as("neither").isNull();
            }
        }
    }

    @Test
    void theConnectionPropertyAndTheServersOwnLimitStatements() throws Exception {
        Properties p = readerWithTimeout("200ms");
        try (RemoteServer server = RemoteServer.start(dir); Connection c = server.connect(p);
             Statement st = c.createStatement()) {
            assertThat(readSlowly(st, 300).getMessage()).contains("statement timeout (200 ms)");
        }
        Properties engine = new Properties();
        engine.setProperty("statementTimeout", "300");
        try (RemoteServer server = RemoteServer.withEngine(dir, engine);
             Connection c = server.connect(RemoteServer.READ_KEY); Statement st = c.createStatement()) {
            assertThat(readSlowly(st, 400).getMessage()).contains("statement timeout (300 ms)");
        }
    }

    @Test
    void givenTheServersTimeout_whenAStatementTakesLongerToPlan_thenItIs57014_andTheConnectionGoesOn()
            throws Exception {
        // a column doubled in each of 22 stacked sub-queries: Calcite's planning is exponential in the depth
        String stacked = "SELECT seq AS x FROM events";
        for (int level = 1; level <= 22; level++) {
            stacked = "SELECT x + x AS x FROM (" + stacked + ") t" + level;
        }
        String query = stacked;
        Properties engine = new Properties();
        engine.setProperty("statementTimeout", "300");
        try (RemoteServer server = RemoteServer.withEngine(dir, engine);
             Connection c = server.connect(RemoteServer.READ_KEY); Statement st = c.createStatement()) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> st.executeQuery(query).close());

            assertThat((Throwable) e).as("planned in full").isNotNull();
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("statement timeout (300 ms; planning is given at least 2000 ms) while "
                + "planning it");
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(20_000);
            }
        }
    }

    /** A read key's connection properties with the property {@code statementTimeout} set to {@code timeout}. */
    private static Properties readerWithTimeout(String timeout) {
        Properties p = new Properties();
        p.setProperty("user", "test");
        p.setProperty("password", RemoteServer.READ_KEY);
        p.setProperty("statementTimeout", timeout);
        return p;
    }

    /**
     * What stopped a slow reader ({@link SlowReader}) of a scan of the log, 100 rows to a frame, or {@code null} if it
     * got every row.
     */
    private static SQLException readSlowly(Statement st, long millis) throws SQLException {
        st.setFetchSize(100);
        try {
            assertThat(SlowReader.rows(st, "SELECT seq FROM events", millis)).isEqualTo(20_000);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}

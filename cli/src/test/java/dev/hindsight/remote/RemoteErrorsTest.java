package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors cross the wire with their SQLState and message, and without the server's stack trace: a version conflict
 * (40001), a write in a read-only or AS OF session (25006), bad JSON (22023), an unknown table (42xxx), UPDATE on the
 * log (42501). Nothing is written by a refused statement.
 */
class RemoteErrorsTest {

    @TempDir
    Path dir;
    RemoteServer server;
    Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
        connection = server.connect(RemoteServer.WRITE_KEY);
        Rows.update(connection, Rows.INSERT + "VALUES ('s', 't', 'x.y', '{}', NULL, 0)");
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void aGuardedInsertThatConflictsFailsWith40001NamingTheVersions() throws Exception {
        SQLException e = Rows.failure(() -> Rows.update(connection, Rows.INSERT + "VALUES ('s', 't', 'x.y', '{}', "
            + "NULL, 0)"));
        assertThat(e.getSQLState()).isEqualTo("40001");
        assertThat(e.getMessage()).contains("version conflict").contains("s");
        assertThat(stackTraceText(e)).doesNotContain("dev.hindsight.log").doesNotContain("\tat ");
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("1");
    }

    @Test
    void writesInAReadOnlyOrAsOfSessionFailWith25006() throws Exception {
        connection.setReadOnly(true);
        assertThat(Rows.failure(() -> Rows.update(connection, Rows.INSERT + "VALUES ('r', 't', 'x.y', '{}', NULL, "
            + "NULL)")).getSQLState()).isEqualTo("25006");
        connection.setReadOnly(false);

        Properties asOf = new Properties();
        asOf.setProperty("password", RemoteServer.WRITE_KEY);
        asOf.setProperty("asOf", "seq:1");
        try (Connection past = server.connect(asOf)) {
            assertThat(Rows.of(past, "SELECT COUNT(*) FROM events")).containsExactly("1");
            assertThat(Rows.failure(() -> Rows.update(past, Rows.INSERT + "VALUES ('r', 't', 'x.y', '{}', NULL, "
                + "NULL)")).getSQLState()).isEqualTo("25006");
        }
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("1");
        // the same property in the URL's query, as PostgreSQL's driver takes one (percent-decoded)
        Properties key = new Properties();
        key.setProperty("password", RemoteServer.WRITE_KEY);
        try (Connection past = ThinDriver.connect(server.url() + "?asOf=seq%3A0&statementTimeout=30s", key)) {
            assertThat(Rows.of(past, "SELECT COUNT(*) FROM events")).containsExactly("0");
            assertThat(Rows.failure(() -> Rows.update(past, Rows.INSERT + "VALUES ('r', 't', 'x.y', '{}', NULL, "
                + "NULL)")).getSQLState()).isEqualTo("25006");
        }
        SQLException noValue = Rows.failure(() -> ThinDriver.connect(server.url() + "?asOf", key).close());
        assertThat(noValue.getSQLState()).isEqualTo("08001");
        assertThat(noValue.getMessage()).contains("'asOf' is not name=value");
    }

    @Test
    void aNullLimitIsNoneAndANegativeOneIs2201WAsEmbedded() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("SELECT seq FROM events ORDER BY seq LIMIT ?")) {
            ps.setNull(1, Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("no limit: the one event").isTrue();
            }
            ps.setInt(1, -1);
            assertThat(Rows.failure(ps::executeQuery).getSQLState()).isEqualTo("2201W");
        }
    }

    @Test
    void badJsonUnknownTablesAndUpdatesKeepTheirStates() {
        assertThat(Rows.failure(() -> Rows.update(connection, Rows.INSERT + "VALUES ('r', 't', 'x.y', 'not json', "
            + "NULL, NULL)")).getSQLState()).isEqualTo("22023");
        assertThat(Rows.failure(() -> Rows.of(connection, "SELECT * FROM no_such_table")).getSQLState())
            .isEqualTo("42P01");
        assertThat(Rows.failure(() -> Rows.of(connection, "SELECT no_such_column FROM events")).getSQLState())
            .isEqualTo("42703");
        assertThat(Rows.failure(() -> Rows.update(connection, "UPDATE events SET name = 'z'")).getSQLState())
            .isEqualTo("42501");
    }

    @Test
    void messagesAreTheServersWordsOnlyWithoutAvaticasPrefixes() throws Exception {
        String insert = Rows.INSERT + "VALUES ('s', 't', 'x.y', '{}', NULL, 0)";
        SQLException plain = Rows.failure(() -> Rows.update(connection, insert));
        assertThat(plain.getSQLState()).isEqualTo("40001");
        assertThat(plain.getMessage()).contains("version conflict");
        assertClean(plain);

        SQLException prepare = Rows.failure(() -> connection.prepareStatement("SELECT * FROM nope"));
        assertThat(prepare.getSQLState()).isEqualTo("42P01");
        assertThat(prepare.getMessage()).contains("Object 'nope' not found");
        assertClean(prepare);

        try (PreparedStatement ps = connection.prepareStatement(insert)) {
            SQLException prepared = Rows.failure(ps::executeUpdate);
            assertThat(prepared.getSQLState()).isEqualTo("40001");
            assertThat(prepared.getMessage()).isEqualTo(plain.getMessage());
        }
        try (Statement st = connection.createStatement()) {
            SQLException query = Rows.failure(() -> st.executeQuery("SELECT * FROM nope"));
            assertThat(query.getMessage()).contains("Object 'nope' not found");
            assertClean(query);
        }
        connection.setAutoCommit(false);
        Rows.update(connection, insert);
        SQLException commit = Rows.failure(connection::commit);
        assertThat(commit.getMessage()).isEqualTo(plain.getMessage());
        connection.setAutoCommit(true);
    }

    @Test
    void aClosedConnectionOrStatementRefusesEverythingWith08003() throws Exception {
        Connection c = server.connect(RemoteServer.WRITE_KEY);
        Statement open = c.createStatement();
        PreparedStatement openPrepared = c.prepareStatement("VALUES 1");
        DatabaseMetaData md = c.getMetaData();
        Statement closed = c.createStatement();
        closed.close();
        PreparedStatement closedPrepared = c.prepareStatement("VALUES 1");
        closedPrepared.close();
        assertThat(Rows.failure(() -> closed.executeQuery("VALUES 1")).getSQLState()).isEqualTo("08003");
        assertThat(Rows.failure(closedPrepared::executeQuery).getSQLState()).isEqualTo("08003");

        c.close();
        assertThat(open.isClosed()).as("a statement of a closed connection").isTrue();
        assertThat(openPrepared.isClosed()).isTrue();
        List<Rows.Call> calls = List.of(() -> open.executeQuery("VALUES 1"), openPrepared::executeQuery,
            () -> openPrepared.setLong(1, 1), c::createStatement, () -> c.prepareStatement("VALUES 1"), c::commit,
            c::getMetaData, () -> md.getTables(null, null, "%", null), () -> md.getColumns(null, null, "%", "%"),
            md::getSchemas, md::getTypeInfo);
        for (Rows.Call call : calls) {
            assertThat(Rows.failure(call).getSQLState()).isEqualTo("08003");
        }
    }

    @Test
    void aRefusedStatementBatchIsABatchUpdateExceptionWithItsState() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.addBatch(Rows.INSERT + "VALUES ('fresh', 't', 'x.y', '{}', NULL, 0)");
            st.addBatch(Rows.INSERT + "VALUES ('s', 't', 'x.y', '{}', NULL, 0)");
            SQLException e = Rows.failure(st::executeBatch);
            assertThat((Throwable) e).isInstanceOf(BatchUpdateException.class);
            assertThat(e.getSQLState()).isEqualTo("40001");
            assertThat(e.getMessage()).contains("version conflict");
            assertClean(e);
        }
        try (Connection reader = server.connect(RemoteServer.READ_KEY); Statement st = reader.createStatement()) {
            st.addBatch(Rows.INSERT + "VALUES ('r', 't', 'x.y', '{}', NULL, NULL)");
            SQLException e = Rows.failure(st::executeBatch);
            assertThat((Throwable) e).isInstanceOf(BatchUpdateException.class);
            assertThat(e.getSQLState()).isEqualTo("42501");
        }
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("1");
    }

    private static void assertClean(SQLException e) {
        assertThat(e.getMessage()).doesNotContain("Error 0").doesNotContain("Error while")
            .doesNotContain("Remote driver error").doesNotContain("while preparing");
    }

    private static String stackTraceText(SQLException e) {
        StringBuilder all = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            all.append('\n').append(t.getMessage());
        }
        return all.toString();
    }
}

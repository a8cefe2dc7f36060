package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
    }

    @Test
    void badJsonUnknownTablesAndUpdatesKeepTheirStates() {
        assertThat(Rows.failure(() -> Rows.update(connection, Rows.INSERT + "VALUES ('r', 't', 'x.y', 'not json', "
            + "NULL, NULL)")).getSQLState()).isEqualTo("22023");
        assertThat(Rows.failure(() -> Rows.of(connection, "SELECT * FROM no_such_table")).getSQLState())
            .startsWith("42");
        assertThat(Rows.failure(() -> Rows.update(connection, "UPDATE events SET name = 'z'")).getSQLState())
            .isEqualTo("42501");
    }

    private static String stackTraceText(SQLException e) {
        StringBuilder all = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            all.append('\n').append(t.getMessage());
        }
        return all.toString();
    }
}

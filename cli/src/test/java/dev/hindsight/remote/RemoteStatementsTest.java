package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements as the thin driver sends them, which prepares every statement: given a server with one event, when DDL is
 * prepared and executed, a statement ends with a semicolon, or a parameter has nothing beside it to take a type from,
 * then each runs as it does embedded (the SQL layer's {@code Meta} behind both).
 */
class RemoteStatementsTest {

    @TempDir
    Path dir;
    RemoteServer server;
    Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
        connection = server.connect(RemoteServer.ADMIN_KEY);
        Rows.update(connection, Rows.INSERT + "VALUES ('s', 't', 'x.y', '{}', NULL, 0);");
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void aPreparedCreateProjectionRunsWhenExecutedAndOnlyThen() throws Exception {
        try (PreparedStatement create = connection.prepareStatement(
                "CREATE PROJECTION names AS SELECT name, COUNT(*) AS n FROM events GROUP BY name;")) {
            assertThat(Rows.of(connection, "SELECT name FROM sys.projections")).isEmpty();
            assertThat(create.executeUpdate()).isZero();
        }
        assertThat(Rows.of(connection, "SELECT name, n FROM names")).containsExactly("x.y, 1");
        try (PreparedStatement drop = connection.prepareStatement("DROP PROJECTION names")) {
            drop.execute();
        }
        assertThat(Rows.of(connection, "SELECT name FROM sys.projections")).isEmpty();
    }

    @Test
    void aConnectionReadingThePastSaysItIsReadOnlyAndTheLevelIsReadCommitted() throws Exception {
        Properties past = new Properties();
        past.setProperty("password", RemoteServer.READ_KEY);
        past.setProperty("asOf", "seq:1");
        try (Connection asOf = server.connect(past)) {
            assertThat(asOf.isReadOnly()).isTrue();
        }
        assertThat(connection.isReadOnly()).isFalse();
        Rows.update(connection, "SET as_of = 'seq:1'");
        assertThat(connection.isReadOnly()).as("the session reads the past").isTrue();
        Rows.update(connection, "RESET as_of");
        assertThat(connection.isReadOnly()).isFalse();
        Rows.update(connection, "SET as_of TO 'seq:2'"); // PostgreSQL's spellings, on the server's session
        assertThat(connection.isReadOnly()).isTrue();
        assertThat(Rows.of(connection, "SHOW as_of")).containsExactly("seq:2");
        Rows.update(connection, "SET as_of = DEFAULT");
        assertThat(connection.isReadOnly()).isFalse();
        assertThat(Rows.of(connection, "SHOW as_of")).containsExactly("");
        connection.setReadOnly(true);
        assertThat(connection.isReadOnly()).isTrue();
        connection.setReadOnly(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }

    @Test
    void aParameterWithNothingToTakeATypeFromIsTextAndOneInAFunctionsPlaceTakesItsType() throws Exception {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT ?, COALESCE(?, stream_id), SUBSTRING(name FROM ?) FROM events;")) {
            select.setInt(1, 7);
            select.setString(2, null);
            select.setInt(3, 3);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(Rows.text(rs)).containsExactly("7, s, y");
            }
        }
    }
}

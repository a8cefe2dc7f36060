package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JDBC conformance, read-only connections: a connection says it can write, and {@code setReadOnly(true)} makes it
 * refuse every kind of INSERT with 25006 (PostgreSQL's read_only_sql_transaction) until it is set back.
 */
class JdbcReadOnlyTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:1");

    @Test
    void aConnectionCanWriteUntilItIsMadeReadOnly() throws SQLException {
        assertThat(sql.connection.isReadOnly()).isFalse();
        assertThat(sql.connection.getMetaData().isReadOnly()).isFalse();
        sql.connection.setReadOnly(true);
        assertThat(sql.connection.isReadOnly()).isTrue();
        assertThat(sql.connection.getMetaData().isReadOnly()).isTrue();

        assertThat(stateOf(() -> sql.update(InsertTest.COLUMNS + "VALUES ('r', 't', 'x.y', '{}', NULL, NULL)")))
            .isEqualTo("25006");
        try (PreparedStatement ps = sql.connection.prepareStatement(
            InsertTest.COLUMNS + "VALUES (?, 't', 'x.y', '{}', NULL, NULL)")) {
            ps.setString(1, "r");
            assertThat(stateOf(ps::executeUpdate)).as("a prepared single-row INSERT").isEqualTo("25006");
            ps.addBatch();
            assertThat(stateOf(ps::executeBatch)).as("a batch").isEqualTo("25006");
        }
        try (Statement st = sql.connection.createStatement()) {
            st.addBatch(InsertTest.COLUMNS + "VALUES ('r', 't', 'x.y', '{}', NULL, NULL)");
            assertThat(stateOf(st::executeBatch)).as("a statement batch").isEqualTo("25006");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).as("reads go on").containsExactly("1");

        sql.connection.setReadOnly(false);
        assertThat(sql.update(InsertTest.COLUMNS + "VALUES ('r', 't', 'x.y', '{}', NULL, NULL)")).isEqualTo(1);
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    /**
     * Given a transaction holding an INSERT, when the connection is made read-only, then that is refused with 25001
     * as PostgreSQL's driver refuses it, the setting stays, and the commit appends the INSERT made while writable
     * (the change was taken, and the commit appended it all the same); once committed, the change is taken.
     */
    @Test
    void givenHeldInserts_whenMadeReadOnly_thenItIsRefusedWith25001UntilTheTransactionEnds() throws SQLException {
        sql.connection.setAutoCommit(false);
        sql.update(InsertTest.COLUMNS + "VALUES ('r', 't', 'x.y', '{}', NULL, NULL)");

        assertThat(stateOf(() -> sql.connection.setReadOnly(true))).isEqualTo("25001");
        assertThat(sql.connection.isReadOnly()).isFalse();
        sql.connection.commit();
        sql.connection.setReadOnly(true);

        assertThat(sql.connection.isReadOnly()).isTrue();
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'r'")).containsExactly("1");
    }

    /**
     * Given a transaction holding an INSERT, when {@code SET as_of} would make the session read the past (and say it
     * is read-only), then that is refused with 25001 as {@code setReadOnly} is: taken, the commit appended the INSERT
     * of a session that said it refused writes.
     */
    @Test
    void givenHeldInserts_whenSetAsOf_thenItIsRefusedWith25001AndTheSessionStaysInThePresent() throws SQLException {
        sql.connection.setAutoCommit(false);
        sql.update(InsertTest.COLUMNS + "VALUES ('r', 't', 'x.y', '{}', NULL, NULL)");

        assertThat(stateOf(() -> sql.update("SET as_of = 'seq:1'"))).isEqualTo("25001");
        assertThat(sql.connection.isReadOnly()).isFalse();
        sql.connection.commit();
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'r'")).containsExactly("1");
        sql.update("SET as_of = 'seq:1'");
        assertThat(sql.connection.isReadOnly()).isTrue();
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'r'")).containsExactly("0");
    }

    @Test
    void aSessionReadingThePastSaysItIsReadOnlyAndEveryConnectionIsReadCommitted() throws SQLException {
        // BI tools read isReadOnly() to decide whether to offer writes
        sql.update("SET as_of = 'seq:1'");
        assertThat(sql.connection.isReadOnly()).isTrue();
        assertThat(sql.connection.getMetaData().isReadOnly()).isTrue();
        sql.update("RESET as_of");
        assertThat(sql.connection.isReadOnly()).isFalse();
        Properties past = new Properties();
        past.setProperty("asOf", "seq:1");
        try (Connection asOf = SqlFixture.connect(sql.url(), past)) {
            assertThat(asOf.isReadOnly()).isTrue();
            asOf.setReadOnly(false);
            assertThat(asOf.isReadOnly()).as("still reading the past").isTrue();
        }
        // in the URL's query, as remotely: the whole text was the directory, and "DIR?asOf=seq:1" was made
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('b', 't', 'n', '{}')");
        try (Connection inUrl = SqlFixture.connect(sql.url() + "?asOf=seq%3A1", new Properties());
             Statement st = inUrl.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
            assertThat(inUrl.isReadOnly()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("as of seq 1, of 2").isEqualTo(1);
        }
        assertThat(Files.exists(Path.of(sql.url().substring("jdbc:hindsight:file:".length()) + "?asOf=seq:1")))
            .isFalse();
        sql.connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(sql.connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }

    @Test
    void aSessionReadingAsOfAPastPointRefusesBatchesToo() throws SQLException {
        sql.update("SET as_of = 'seq:1'");
        try (PreparedStatement ps = sql.connection.prepareStatement(
            InsertTest.COLUMNS + "VALUES (?, 't', 'x.y', '{}', NULL, NULL)")) {
            ps.setString(1, "r");
            ps.addBatch();
            assertThat(stateOf(ps::executeBatch)).isEqualTo("25006");
        }
        sql.update("RESET as_of");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("1");
    }

    private interface Call {
        void run() throws Exception;
    }

    private static String stateOf(Call call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(SQLException.class);
        return ((SQLException) thrown).getSQLState();
    }
}

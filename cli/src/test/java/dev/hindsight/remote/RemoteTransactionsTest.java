package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions and batches over the wire behave as embedded: with auto-commit off, INSERTs are held until commit (one
 * atomic append, guards checked then) or dropped by rollback; a batch is one append, all or nothing; RETURNING gives
 * the keys of what was appended.
 */
class RemoteTransactionsTest {

    @TempDir
    Path dir;
    RemoteServer server;
    Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
        connection = server.connect(RemoteServer.WRITE_KEY);
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void commitAppendsTheHeldInsertsAndRollbackDropsThem() throws Exception {
        connection.setAutoCommit(false);
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.z', '{}', NULL, 1)");
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).as("held").containsExactly("0");
        connection.commit();
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("2");

        Rows.update(connection, Rows.INSERT + "VALUES ('b', 't', 'x.y', '{}', NULL, 0)");
        connection.rollback();
        connection.setAutoCommit(true);
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    /** As embedded (JdbcReadOnlyTest): made read-only while INSERTs are held is 25001, and the setting stays. */
    @Test
    void givenHeldInserts_whenMadeReadOnly_thenItIsRefusedWith25001AndTheCommitAppendsThem() throws Exception {
        connection.setAutoCommit(false);
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");

        SQLException e = Rows.failure(() -> connection.setReadOnly(true));
        assertThat(e.getSQLState()).isEqualTo("25001");
        assertThat(connection.isReadOnly()).isFalse();
        connection.commit();
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("1");
    }

    @Test
    void aConflictAtCommitFailsWith40001AndWritesNothing() throws Exception {
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");
        connection.setAutoCommit(false);
        Rows.update(connection, Rows.INSERT + "VALUES ('b', 't', 'x.y', '{}', NULL, 0)");
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");
        SQLException e = Rows.failure(connection::commit);
        assertThat(e.getSQLState()).isEqualTo("40001");
        connection.setAutoCommit(true);
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("1");
    }

    @Test
    void turningAutoCommitOnCommitsTheTransactionAtOnceSoACloseRightAfterKeepsIt() throws Exception {
        try (Connection c = server.connect(RemoteServer.WRITE_KEY)) {
            c.setAutoCommit(false);
            Rows.update(c, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");
            c.setAutoCommit(true);
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("1");
    }

    @Test
    void aConflictWhenAutoCommitIsTurnedOnFailsThatCallWith40001() throws Exception {
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");
        connection.setAutoCommit(false);
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.z', '{}', NULL, 0)");
        SQLException e = Rows.failure(() -> connection.setAutoCommit(true));
        assertThat(e.getSQLState()).isEqualTo("40001");
        assertThat(connection.getAutoCommit()).as("off still, as embedded").isFalse();
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).as("the next statement runs")
            .containsExactly("1");
        connection.setAutoCommit(true);
        Rows.update(connection, Rows.INSERT + "VALUES ('b', 't', 'x.y', '{}', NULL, 0)");
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void turningAutoCommitOnAfterInsertsTakesOneRequestAndCommitsThem() throws Exception {
        connection.setAutoCommit(false);
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");
        connection.setAutoCommit(false); // unchanged: the transaction goes on
        int before = server.requests();
        connection.setAutoCommit(true);
        assertThat(server.requests() - before).as("requests to turn auto-commit on").isEqualTo(1);
        try (Connection other = server.connect(RemoteServer.READ_KEY)) {
            assertThat(Rows.of(other, "SELECT COUNT(*) FROM events")).as("committed").containsExactly("1");
        }
    }

    @Test
    void turningAutoCommitOffAndOnWithNothingBetweenSendsNothing() throws Exception {
        int before = server.requests();
        connection.setAutoCommit(false);
        connection.setAutoCommit(true);
        assertThat(server.requests() - before).as("requests").isZero();
        assertThat(connection.getAutoCommit()).isTrue();
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");
        try (Connection other = server.connect(RemoteServer.READ_KEY)) {
            assertThat(Rows.of(other, "SELECT COUNT(*) FROM events")).as("auto-committed").containsExactly("1");
        }
    }

    /** As embedded (JdbcTransactionsTest) and PostgreSQL's driver: no transaction to commit or roll back. */
    @Test
    void givenAutoCommit_whenCommitOrRollbackIsCalled_thenEachIsRefusedWith25P01AndTheConnectionGoesOn()
            throws Exception {
        assertThat(Rows.failure(connection::commit).getSQLState()).isEqualTo("25P01");
        assertThat(Rows.failure(connection::rollback).getSQLState()).isEqualTo("25P01");
        connection.setAutoCommit(false);
        connection.setAutoCommit(true); // off and on with nothing sent between: on, here and on the server
        assertThat(Rows.failure(connection::commit).getSQLState()).isEqualTo("25P01");
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("1");
    }

    /** Avatica sends a {@code setAutoCommit(false)} with the next statement: a commit before one is judged as off. */
    @Test
    void aCommitOrRollbackRightAfterAutoCommitWentOffIsNotRefused() throws Exception {
        connection.setAutoCommit(false);
        connection.commit();
        connection.setAutoCommit(true);
        connection.setAutoCommit(false);
        connection.rollback();
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0)");
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).as("held").containsExactly("0");
        connection.commit();
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("1");
    }

    @Test
    void insertsOfStatementsMadeBeforeAutoCommitWentOffAreHeldUntilCommit() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(
            Rows.INSERT + "VALUES (?, 't', 'x.y', '{}', NULL, 0)"); Statement st = connection.createStatement()) {
            connection.setAutoCommit(false);
            ps.setString(1, "a");
            ps.executeUpdate();
            connection.rollback();
            connection.setAutoCommit(true);

            connection.setAutoCommit(false);
            ps.setString(1, "b");
            ps.addBatch();
            ps.executeBatch();
            connection.rollback();
            connection.setAutoCommit(true);

            connection.setAutoCommit(false);
            st.addBatch(Rows.INSERT + "VALUES ('c', 't', 'x.y', '{}', NULL, 0)");
            st.executeBatch();
            assertThat(Rows.of(connection, "SELECT stream_id FROM events")).as("held").isEmpty();
            connection.commit();
        }
        assertThat(Rows.of(connection, "SELECT stream_id FROM events")).containsExactly("c");
    }

    @Test
    void aBatchIsOneAtomicAppend() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(
            Rows.INSERT + "VALUES (?, 't', 'x.y', '{}', NULL, ?)")) {
            for (int i = 0; i < 100; i++) {
                ps.setString(1, "s" + i);
                ps.setLong(2, 0);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).hasSize(100);
        }
        assertThat(Rows.of(connection, "SELECT COUNT(DISTINCT ts), MIN(seq), MAX(seq) FROM events"))
            .as("one append: one commit time, contiguous").containsExactly("1, 1, 100");

        try (PreparedStatement ps = connection.prepareStatement(
            Rows.INSERT + "VALUES (?, 't', 'x.y', '{}', NULL, 0)")) {
            ps.setString(1, "fresh");
            ps.addBatch();
            ps.setString(1, "s5"); // exists: the whole batch is refused
            ps.addBatch();
            SQLException e = Rows.failure(ps::executeBatch);
            assertThat((Throwable) e).isInstanceOf(BatchUpdateException.class);
            assertThat(e.getSQLState()).isEqualTo("40001");
            assertThat(e.getMessage()).startsWith("version conflict");
        }
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("100");
    }

    @Test
    void insertReturningGivesTheAppendedKeys() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(
            Rows.INSERT + "VALUES ('k', 't', 'x.y', '{}', NULL, 0) RETURNING seq, version, event_id");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("seq")).isEqualTo(1);
            assertThat(rs.getLong("version")).isEqualTo(1);
            assertThat(rs.getString("event_id")).hasSize(36);
        }
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDBC conformance, transactions (SPEC §2): a connection starts in auto-commit; with it off, the INSERTs of a
 * transaction are held (invisible, even to the connection) and appended as one atomic append at {@code commit()},
 * a conflict failing the commit with 40001 and writing nothing; {@code rollback()} drops them.
 */
class JdbcTransactionsTest {

    static final String INSERT = InsertTest.COLUMNS + "VALUES (?, 't', 'x.y', '{}', NULL, ?)";

    @TempDir
    Path dir;
    SqlFixture sql;
    Connection other;

    @BeforeEach
    void seed() throws SQLException {
        sql = SqlFixture.seeded(dir, "a:1");
        other = SqlFixture.connect("jdbc:hindsight:file:" + dir, new Properties());
    }

    @AfterEach
    void close() throws SQLException {
        other.close();
        sql.close();
    }

    @Test
    void aTransactionsInsertsAppearTogetherAtCommit() throws SQLException {
        assertThat(sql.connection.getAutoCommit()).isTrue();
        sql.connection.setAutoCommit(false);
        assertThat(sql.connection.getAutoCommit()).isFalse();
        insert("b", 0);
        assertThat(sql.update(InsertTest.COLUMNS + "VALUES ('b', 't', 'x.y', '{}', NULL, 1)")).isEqualTo(1);
        assertThat(count(sql.connection)).as("held rows are not read, even here").isEqualTo(1);
        assertThat(count(other)).isEqualTo(1);

        sql.connection.commit();
        assertThat(count(other)).isEqualTo(3);
        assertThat(sql.rows("SELECT stream_id, version FROM events WHERE seq > 1 ORDER BY seq"))
            .containsExactly("b, 1", "b, 2");
    }

    @Test
    void aCommitOfNothingLeavesNoKeysNotThoseOfTheCommitBefore() throws SQLException {
        sql.connection.setAutoCommit(false);
        insert("b", 0);
        sql.connection.commit();
        try (Statement s = sql.connection.createStatement()) {
            assertThat(SqlFixture.text(s.getGeneratedKeys())).hasSize(1);
            sql.connection.setAutoCommit(true);
            assertThat(SqlFixture.text(s.getGeneratedKeys())).as("auto-commit back on keeps them").hasSize(1);
            sql.connection.setAutoCommit(false);
            sql.connection.commit(); // nothing held: it appended nothing
            assertThat(SqlFixture.text(s.getGeneratedKeys())).as("the commit's keys: none").isEmpty();
        }
    }

    @Test
    void aRollbackDropsTheHeldInserts() throws SQLException {
        sql.connection.setAutoCommit(false);
        insert("c", 0);
        sql.connection.rollback();
        sql.connection.commit();
        assertThat(count(other)).isEqualTo(1);
    }

    /**
     * An INSERT of what the log refuses whatever it holds (data that is no JSON object, a stream id too long) is
     * refused by that INSERT, 22023, as in auto-commit, and the transaction goes on: it reported success, and the
     * commit failed naming "event #1" of the transaction, not the statement.
     */
    @Test
    void anInsertOfBadDataInATransactionIsRefusedByItselfNotByTheCommit() throws SQLException {
        sql.connection.setAutoCommit(false);
        insert("e", 0);
        assertThat(catchThrowableOfType(SQLException.class, () -> sql.update(InsertTest.COLUMNS
            + "VALUES ('bad', 't', 'x.y', '[1]', NULL, NULL)")).getSQLState()).isEqualTo("22023");
        assertThat(catchThrowableOfType(SQLException.class, () -> sql.update(InsertTest.COLUMNS
            + "VALUES ('" + "x".repeat(300) + "', 't', 'x.y', '{}', NULL, NULL)")).getSQLState()).isEqualTo("22023");
        sql.connection.commit();
        assertThat(sql.rows("SELECT stream_id FROM events WHERE seq > 1")).containsExactly("e");
    }

    @Test
    void aConflictAtCommitIs40001AndWritesNothing() throws SQLException {
        sql.connection.setAutoCommit(false);
        insert("d", 0);
        insert("a", 0); // stream a has one event: this guard fails, at commit
        Throwable thrown = catchThrowable(sql.connection::commit);
        assertThat(thrown).isInstanceOf(SQLException.class);
        assertThat(((SQLException) thrown).getSQLState()).isEqualTo("40001");
        assertThat(count(other)).isEqualTo(1);
        sql.connection.commit(); // the failed transaction is over: nothing is left to commit
        assertThat(count(other)).isEqualTo(1);
    }

    @Test
    void turningAutoCommitBackOnCommits() throws SQLException {
        sql.connection.setAutoCommit(false);
        insert("e", 0);
        sql.connection.setAutoCommit(true);
        assertThat(count(other)).isEqualTo(2);
        insert("e", 1); // auto-commit again: appended at once
        assertThat(count(other)).isEqualTo(3);
    }

    @Test
    void givenAHeldConflict_whenAutoCommitIsTurnedBackOn_thenItsCommitFailsWith40001AsAnSqlException()
            throws SQLException {
        sql.connection.setAutoCommit(false);
        insert("d", 0);
        insert("a", 0); // stream a has one event: this guard fails, at the commit auto-commit makes
        Throwable thrown = catchThrowable(() -> sql.connection.setAutoCommit(true)); // was unchecked (Avatica's)
        assertThat(thrown).isInstanceOf(SQLException.class);
        assertThat(((SQLException) thrown).getSQLState()).isEqualTo("40001");
        assertThat(count(other)).isEqualTo(1);
        assertThat(sql.connection.getAutoCommit()).as("as PostgreSQL's driver: still off").isFalse();
        sql.connection.setAutoCommit(true); // the failed transaction is over: nothing is left to commit
        insert("d", 0);
        assertThat(count(other)).isEqualTo(2);
    }

    @Test
    void givenAutoCommit_whenCommitOrRollbackIsCalled_thenEachIsRefusedWith25P01AndTheConnectionGoesOn()
            throws SQLException {
        insert("f", 0); // appended at once: there is nothing for a commit to do, and the caller should hear so
        for (ThrowingCallable call : new ThrowingCallable[] {sql.connection::commit, sql.connection::rollback}) {
            SQLException refused = catchThrowableOfType(SQLException.class, call);
            assertThat(refused.getSQLState()).isEqualTo("25P01");
            assertThat(refused.getMessage()).contains("auto-commit");
        }
        assertThat(count(other)).isEqualTo(2);
        assertThat(sql.connection.getAutoCommit()).isTrue();
        insert("f", 1);
        assertThat(count(other)).isEqualTo(3);
    }

    @Test
    void aTransactionHoldsABoundedAmountAndRefusesTheInsertBeyondItNotTheTransaction() throws SQLException {
        // a transaction had no bound: a client allowed to write could hold rows until the server's heap ran out
        String halfMebibyte = "{\"p\":\"" + "x".repeat((1 << 19) - 8) + "\"}"; // an event is at most 1 MiB
        sql.connection.setAutoCommit(false);
        int rows = 0;
        SQLException refused = null;
        try (PreparedStatement ps = sql.connection.prepareStatement(InsertTest.COLUMNS
            + "VALUES ('big', 't', 'x.y', ?, NULL, NULL)")) {
            while (refused == null && rows < 200) {
                ps.setString(1, halfMebibyte);
                try {
                    ps.executeUpdate();
                    rows++;
                } catch (SQLException e) {
                    refused = e;
                }
            }
        }
        assertThat((Throwable) refused).isNotNull();
        assertThat(refused.getSQLState()).isEqualTo("54000");
        assertThat(refused.getMessage()).contains("the transaction goes on");
        // 64 Mi characters hold 127 rows of 2^19 characters of data and 7 of stream id, type and name
        assertThat(rows).isEqualTo(127);
        sql.connection.commit();
        assertThat(count(other)).as("what it held, appended").isEqualTo(1 + 127);
        insert("after", 0);
        sql.connection.commit();
        assertThat(count(other)).as("the next transaction starts from nothing held").isEqualTo(1 + 127 + 1);
    }

    private void insert(String stream, long expectedVersion) throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(INSERT)) {
            ps.setString(1, stream);
            ps.setLong(2, expectedVersion);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JDBC conformance, {@code INSERT … RETURNING} (SPEC §2): one row per appended event with the columns named, as
 * PostgreSQL returns them, through a plain statement and a prepared one; the rows are those the log assigned.
 */
class JdbcReturningTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @Test
    void aStatementReturnsOneRowPerAppendedEvent() throws SQLException {
        try (Statement st = sql.connection.createStatement();
             ResultSet rs = st.executeQuery(InsertTest.COLUMNS + "VALUES ('r', 't', 'x.y', '{}', NULL, 0), "
                 + "('r', 't', 'x.y', '{\"returning\":1}', NULL, 1) RETURNING seq, version")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(List.of(md.getColumnName(1), md.getColumnName(2))).containsExactly("seq", "version");
            assertThat(SqlFixture.text(rs)).containsExactly("4, 1", "5, 2");
        }
        assertThat(sql.rows("SELECT seq, version FROM events WHERE stream_id = 'r' ORDER BY seq"))
            .containsExactly("4, 1", "5, 2");
    }

    @Test
    void aPreparedInsertReturnsTheColumnsNamedEachTime() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(InsertTest.COLUMNS
            + "VALUES (?, 't', 'x.y', '{}', NULL, NULL) RETURNING \"seq\", event_id, ts")) {
            assertThat(ps.getMetaData().getColumnCount()).isEqualTo(3);
            for (String stream : List.of("p", "q")) {
                ps.setString(1, stream);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    long seq = rs.getLong("seq");
                    assertThat(sql.rows("SELECT event_id, ts FROM events WHERE seq = ?", seq))
                        .containsExactly(rs.getString("event_id") + ", " + rs.getString("ts"));
                    assertThat(sql.rows("SELECT stream_id FROM events WHERE seq = ?", seq)).containsExactly(stream);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    @Test
    void returningStarIsTheFourKeys() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = sql.connection.createStatement();
             ResultSet rs = st.executeQuery(InsertTest.COLUMNS
                 + "VALUES ('s', 't', 'x.y', '{\"text\":\"a RETURNING b\"}', NULL, NULL) RETURNING *")) {
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                names.add(rs.getMetaData().getColumnName(c));
            }
            assertThat(SqlFixture.text(rs)).hasSize(1);
        }
        assertThat(names).containsExactly("seq", "version", "event_id", "ts");
    }

    @Test
    void returningAColumnOfAnotherTableIs42P01AndWritesNothing() throws SQLException {
        // the qualifier was not read: RETURNING nope.seq answered events' seq
        for (String item : new String[] {"nope.seq", "streams.version", "\"x\".event_id", "nope.events.seq",
            "sys.events.seq"}) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rowsOfStatement(InsertTest.COLUMNS
                + "VALUES ('q', 't', 'x.y', '{}', NULL, NULL) RETURNING " + item));
            assertThat(e.getSQLState()).as(item).isEqualTo("42P01");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'q'")).containsExactly("0");
        assertThat(sql.rowsOfStatement(InsertTest.COLUMNS + "VALUES ('q', 't', 'x.y', '{}', NULL, NULL) RETURNING "
            + "\"EVENTS\".version, public.events.version AS v")).containsExactly("1, 1");
        assertThat(sql.rowsOfStatement(InsertTest.COLUMNS + "VALUES ('q', 't', 'x.y', '{}', NULL, NULL) RETURNING "
            + "events.*")).as("the four keys, as *").hasSize(1).allMatch(row -> row.split(", ").length == 4);
        assertThat(catchThrowableOfType(SQLException.class, () -> sql.rowsOfStatement(InsertTest.COLUMNS
            + "VALUES ('q', 't', 'x.y', '{}', NULL, NULL) RETURNING events.\"a.seq\"")).getSQLState())
            .as("a dot inside quotes is the name's").isEqualTo("42703");
        assertThat(catchThrowableOfType(SQLException.class, () -> sql.rowsOfStatement(InsertTest.COLUMNS
            + "VALUES ('q', 't', 'x.y', '{}', NULL, NULL) RETURNING .seq")).getSQLState()).isEqualTo("42601");
    }

    @Test
    void returningAColumnThatIsNoKeyIs42703AndWritesNothing() throws SQLException {
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rowsOfStatement(InsertTest.COLUMNS
            + "VALUES ('n', 't', 'x.y', '{}', NULL, NULL) RETURNING seq, data"));
        assertThat(e.getSQLState()).isEqualTo("42703");
        assertThat(e.getMessage()).contains("\"data\"");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'n'")).containsExactly("0");
    }

    @Test
    void aGuardThatFailsReturnsNoRowsButTheConflict() throws SQLException {
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rowsOfStatement(InsertTest.COLUMNS
            + "VALUES ('a', 'thing', 'x.y', '{}', NULL, 1) RETURNING seq"));
        assertThat(e.getSQLState()).isEqualTo("40001");
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("3");
    }

    @Test
    void inATransactionItSaysTheKeysComeAtCommit() throws SQLException {
        sql.connection.setAutoCommit(false);
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rowsOfStatement(InsertTest.COLUMNS
            + "VALUES ('t', 't', 'x.y', '{}', NULL, NULL) RETURNING seq"));
        assertThat(e.getSQLState()).isEqualTo("0A000");
        assertThat(e.getMessage()).contains("commit");
        sql.connection.rollback();
        // a session that may not write says so first, as a plain INSERT there (it was 0A000 for the transaction)
        sql.connection.setReadOnly(true);
        SQLException readOnly = catchThrowableOfType(SQLException.class, () -> sql.rowsOfStatement(InsertTest.COLUMNS
            + "VALUES ('t', 't', 'x.y', '{}', NULL, NULL) RETURNING seq"));
        assertThat(readOnly.getSQLState()).isEqualTo("25006");
        sql.connection.setReadOnly(false);
        sql.connection.setAutoCommit(true);
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 't'")).containsExactly("0");
    }

    @Test
    void anInsertOfNoRowsReturnsNoRows() throws SQLException {
        sql.rowsOfStatement(InsertTest.COLUMNS + "VALUES ('z', 't', 'x.y', '{}', NULL, NULL) RETURNING seq");
        assertThat(sql.rowsOfStatement("INSERT INTO events (stream_id, entity_type, name, data) "
            + "SELECT stream_id, entity_type, name, data FROM events WHERE 1 = 0 RETURNING seq"))
            .as("not the previous append's keys").isEmpty();
    }

    @Test
    void executeUpdateCountsTheReturnedRows() throws SQLException {
        try (Statement st = sql.connection.createStatement()) {
            assertThat(st.executeUpdate(InsertTest.COLUMNS + "VALUES ('u', 't', 'x.y', '{}', NULL, NULL), "
                + "('u', 't', 'x.y', '{}', NULL, NULL) RETURNING seq")).isEqualTo(2);
        }
        try (PreparedStatement ps = sql.connection.prepareStatement(InsertTest.COLUMNS
            + "VALUES (?, 't', 'x.y', '{}', NULL, NULL) RETURNING seq")) {
            ps.setString(1, "u");
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'u'")).containsExactly("3");
    }

    @Test
    void aBatchOfReturningStatementsIs0A000AndWritesNothing() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(InsertTest.COLUMNS
            + "VALUES (?, 't', 'x.y', '{}', NULL, NULL) RETURNING seq")) {
            ps.setString(1, "b");
            ps.addBatch();
            ps.addBatch();
            SQLException e = catchThrowableOfType(SQLException.class, ps::executeBatch);
            assertThat(e.getSQLState()).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("batch").doesNotContain("Error 0");
        }
        try (Statement st = sql.connection.createStatement()) {
            st.addBatch(InsertTest.COLUMNS + "VALUES ('b', 't', 'x.y', '{}', NULL, NULL) RETURNING seq");
            assertThat(catchThrowableOfType(SQLException.class, st::executeBatch).getSQLState()).isEqualTo("0A000");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'b'")).containsExactly("0");
    }

    @Test
    void theListMayQualifyAliasAndCommentItsColumns() throws SQLException {
        try (Statement st = sql.connection.createStatement();
             ResultSet rs = st.executeQuery(InsertTest.COLUMNS + "VALUES ('c', 't', 'x.y', '{}', NULL, NULL) "
                 + "RETURNING events.seq AS id, version v /* the keys */; -- done")) {
            assertThat(List.of(rs.getMetaData().getColumnLabel(1), rs.getMetaData().getColumnLabel(2)))
                .containsExactly("id", "v");
            assertThat(SqlFixture.text(rs)).containsExactly("4, 1");
        }
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JDBC conformance, generated keys (SPEC §2): every JDBC way of asking for keys works, on statements and prepared
 * statements, with batches: {@code seq, version, event_id} by default, or the key columns named or numbered.
 */
class JdbcKeysTest {

    static final String INSERT = InsertTest.COLUMNS + "VALUES (?, 't', 'x.y', '{}', NULL, NULL)";

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    @Test
    void theMetadataSaysKeysAreSupported() throws SQLException {
        DatabaseMetaData md = sql.connection.getMetaData();
        assertThat(md.supportsGetGeneratedKeys()).isTrue();
        assertThat(md.getConnection()).isSameAs(sql.connection);
        assertThat(md.getURL()).isEqualTo(sql.url());
    }

    @Test
    void aPreparedInsertAskedForKeysReturnsSeqVersionAndEventId() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "n");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertThat(keys(ps)).containsExactly("seq=3 version=1 event_id=" + eventId(3));
        }
    }

    /**
     * A refused INSERT leaves no keys: they were the append's before it, the position of an event the refused
     * statement did not write (a client reading its write back would have read another's).
     */
    @Test
    void aRefusedInsertLeavesNoKeysNotThoseOfTheAppendBefore() throws SQLException {
        String guarded = InsertTest.COLUMNS + "VALUES ('g', 't', 'x.y', '{}', NULL, ?)";
        try (PreparedStatement ps = sql.connection.prepareStatement(guarded, Statement.RETURN_GENERATED_KEYS);
             Statement st = sql.connection.createStatement()) {
            ps.setLong(1, -1);
            ps.executeUpdate();
            assertThat(keys(ps)).hasSize(1);
            ps.setLong(1, 0); // g is at version 1 now
            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("40001"));
            assertThat(keys(ps)).as("the fast path's refusal").isEmpty();
            ps.setLong(1, -1);
            ps.executeUpdate();
            ps.setString(1, "not a version");
            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("22018"));
            assertThat(keys(ps)).as("a parameter refused before the append").isEmpty();
            st.executeUpdate(InsertTest.COLUMNS + "VALUES ('h', 't', 'x.y', '{}', NULL, -1)",
                Statement.RETURN_GENERATED_KEYS);
            assertThatThrownBy(() -> st.executeUpdate(InsertTest.COLUMNS + "VALUES ('h', 't', 'x.y', '[1]', NULL, "
                + "NULL)", Statement.RETURN_GENERATED_KEYS)).isInstanceOf(SQLException.class);
            assertThat(keys(st)).as("the log's refusal of the data").isEmpty();
        }
    }

    @Test
    void keysNamedOrNumberedAreThoseColumns() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(INSERT, new String[] {"SEQ", "ts"})) {
            ps.setString(1, "b");
            ps.executeUpdate();
            assertThat(keys(ps)).singleElement().asString().startsWith("seq=3 ts=2");
        }
        try (PreparedStatement ps = sql.connection.prepareStatement(INSERT, new int[] {4, 1})) {
            ps.setString(1, "b");
            ps.executeUpdate();
            assertThat(keys(ps)).containsExactly("version=2 seq=4");
        }
        assertThatThrownBy(() -> sql.connection.prepareStatement(INSERT, new String[] {"data"}))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42703"))
            .hasMessageContaining("'data'");
    }

    @Test
    void aStatementAndABatchAskingForKeysGetOneRowPerEvent() throws SQLException {
        try (Statement st = sql.connection.createStatement()) {
            assertThat(st.executeUpdate(InsertTest.COLUMNS + "VALUES ('c', 't', 'x.y', '{}', NULL, NULL)",
                Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
            assertThat(keys(st)).containsExactly("seq=3 version=1 event_id=" + eventId(3));
            assertThat(st.execute(InsertTest.COLUMNS + "VALUES ('c', 't', 'x.y', '{}', NULL, NULL)",
                new String[] {"version"})).isFalse();
            assertThat(keys(st)).containsExactly("version=2");
        }
        try (PreparedStatement ps = sql.connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "d");
            ps.addBatch();
            ps.setString(1, "d");
            ps.addBatch();
            ps.executeBatch();
            assertThat(keys(ps)).containsExactly("seq=5 version=1 event_id=" + eventId(5),
                "seq=6 version=2 event_id=" + eventId(6));
        }
    }

    /** The columns one run asked for stayed with the statement: a later run that asked for none got only those. */
    @Test
    void aRunThatAsksForNoKeyColumnsGetsTheDefaultOnesWhateverARunBeforeItAskedFor() throws SQLException {
        String insert = InsertTest.COLUMNS + "VALUES ('c', 't', 'x.y', '{}', NULL, NULL)";
        try (Statement st = sql.connection.createStatement()) {
            st.executeUpdate(insert, new String[] {"ts"});
            st.executeUpdate(insert);
            assertThat(keys(st)).containsExactly("seq=4 version=2 event_id=" + eventId(4));
            st.execute(insert, new int[] {1});
            st.addBatch(insert);
            st.executeBatch();
            assertThat(keys(st)).containsExactly("seq=6 version=4 event_id=" + eventId(6));
            st.executeLargeUpdate(insert, new String[] {"version"});
            assertThat(keys(st)).as("asked again").containsExactly("version=5");
            st.executeQuery(insert + " RETURNING seq").close();
            assertThat(keys(st)).as("an INSERT … RETURNING run as a query")
                .containsExactly("seq=8 version=6 event_id=" + eventId(8));
        }
        try (PreparedStatement ps = sql.connection.prepareStatement(INSERT, new String[] {"version"})) {
            ps.setString(1, "d");
            ps.executeUpdate();
            ps.setString(1, "d");
            ps.addBatch();
            ps.executeBatch();
            assertThat(keys(ps)).as("a prepared statement's own, every run").containsExactly("version=2");
        }
    }

    private String eventId(long seq) throws SQLException {
        return sql.rows("SELECT event_id FROM events WHERE seq = ?", seq).get(0);
    }

    private static List<String> keys(Statement st) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.getGeneratedKeys()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= n; c++) {
                    row.append(c > 1 ? " " : "").append(rs.getMetaData().getColumnName(c)).append('=')
                        .append(rs.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JDBC batches as one atomic append; {@code getGeneratedKeys()} after INSERTs and batches. */
class BatchAndKeysTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    private PreparedStatement insert() throws Exception {
        return sql.connection.prepareStatement(InsertTest.COLUMNS + "VALUES (?, 't', 'x.y', ?, NULL, ?)");
    }

    private static void add(PreparedStatement ps, String stream, String data, long expected) throws Exception {
        ps.setString(1, stream);
        ps.setString(2, data);
        ps.setLong(3, expected);
        ps.addBatch();
    }

    @Test
    void aPreparedBatchIsOneAppendWithGuardsSeeingEarlierRows() throws Exception {
        try (PreparedStatement ps = insert()) {
            add(ps, "b", "{\"n\":1}", 0);
            add(ps, "b", "{\"n\":2}", 1);
            add(ps, "c", "{\"n\":3}", 0);
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(SqlFixture.text(keys)).hasSize(3).allMatch(r -> r.matches("\\d+, \\d+, [0-9a-f-]{36}"))
                    .extracting(r -> r.substring(0, r.lastIndexOf(','))).containsExactly("3, 1", "4, 2", "5, 1");
            }
        }
        assertThat(sql.rows("SELECT stream_id, version FROM events WHERE seq > 2"))
            .containsExactly("b, 1", "b, 2", "c, 1");
    }

    @Test
    void aStaleGuardAnywhereInABatchWritesNothing() throws Exception {
        try (PreparedStatement ps = insert()) {
            add(ps, "b", "{}", 0);
            add(ps, "a", "{}", 1); // a is at version 2
            assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("40001")).hasMessageContaining("version conflict");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void badJsonAnywhereInABatchWritesNothing() throws Exception {
        try (PreparedStatement ps = insert()) {
            add(ps, "b", "{}", 0);
            add(ps, "b", "{nope", 1);
            assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("22023"));
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("2");
        // the connection is out of batch mode: the next insert appends at once
        assertThat(sql.update(InsertTest.COLUMNS + "VALUES ('d', 't', 'x.y', '{}', NULL, 0)")).isEqualTo(1);
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("3");
    }

    @Test
    void aStatementBatchIsAtomicToo() throws Exception {
        try (Statement st = sql.connection.createStatement()) {
            st.addBatch(InsertTest.COLUMNS + "VALUES ('e', 't', 'x.y', '{}', NULL, 0)");
            st.addBatch(InsertTest.COLUMNS + "VALUES ('e', 't', 'x.y', '{}', NULL, 0)"); // e exists by then
            assertThatThrownBy(st::executeBatch).isInstanceOf(BatchUpdateException.class);
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'e'")).containsExactly("0");
    }

    /** An INSERT of one event into stream {@code e}: the refused batches below begin with it. */
    private static final String INSERT_E = InsertTest.COLUMNS + "VALUES ('e', 't', 'x.y', '{}', NULL, 0)";

    /** The refusal of a statement batch of {@code statements}. */
    private BatchUpdateException refusedBatch(String... statements) throws Exception {
        try (Statement st = sql.connection.createStatement()) {
            for (String statement : statements) {
                st.addBatch(statement);
            }
            return catchThrowableOfType(BatchUpdateException.class, st::executeBatch);
        }
    }

    @Test
    void aBatchMixingInsertsWithOtherStatementsIsRefusedBeforeAnyOfItRuns() throws Exception {
        // the SET ran first, ahead of the INSERT written before it, and refused it; a CREATE PROJECTION stayed made by
        // a batch that said "nothing written"
        BatchUpdateException e = refusedBatch(INSERT_E, "SET as_of = 'seq:1'",
            "CREATE PROJECTION p AS SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id");
        assertThat(e.getSQLState()).isEqualTo("0A000");
        assertThat(e.getMessage()).contains("statement 2 of the batch (SET …)", "INSERTs only", "Nothing ran");
        assertThat(sql.connection.isReadOnly()).isFalse();
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'e'")).containsExactly("0");
        assertThat(sql.rows("SELECT COUNT(*) FROM sys.projections WHERE name = 'p'")).containsExactly("0");
    }

    @Test
    void aQueryInABatchIsRefusedForItHasNoCountToGive() throws Exception {
        BatchUpdateException e = refusedBatch(INSERT_E, "/* a comment first */ (SELECT 1 / 0)");
        assertThat(e.getSQLState()).isEqualTo("0100E"); // PostgreSQL's driver: a result where none was expected
        assertThat(e.getMessage()).contains("statement 2 of the batch (SELECT …)");
        try (PreparedStatement query = sql.connection.prepareStatement("SELECT seq FROM events WHERE seq = ?")) {
            query.setLong(1, 1);
            query.addBatch();
            assertThat(catchThrowableOfType(BatchUpdateException.class, query::executeBatch).getSQLState())
                .isEqualTo("0100E"); // its count was -1, no count JDBC allows
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id = 'e'")).containsExactly("0");
        try (Statement st = sql.connection.createStatement()) { // statements of other kinds alone run, in order
            st.addBatch("CREATE PROJECTION p AS SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id");
            st.addBatch("DROP PROJECTION p");
            assertThat(st.executeBatch()).containsExactly(0, 0);
        }
    }

    @Test
    void generatedKeysOfAnInsertAreSeqVersionAndEventId() throws Exception {
        try (Statement st = sql.connection.createStatement()) {
            st.executeUpdate(InsertTest.COLUMNS + "VALUES ('k', 't', 'x.y', '{}', NULL, 0), ('k', 't', 'x.y', '{}', "
                + "NULL, 1)");
            try (ResultSet keys = st.getGeneratedKeys()) {
                assertThat(keys.getMetaData().getColumnLabel(1)).isEqualTo("seq");
                assertThat(SqlFixture.text(keys)).extracting(r -> r.substring(0, r.lastIndexOf(',')))
                    .containsExactly("3, 1", "4, 2");
            }
            assertThat(st.getConnection()).isSameAs(sql.connection);
        }
        String eventId = sql.rows("SELECT event_id FROM events WHERE seq = 4").get(0);
        try (Statement st = sql.connection.createStatement()) {
            st.executeUpdate(InsertTest.COLUMNS + "VALUES ('k', 't', 'x.y', '{}', NULL, 2)");
            try (ResultSet keys = st.getGeneratedKeys()) {
                assertThat(SqlFixture.text(keys)).singleElement().asString().startsWith("5, 3, ")
                    .doesNotContain(eventId);
            }
        }
    }
}

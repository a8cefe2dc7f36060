package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code getGeneratedKeys()} through the thin jar, as embedded: every JDBC way of asking (RETURN_GENERATED_KEYS,
 * column names, column indexes; statements and prepared statements) returns one row per appended event with the asked
 * columns, after an INSERT, a batch (still one atomic append) or a commit; nothing before the commit.
 */
class RemoteKeysTest {

    static final String ROW = "VALUES (?, 't', 'x.y', '{}', NULL, ?)";

    @TempDir
    Path dir;
    RemoteServer server;
    Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir);
        connection = server.connect(RemoteServer.WRITE_KEY);
        Rows.update(connection, Rows.INSERT + "VALUES ('a', 't', 'x.y', '{}', NULL, 0), "
            + "('a', 't', 'x.y', '{}', NULL, 1)");
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void givenAPreparedInsertAskedForKeys_whenExecuted_thenItCountsOneAndItsKeysAreSeqVersionAndEventId()
            throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT + ROW, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "n");
            ps.setLong(2, 0);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.getStatement()).as("the keys' statement is the one asked").isSameAs(ps);
                assertThat(named(keys)).containsExactly("seq=3 version=1 event_id=" + eventId(3));
            }
        }
    }

    @Test
    void givenKeysNamedOrNumbered_whenThePreparedInsertRuns_thenTheKeysAreThoseColumnsInThatOrder() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT + ROW, new String[] {"SEQ", "ts"})) {
            ps.setString(1, "b");
            ps.setLong(2, 0);
            ps.executeUpdate();
            assertThat(named(ps.getGeneratedKeys())).singleElement().asString().startsWith("seq=3 ts=2");
        }
        try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT + ROW, new int[] {4, 1})) {
            ps.setString(1, "b");
            ps.setLong(2, 1);
            ps.executeUpdate();
            assertThat(named(ps.getGeneratedKeys())).containsExactly("version=2 seq=4");
        }
    }

    @Test
    void givenAColumnTheServerDoesNotAssign_whenAskedAsAKey_thenItIsRefusedWith42703AndNothingRuns() throws Exception {
        SQLException e = Rows.failure(() -> connection.prepareStatement(Rows.INSERT + ROW, new String[] {"data"}));
        assertThat(e.getSQLState()).isEqualTo("42703");
        assertThat(e.getMessage()).contains("'data'");
        try (Statement st = connection.createStatement()) {
            SQLException byIndex = Rows.failure(() -> st.executeUpdate(
                Rows.INSERT + "VALUES ('c', 't', 'x.y', '{}', NULL, 0)", new int[] {2}));
            assertThat(byIndex.getSQLState()).isEqualTo("42703");
            assertThat(Rows.failure(() -> st.execute(Rows.INSERT + "VALUES ('c', 't', 'x.y', '{}', NULL, 0)", 7))
                .getSQLState()).isEqualTo("22023");
        }
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void givenAStatement_whenItAsksForKeysInEachWay_thenEachInsertGetsItsOwnEventsKeys() throws Exception {
        try (Statement st = connection.createStatement()) {
            assertThat(st.executeUpdate(Rows.INSERT + "VALUES ('c', 't', 'x.y', '{}', NULL, 0), "
                + "('c', 't', 'x.y', '{}', NULL, 1)", Statement.RETURN_GENERATED_KEYS)).isEqualTo(2);
            assertThat(named(st.getGeneratedKeys())).containsExactly("seq=3 version=1 event_id=" + eventId(3),
                "seq=4 version=2 event_id=" + eventId(4));
            assertThat(st.execute(Rows.INSERT + "VALUES ('c', 't', 'x.y', '{}', NULL, 2)", new String[] {"version"}))
                .isFalse();
            assertThat(named(st.getGeneratedKeys())).containsExactly("version=3");
            assertThat(st.executeLargeUpdate(Rows.INSERT + "VALUES ('c', 't', 'x.y', '{}', NULL, 3)", new int[] {1}))
                .isEqualTo(1);
            assertThat(named(st.getGeneratedKeys())).containsExactly("seq=6");
        }
    }

    /** The columns one run asked for stayed with the statement: a later run that asked for none got only those. */
    @Test
    void givenARunThatAskedForAKeyColumn_whenTheNextRunAsksForNone_thenItsKeysAreTheDefaultOnes() throws Exception {
        String insert = Rows.INSERT + "VALUES ('c', 't', 'x.y', '{}', NULL, NULL)";
        try (Statement st = connection.createStatement()) {
            st.executeUpdate(insert, new String[] {"ts"});
            st.executeUpdate(insert);
            assertThat(named(st.getGeneratedKeys())).containsExactly("seq=4 version=2 event_id=" + eventId(4));
            st.execute(insert, new int[] {1});
            st.addBatch(insert);
            st.executeBatch();
            assertThat(named(st.getGeneratedKeys())).containsExactly("seq=6 version=4 event_id=" + eventId(6));
            st.execute(insert, new String[] {"version"});
            assertThat(named(st.getGeneratedKeys())).as("asked again").containsExactly("version=5");
            st.execute(insert);
            assertThat(named(st.getGeneratedKeys())).containsExactly("seq=8 version=6 event_id=" + eventId(8));
            st.execute(insert, new String[] {"version"});
            st.executeQuery(insert + " RETURNING seq").close();
            assertThat(named(st.getGeneratedKeys())).as("an INSERT … RETURNING run as a query")
                .containsExactly("seq=10 version=8 event_id=" + eventId(10));
        }
        try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT + ROW, new String[] {"version"})) {
            ps.setString(1, "n");
            ps.setLong(2, 0);
            ps.executeUpdate();
            ps.setString(1, "n");
            ps.setLong(2, 1);
            ps.addBatch();
            ps.executeBatch();
            assertThat(named(ps.getGeneratedKeys())).as("a prepared statement's own, every run").hasSize(1)
                .allMatch(k -> k.startsWith("version="));
        }
    }

    @Test
    void givenAPreparedBatchAskingForKeys_whenExecuted_thenItIsOneAppendAndTheKeysAreOneRowPerEvent()
            throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT + ROW, Statement.RETURN_GENERATED_KEYS)) {
            add(ps, "d", 0);
            add(ps, "d", 1);
            add(ps, "e", 0);
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
            assertThat(named(ps.getGeneratedKeys())).containsExactly("seq=3 version=1 event_id=" + eventId(3),
                "seq=4 version=2 event_id=" + eventId(4), "seq=5 version=1 event_id=" + eventId(5));
        }
        assertThat(Rows.of(connection, "SELECT COUNT(DISTINCT ts) FROM events WHERE seq > 2"))
            .as("one append: one commit time").containsExactly("1");
    }

    @Test
    void givenABatchAskingForKeysWithAStaleGuard_whenExecuted_thenNothingIsWrittenAndNoKeysOfItExist()
            throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT + ROW, Statement.RETURN_GENERATED_KEYS)) {
            add(ps, "f", 0);
            add(ps, "a", 0); // a is at version 2
            assertThat(Rows.failure(ps::executeBatch).getSQLState()).isEqualTo("40001");
            assertThat(named(ps.getGeneratedKeys())).as("a refused batch appends nothing and has no keys").isEmpty();
        }
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("2");
    }

    @Test
    void givenAStatementBatch_whenExecuted_thenTheKeysAreThoseOfEveryRowOfTheBatch() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.addBatch(Rows.INSERT + "VALUES ('g', 't', 'x.y', '{}', NULL, 0)");
            st.addBatch(Rows.INSERT + "VALUES ('g', 't', 'x.y', '{}', NULL, 1)");
            st.executeBatch();
            try (ResultSet keys = st.getGeneratedKeys()) {
                assertThat(Rows.text(keys)).extracting(r -> r.substring(0, r.lastIndexOf(',')))
                    .containsExactly("3, 1", "4, 2");
            }
        }
    }

    @Test
    void givenATransaction_whenInsertsAskForKeys_thenThereAreNoneUntilTheCommitAndThenAllOfIt() throws Exception {
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT + ROW, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "h");
            ps.setLong(2, 0);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertThat(named(ps.getGeneratedKeys())).as("held: not numbered yet").isEmpty();
            ps.setString(1, "h");
            ps.setLong(2, 1);
            ps.executeUpdate();
            connection.commit();
            assertThat(named(ps.getGeneratedKeys())).containsExactly("seq=3 version=1 event_id=" + eventId(3),
                "seq=4 version=2 event_id=" + eventId(4));
        }
        connection.setAutoCommit(true);
    }

    @Test
    void givenAnInsertReturning_whenRunAsAnUpdate_thenItCountsTheAppendedEventsAndTheyAreTheKeys() throws Exception {
        try (Statement st = connection.createStatement()) {
            assertThat(st.executeUpdate(Rows.INSERT + "VALUES ('j', 't', 'x.y', '{}', NULL, 0), "
                + "('j', 't', 'x.y', '{}', NULL, 1) RETURNING seq", Statement.RETURN_GENERATED_KEYS)).isEqualTo(2);
            assertThat(named(st.getGeneratedKeys())).containsExactly("seq=3 version=1 event_id=" + eventId(3),
                "seq=4 version=2 event_id=" + eventId(4));
        }
        try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT + ROW + " RETURNING version")) {
            ps.setString(1, "j");
            ps.setLong(2, 2);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(Rows.of(connection, "SELECT COUNT(*) FROM events")).containsExactly("5");
    }

    @Test
    void givenAConnection_whenAskedAboutKeys_thenItsMetadataSaysTheyAreSupported() throws Exception {
        assertThat(connection.getMetaData().supportsGetGeneratedKeys()).isTrue();
    }

    @Test
    void givenOpenKeys_whenTheirStatementCloses_thenTheKeysCloseWithIt() throws Exception {
        Statement st = connection.createStatement();
        st.executeUpdate(Rows.INSERT + "VALUES ('i', 't', 'x.y', '{}', NULL, 0)", Statement.RETURN_GENERATED_KEYS);
        ResultSet keys = st.getGeneratedKeys();
        st.close();
        assertThat(keys.isClosed()).isTrue();
    }

    private static void add(PreparedStatement ps, String stream, long expected) throws SQLException {
        ps.setString(1, stream);
        ps.setLong(2, expected);
        ps.addBatch();
    }

    private String eventId(long seq) throws SQLException {
        return Rows.of(connection, "SELECT event_id FROM events WHERE seq = " + seq).get(0);
    }

    /** The rows of {@code rs} as {@code column=value …}, closing it. */
    private static List<String> named(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (rs) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= n; c++) {
                    row.append(c > 1 ? " " : "").append(rs.getMetaData().getColumnLabel(c)).append('=')
                        .append(rs.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}

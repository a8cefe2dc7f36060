package dev.hindsight.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import javax.sql.rowset.serial.SerialClob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * SPEC §4, "every failure reaches the caller as an {@code SQLException} with a SQLState", for a caller's misuse of
 * JDBC: given a connection (embedded or remote: each driver's test extends this class), when a call is made that the
 * result, statement or connection cannot answer, then it fails with the SQLState PostgreSQL's driver gives, and a
 * message that says what is wrong (Avatica, under both drivers, gave none, and words of its own). A statement that
 * ran before its misuse was found has run, as with PostgreSQL's driver. Besides, two answers libraries rely on, the
 * same from both drivers: a prepared statement's {@code maxRows} limits its results, and a BINARY's text is its
 * bytes in hex.
 */
public abstract class JdbcMisuseContract {

    /** A new connection, which the test closes, to a log that has no stream {@code misuse-…}. */
    protected abstract Connection connect() throws Exception;

    /** The failure of {@code call}: an {@code SQLException} with {@code state} whose message contains {@code words}. */
    protected static SQLException failsWith(String state, String words, Executable call) {
        SQLException e = assertThrows(SQLException.class, call);
        assertEquals(state, e.getSQLState(), () -> "the SQLState of: " + e);
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains(words), () -> "'" + words + "' in: " + e.getMessage());
        return e;
    }

    @Test
    public void aColumnIndexTheResultDoesNotHaveIs22023() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 AS one")) {
            assertTrue(rs.next());
            failsWith("22023", "column index 0 is out of range: the result has 1 column", () -> rs.getString(0));
            failsWith("22023", "column index 2 is out of range", () -> rs.getLong(2));
            failsWith("22023", "column index 2 is out of range", () -> rs.getObject(2));
            assertEquals(1, rs.getInt(1), "the row is still there");
            // the metadata's getters threw an IndexOutOfBoundsException, unchecked (SPEC §4)
            ResultSetMetaData meta = rs.getMetaData();
            failsWith("22023", "column index 2 is out of range", () -> meta.getColumnType(2));
            failsWith("22023", "column index 0 is out of range", () -> meta.getColumnName(0));
            failsWith("22023", "column index 3 is out of range", () -> meta.isNullable(3));
            assertEquals("one", meta.getColumnLabel(1).toLowerCase(Locale.ROOT));
        }
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT 1 AS one, 2 AS two")) {
            failsWith("22023", "column index 3 is out of range", () -> ps.getMetaData().getPrecision(3));
        }
    }

    @Test
    public void aLabelNoColumnHasIs42703NamingTheColumns() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 AS one, 2 AS two")) {
            failsWith("42703", "no column \"three\": its columns are one, two", () -> rs.findColumn("three"));
            assertTrue(rs.next());
            failsWith("42703", "its columns are one, two", () -> rs.getString("three"));
            failsWith("42703", "its columns are one, two", () -> rs.getObject("three"));
            assertEquals(2, rs.getInt("TWO"), "a label matches ignoring case");
        }
    }

    @Test
    public void aReadWithNoRowUnderTheCursorIs24000() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT 1 AS one");
            failsWith("24000", "call next() first", () -> rs.getString(1));
            assertTrue(rs.next());
            assertFalse(rs.next());
            failsWith("24000", "after its last row", () -> rs.getString(1));
            rs.close();
            failsWith("24000", "closed", () -> rs.getString(1));
        }
    }

    @Test
    public void aValueReadAsATypeItDoesNotConvertToIs07006NamingTheColumn() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 'abc' AS word, 7 AS n")) {
            assertTrue(rs.next());
            // text read as a number or a date is the value it holds, and text that holds none 22018 or 22007 (each
            // was 07006)
            failsWith("22007", "column 1 holds the text 'abc', not a date and time", () -> rs.getTimestamp(1));
            failsWith("22018", "column 1 holds the text 'abc', not a number", () -> rs.getLong(1));
            failsWith("07006", "column 1 (word, ", () -> rs.getBlob(1));
            failsWith("07006", "column 2 (n, INTEGER) cannot be read as Timestamp", () -> rs.getTimestamp(2));
        }
    }

    @Test
    public void aValueReadAsNoClassIs22023() throws Exception {
        // a NullPointerException from inside the driver, in both
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 'abc' AS word, CAST(NULL AS INTEGER) AS n")) {
            assertTrue(rs.next());
            failsWith("22023", "needs a class to read the column as", () -> rs.getObject(1, (Class<?>) null));
            failsWith("22023", "needs a class to read the column as", () -> rs.getObject(2, (Class<?>) null));
            failsWith("22023", "needs a class to read the column as", () -> rs.getObject("word", (Class<?>) null));
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            ResultSet closed = st.executeQuery("SELECT 1 AS one");
            assertTrue(closed.next());
            assertFalse(st.getMoreResults()); // closes the result
            failsWith("24000", "closed", () -> closed.getObject(1, (Class<?>) null)); // as any getter, first
        }
    }

    @Test
    public void executeQueryOfAStatementWithoutRowsIs02000AfterItRan() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            failsWith("02000", "returns no rows", () -> st.executeQuery("INSERT INTO events (stream_id, entity_type, "
                + "name, data) VALUES ('misuse-1', 't', 't.x', '{}')"));
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events WHERE stream_id = 'misuse-1'")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1), "the INSERT ran, as with PostgreSQL's driver");
            }
            try (PreparedStatement ddl = c.prepareStatement("CREATE PROJECTION misuse_counts AS SELECT stream_id, "
                + "COUNT(*) AS n FROM events GROUP BY stream_id")) {
                failsWith("02000", "returns no rows", ddl::executeQuery);
            }
            st.executeUpdate("DROP PROJECTION misuse_counts"); // it was created
        }
    }

    /**
     * A scrollable or updatable kind of result set asked for is the forward-only, read-only one there is, and the
     * connection says so in a warning, as JDBC has a driver do: the statement reported the kind asked for, and
     * {@code last()} was 0A000.
     */
    @Test
    public void aKindOfResultSetNotOfferedIsForwardOnlyAndReadOnlyWithAWarning() throws Exception {
        try (Connection c = connect();
             Statement st = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
             PreparedStatement ps = c.prepareStatement("SELECT 1", ResultSet.TYPE_SCROLL_SENSITIVE,
                 ResultSet.CONCUR_UPDATABLE, ResultSet.HOLD_CURSORS_OVER_COMMIT);
             ResultSet rs = ps.executeQuery()) {
            assertEquals(ResultSet.TYPE_FORWARD_ONLY, st.getResultSetType());
            assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
            assertEquals(ResultSet.CONCUR_READ_ONLY, ps.getResultSetConcurrency());
            assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
            SQLWarning w = c.getWarnings();
            assertNotNull(w);
            assertEquals("01000", w.getSQLState());
            assertTrue(w.getMessage().contains("TYPE_SCROLL_INSENSITIVE is not supported"), w.getMessage());
            assertTrue(w.getNextWarning().getMessage().contains("TYPE_SCROLL_SENSITIVE"));
            assertTrue(w.getNextWarning().getNextWarning().getMessage().contains("CONCUR_UPDATABLE is not supported"));
            c.clearWarnings();
            assertEquals(null, c.getWarnings());
            try (Statement plain = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                assertEquals(ResultSet.TYPE_FORWARD_ONLY, plain.getResultSetType());
                assertEquals(null, c.getWarnings(), "the kind there is: no warning");
            }
        }
    }

    /**
     * Result sets stay open over a commit: {@code CLOSE_CURSORS_AT_COMMIT} asked of the connection or a statement is
     * that holdability with a warning (it was reported back as if honoured, the result set left open), a value that is
     * neither 22023 (it had no SQLState).
     */
    @Test
    public void aHoldabilityNotOfferedIsHoldOverCommitWithAWarningAndNoneIs22023() throws Exception {
        try (Connection c = connect()) {
            c.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT);
            assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, c.getHoldability());
            SQLWarning w = c.getWarnings();
            assertNotNull(w);
            assertEquals("01000", w.getSQLState());
            assertTrue(w.getMessage().contains("CLOSE_CURSORS_AT_COMMIT is not supported"), w.getMessage());
            c.clearWarnings();
            try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                     ResultSet.CLOSE_CURSORS_AT_COMMIT);
                 PreparedStatement ps = c.prepareStatement("SELECT 1", ResultSet.TYPE_FORWARD_ONLY,
                     ResultSet.CONCUR_READ_ONLY, ResultSet.CLOSE_CURSORS_AT_COMMIT)) {
                assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, st.getResultSetHoldability());
                assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, ps.getResultSetHoldability());
                assertNotNull(c.getWarnings());
                assertNotNull(c.getWarnings().getNextWarning(), "one warning each");
            }
            failsWith("22023", "holdability 99 is none of ResultSet's", () -> c.setHoldability(99));
            failsWith("22023", "holdability 0", () -> c.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY, 0));
        }
    }

    @Test
    public void executeUpdateOfAQueryIs0100E() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            failsWith("0100E", "returns rows", () -> st.executeUpdate("SELECT 1"));
            failsWith("0100E", "returns rows", ps::executeUpdate);
        }
    }

    @Test
    public void aNegativeLimitTimeoutOrFetchSizeIs22023() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            failsWith("22023", "setQueryTimeout takes 0 or more, not -1", () -> st.setQueryTimeout(-1));
            failsWith("22023", "setMaxRows takes 0 or more, not -1", () -> st.setMaxRows(-1));
            failsWith("22023", "setFetchSize takes 0 or more, not -5", () -> st.setFetchSize(-5));
            st.setMaxRows(0);
            st.setFetchSize(0);
        }
    }

    @Test
    public void aParameterIndexTheStatementDoesNotHaveIs22023() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS INTEGER)")) {
            failsWith("22023", "parameter 0 does not exist: the statement has 1 parameter", () -> ps.setInt(0, 1));
            failsWith("22023", "parameter 2 does not exist", () -> ps.setObject(2, 1));
        }
    }

    @Test
    public void whatHindsightDoesNotOfferIs0A000SayingWhat() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 AS one")) {
            for (Executable call : new Executable[] {c::setSavepoint, () -> c.prepareCall("{call p()}"),
                c::createBlob, () -> rs.absolute(1), rs::previous, rs::first, rs::isLast, rs::getCursorName,
                () -> rs.getRowId(1), () -> rs.getRowId("one")}) {
                SQLException e = failsWith("0A000", "not supported by Hindsight", call);
                assertTrue(e instanceof SQLFeatureNotSupportedException, e::toString);
            }
        }
    }

    @Test
    public void nativeSqlIsTheStatementAndCursorNamesAndEscapeProcessingAreAccepted() throws Exception {
        // Avatica refused all three with no SQLState; PostgreSQL's driver accepts them
        try (Connection c = connect(); Statement st = c.createStatement()) {
            assertEquals("SELECT {fn UCASE('a')}", c.nativeSQL("SELECT {fn UCASE('a')}"));
            st.setCursorName("c1"); // JDBC: a no-op where positioned UPDATE and DELETE do not exist
            st.setEscapeProcessing(false); // the escapes are read either way
            c.setTypeMap(new HashMap<>()); // nothing to map: accepted
            failsWith("0A000", "no user-defined types to map", () -> c.setTypeMap(Map.of("t", String.class)));
            try (ResultSet rs = st.executeQuery("SELECT {fn UCASE('a')}")) {
                assertTrue(rs.next());
                assertEquals("A", rs.getString(1));
            }
            Statement closed = c.createStatement();
            closed.close();
            failsWith("08003", "", () -> closed.setCursorName("c2"));
        }
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            ps.setCursorName("c1"); // a prepared statement too
            ps.setEscapeProcessing(true);
        }
    }

    @Test
    public void aBatchRowWithAParameterNotSetIs22023AndNothingIsAppended() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO events (stream_id, "
            + "entity_type, name, data) VALUES (?, 'misuse', 'misuse.seen', ?)")) {
            ps.setString(1, "misuse-batch");
            ps.setString(2, "{}");
            ps.addBatch();
            ps.clearParameters();
            ps.setString(1, "misuse-batch");
            ps.addBatch();
            failsWith("22023", "parameter 2 has no value", ps::executeBatch);
            assertEquals(0, count(c, "SELECT * FROM events WHERE stream_id = 'misuse-batch'"));
        }
    }

    /**
     * A batch with INSERTs is one atomic append: refused, none of its statements ran, and its counts say so for each
     * of them ({@code EXECUTE_FAILED}, as PostgreSQL's driver after an auto-commit batch it rolled back), with the
     * refusal as the next exception, where tools look for it. Both drivers gave empty counts, which frameworks read as
     * "the statements before the failure were applied"; a batch of statements of other kinds, which run one by one,
     * keeps them.
     */
    @Test
    public void aRefusedBatchCountsEachOfItsStatementsAsFailedAndChainsTheRefusal() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO events (stream_id, "
            + "entity_type, name, data, expected_version) VALUES (?, 'misuse', 'misuse.seen', '{}', ?)")) {
            ps.setString(1, "misuse-refused-batch");
            ps.setLong(2, 0);
            ps.addBatch();
            ps.setLong(2, 1);
            ps.addBatch();
            ps.setLong(2, 1); // stale: the stream is at version 2 by then
            ps.addBatch();
            assertAllFailed(3, "40001", failsWith("40001", "version conflict", ps::executeBatch));
            ps.setString(1, "misuse-refused-batch");
            ps.setNull(2, Types.BIGINT);
            ps.addBatch();
            ps.clearParameters();
            ps.addBatch();
            assertAllFailed(2, "22023", failsWith("22023", "has no value", ps::executeBatch));
            ps.clearParameters();
            ps.setString(1, "misuse-refused-batch");
            ps.setLong(2, 0);
            ps.addBatch();
            assertEquals(1, ps.executeBatch().length, "the batch after a refused one holds only its own row");
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.addBatch("INSERT INTO events (stream_id, entity_type, name, data, expected_version) "
                + "VALUES ('misuse-refused-batch', 'misuse', 'misuse.seen', '{}', 0)"); // stale: the stream is at 1
            st.addBatch("INSERT INTO events (stream_id, entity_type, name, data) "
                + "VALUES ('misuse-refused-batch', 'misuse', 'misuse.seen', '{}')");
            assertAllFailed(2, "40001", failsWith("40001", "version conflict", st::executeBatch));
            assertEquals(1, count(c, "SELECT * FROM events WHERE stream_id = 'misuse-refused-batch'"));
            // statements of other kinds run one by one, and the first stays: no count says it failed
            st.addBatch("SET statement_timeout = 5000");
            st.addBatch("SET no_such_setting = 1");
            SQLException refused = failsWith("22023", "no_such_setting", st::executeBatch);
            BatchUpdateException e = assertInstanceOf(BatchUpdateException.class, refused);
            assertEquals(0, e.getLargeUpdateCounts().length, "which statements ran is not known: no counts");
            assertNotNull(e.getNextException(), "the refusal, chained");
            try (ResultSet rs = st.executeQuery("SHOW statement_timeout")) {
                assertTrue(rs.next());
                assertEquals("5s", rs.getString(1));
            }
        }
    }

    private static void assertAllFailed(int statements, String state, SQLException refused) {
        BatchUpdateException e = assertInstanceOf(BatchUpdateException.class, refused);
        long[] failed = new long[statements];
        Arrays.fill(failed, Statement.EXECUTE_FAILED);
        assertArrayEquals(failed, e.getLargeUpdateCounts());
        assertEquals(statements, e.getUpdateCounts().length);
        assertNotNull(e.getNextException(), "the refusal, chained");
        assertEquals(state, e.getNextException().getSQLState());
    }

    /**
     * Text with an unpaired UTF-16 surrogate is no Unicode: refused with 22023 and nothing appended, by both drivers
     * (the thin one sent a {@code ?} in its place, and the server appended {@code x?y}).
     */
    @Test
    public void textWithAnUnpairedSurrogateIs22023AndNothingIsAppended() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO events (stream_id, "
            + "entity_type, name, data) VALUES (?, 'misuse', 'misuse.seen', ?)")) {
            ps.setString(1, "misuse-surrogate");
            ps.setString(2, "{\"k\":\"x\uD800y\"}");
            failsWith("22023", "unpaired surrogate", ps::executeUpdate);
            ps.setString(1, "misuse-surrogate\uDC00");
            ps.setString(2, "{}");
            failsWith("22023", "unpaired surrogate", ps::executeUpdate);
            ps.setString(1, "misuse-surrogate");
            ps.addBatch();
            ps.setString(2, "{\"k\":\"\uDC00\"}");
            ps.addBatch();
            failsWith("22023", "unpaired surrogate", ps::executeBatch);
            ps.clearBatch();
            ps.setString(1, "misuse-surrogate");
            ps.setObject(2, Character.valueOf('\uD800'));
            failsWith("22023", "unpaired surrogate", ps::executeUpdate);
            assertEquals(0, count(c, "SELECT * FROM events WHERE stream_id LIKE 'misuse-surrogate%'"));
        }
    }

    /**
     * A stream or large object binds what it holds, read whole (or up to its length), as PostgreSQL's driver binds it:
     * Avatica's setters bound nothing, so a batch wrote its first row's {@code data} again.
     */
    @Test
    public void aStreamOrLargeObjectParameterBindsWhatItHoldsAndTypesWithoutAColumnAre0A000() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO events (stream_id, "
            + "entity_type, name, data) VALUES ('misuse-streams', 'misuse', 'misuse.seen', ?)")) {
            ps.setString(1, "{\"row\":1}");
            ps.addBatch();
            ps.setCharacterStream(1, new StringReader("{\"row\":2}"));
            ps.addBatch();
            ps.setAsciiStream(1, new ByteArrayInputStream("{\"row\":3}".getBytes(StandardCharsets.US_ASCII)), 9);
            ps.addBatch();
            ps.setClob(1, new SerialClob("{\"row\":4}".toCharArray()));
            ps.addBatch();
            ps.setNCharacterStream(1, new StringReader("{\"row\":5} and more"), 9);
            ps.addBatch();
            ps.executeBatch();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CAST(JSON_VALUE(data, "
                + "'$.row') AS INTEGER) FROM events WHERE stream_id = 'misuse-streams' ORDER BY version")) {
                for (int row = 1; row <= 5; row++) {
                    assertTrue(rs.next());
                    assertEquals(row, rs.getInt(1));
                }
                assertFalse(rs.next());
            }
            failsWith("0A000", "setURL is not supported", () -> ps.setURL(1, new URL("http://example.com/")));
            failsWith("0A000", "setRef is not supported", () -> ps.setRef(1, null));
        }
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT ?, OCTET_LENGTH(?)")) {
            ps.setCharacterStream(1, new StringReader("one"));
            ps.setBinaryStream(2, new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), 3);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("one", rs.getString(1));
                assertEquals(3, rs.getInt(2));
            }
            ps.setCharacterStream(1, null);
            ps.setBinaryStream(2, null);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(null, rs.getString(1));
                assertEquals(null, rs.getObject(2));
            }
            failsWith("22023", "not ASCII", () -> ps.setAsciiStream(1, new ByteArrayInputStream(new byte[] {-61})));
            failsWith("22023", "length -1", () -> ps.setCharacterStream(1, new StringReader("x"), -1));
        }
        try (Connection c = connect()) {
            PreparedStatement closed = c.prepareStatement("SELECT ?");
            closed.close();
            failsWith("08003", "", () -> closed.setCharacterStream(1, new StringReader("x")));
        }
    }

    /**
     * An {@code INSERT … RETURNING} prepared with a request for keys has the columns it returns for keys, as
     * PostgreSQL's driver answers: jOOQ's {@code DEFAULT} dialect asks for keys and writes RETURNING, and both drivers
     * gave {@code seq, version, event_id}, which it mapped onto the columns it had named
     * ({@code returningResult(version)} was the event's seq).
     */
    @Test
    public void anInsertReturningPreparedForKeysHasItsReturnedColumnsForKeys() throws Exception {
        String insert = "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('misuse-returning-keys', "
            + "'misuse', 'misuse.seen', '{}') RETURNING version, seq AS \"at\"";
        try (Connection c = connect()) {
            for (PreparedStatement ps : List.of(c.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS),
                c.prepareStatement(insert, new String[] {"event_id"}))) {
                long version;
                long seq;
                try (ps) {
                    assertEquals(1, ps.executeUpdate());
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        assertTrue(keys.next());
                        assertEquals(2, keys.getMetaData().getColumnCount());
                        assertEquals("version", keys.getMetaData().getColumnLabel(1));
                        assertEquals("at", keys.getMetaData().getColumnLabel(2));
                        version = keys.getLong(1);
                        seq = keys.getLong(2);
                        assertFalse(keys.next());
                    }
                }
                try (PreparedStatement appended = c.prepareStatement("SELECT seq FROM events WHERE stream_id = "
                    + "'misuse-returning-keys' AND version = ?")) {
                    appended.setLong(1, version);
                    assertEquals(seq, firstLong(appended), "the seq of version " + version);
                }
            }
        }
    }

    /**
     * {@code setNull} with a type name binds NULL, as the two-argument form does (and PostgreSQL's driver): Avatica's
     * bound nothing, so the statement ran with the parameter's previous value (a batch's row appended the row before's
     * metadata) or, never set, was refused as having none. Spring calls it for every typed NULL it binds.
     */
    @Test
    public void setNullWithATypeNameBindsNullNotTheValueBefore() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO events (stream_id, "
            + "entity_type, name, data, metadata) VALUES (?, 'misuse', 'misuse.seen', '{}', ?)")) {
            ps.setString(1, "misuse-typed-null");
            ps.setString(2, "{\"who\":\"first\"}");
            ps.addBatch();
            ps.setNull(2, Types.VARCHAR, "VARCHAR");
            ps.addBatch();
            ps.executeBatch();
            ps.clearParameters();
            ps.setString(1, "misuse-typed-null");
            ps.setNull(2, Types.VARCHAR, null); // never set before: bound all the same
            ps.executeUpdate();
        }
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT metadata FROM events WHERE stream_id = 'misuse-typed-null' ORDER BY version")) {
            assertTrue(rs.next());
            assertEquals("{\"who\":\"first\"}", rs.getString(1));
            assertTrue(rs.next());
            assertEquals(null, rs.getString(1));
            assertTrue(rs.next());
            assertEquals(null, rs.getString(1));
            assertFalse(rs.next());
        }
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
            "SELECT COUNT(*) FROM events WHERE stream_id = ?")) {
            ps.setString(1, "misuse-typed-null");
            assertEquals(3, firstLong(ps));
            ps.setNull(1, Types.VARCHAR, "VARCHAR");
            assertEquals(0, firstLong(ps));
        }
    }

    /**
     * {@code setObject(value, sqlType)} with the value's own type code binds it, as PostgreSQL's driver does (Avatica
     * refused a Timestamp as TIMESTAMP, and a number as VARCHAR, with 0A000), and a number as a date-time is 07006
     * (Avatica took it for milliseconds since 1970).
     */
    @Test
    public void setObjectWithATypeCodeBindsTheValueAsThatTypeAndANumberAsADatetimeIs07006() throws Exception {
        Timestamp ts = Timestamp.valueOf("2024-01-02 03:04:05.5");
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS TIMESTAMP), "
            + "CAST(? AS DATE), CAST(? AS TIME), CAST(? AS VARCHAR(30)), CAST(? AS VARCHAR(30)), "
            + "CAST(? AS VARCHAR(30))")) {
            ps.setObject(1, ts, Types.TIMESTAMP);
            ps.setObject(2, Date.valueOf("2024-01-02"), Types.DATE);
            ps.setObject(3, Time.valueOf("10:11:12"), Types.TIME);
            ps.setObject(4, 5, Types.VARCHAR);
            ps.setObject(5, new BigDecimal("1.50"), Types.VARCHAR);
            ps.setObject(6, ts, Types.VARCHAR);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(ts, rs.getTimestamp(1));
                assertEquals(Date.valueOf("2024-01-02"), rs.getDate(2));
                assertEquals(Time.valueOf("10:11:12"), rs.getTime(3));
                assertEquals("5", rs.getString(4));
                assertEquals("1.50", rs.getString(5));
                assertEquals("2024-01-02 03:04:05.5", rs.getString(6));
            }
            ps.setObject(1, Date.valueOf("2024-01-02"), Types.TIMESTAMP);
            ps.setObject(2, ts, Types.DATE);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(Timestamp.valueOf("2024-01-02 00:00:00"), rs.getTimestamp(1));
                assertEquals(Date.valueOf("2024-01-02"), rs.getDate(2));
            }
            failsWith("07006", "cannot be set as TIMESTAMP", () -> ps.setObject(1, 5, Types.TIMESTAMP));
            failsWith("07006", "cannot be set as DATE", () -> ps.setObject(2, true, Types.DATE));
        }
    }

    /** A DOUBLE or REAL read as a BigDecimal is the decimal its text says (remotely it was every binary digit). */
    @Test
    public void aDoubleOrRealReadAsABigDecimalIsTheDecimalItsTextSays() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT CAST(0.1 AS DOUBLE), CAST(1e300 AS DOUBLE), CAST(0.1 AS REAL), CAST(NULL AS DOUBLE)")) {
            assertTrue(rs.next());
            assertEquals(new BigDecimal("0.1"), rs.getBigDecimal(1));
            assertEquals(new BigDecimal("1.0E+300"), rs.getBigDecimal(2));
            assertEquals(new BigDecimal("0.1"), rs.getBigDecimal(3));
            assertEquals(null, rs.getBigDecimal(4));
            assertEquals(new BigDecimal("0.1"), rs.getObject(1, BigDecimal.class));
        }
    }

    /**
     * Closing a connection closes its statements and their result sets, as JDBC says: remotely a result set went on
     * reading the rows it held, then failed naming an idle timeout.
     */
    @Test
    public void closingAConnectionClosesItsStatementsAndTheirResultSets() throws Exception {
        Connection c = connect();
        Statement plain = c.createStatement();
        ResultSet rows = plain.executeQuery("SELECT 1 UNION ALL SELECT 2");
        PreparedStatement prepared = c.prepareStatement("SELECT CAST(? AS VARCHAR(5)) UNION ALL SELECT 'b'");
        prepared.setString(1, "a");
        ResultSet preparedRows = prepared.executeQuery();
        c.close();
        for (ResultSet rs : new ResultSet[] {rows, preparedRows}) {
            assertTrue(rs.isClosed());
            failsWith("24000", "closed", rs::next);
            failsWith("24000", "closed", rs::getMetaData);
            failsWith("24000", "closed", rs::wasNull);
        }
        assertTrue(plain.isClosed());
        assertTrue(prepared.isClosed());
    }

    /**
     * The rows of a catalog query are read as a query's are: misuse has its SQLState, a typed {@code getObject}
     * converts, and closing the connection closes them. Embedded, they were Avatica's own: no SQLState, "cannot
     * convert to Object (with type)", and open after the connection closed.
     */
    @Test
    public void theRowsOfACatalogQueryAreReadAsAQuerysAndCloseWithTheirConnection() throws Exception {
        Connection c = connect();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet columns = md.getColumns(null, "public", "events", "ts")) {
            failsWith("24000", "", () -> columns.getString(1));
            assertTrue(columns.next());
            assertEquals(Types.TIMESTAMP, columns.getObject("DATA_TYPE", Integer.class));
            assertEquals((short) DatabaseMetaData.columnNoNulls, columns.getObject("NULLABLE", Short.class));
            failsWith("22023", "", () -> columns.getString(99));
            failsWith("42703", "nope", () -> columns.getString("nope"));
            failsWith("22018", "holds the text 'events', not a number", () -> columns.getLong("TABLE_NAME"));
            failsWith("0A000", "absolute", () -> columns.absolute(1));
        }
        ResultSet tables = md.getTables(null, null, "%", null);
        ResultSet keys = md.getPrimaryKeys(null, null, "streams");
        c.close();
        for (ResultSet rs : new ResultSet[] {tables, keys}) {
            assertTrue(rs.isClosed());
            failsWith("24000", "closed", rs::next);
        }
        failsWith("08003", "closed", () -> md.getTables(null, null, "%", null));
    }

    /** SQL text given to a prepared statement is 42809, as PostgreSQL's driver (Avatica's refusal had no SQLState). */
    @Test
    public void sqlTextGivenToAPreparedStatementIs42809() throws Exception {
        String refused = "cannot be called on a PreparedStatement";
        try (Connection c = connect()) {
            PreparedStatement ps = c.prepareStatement("SELECT 1");
            failsWith("42809", refused, () -> ps.executeQuery("SELECT 2"));
            failsWith("42809", refused, () -> ps.executeUpdate("SELECT 2"));
            failsWith("42809", refused, () -> ps.executeUpdate("SELECT 2", Statement.RETURN_GENERATED_KEYS));
            failsWith("42809", refused, () -> ps.execute("SELECT 2"));
            failsWith("42809", refused, () -> ps.addBatch("SELECT 2"));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            ps.close();
            failsWith("08003", "", () -> ps.executeQuery("SELECT 2"));
        }
    }

    /**
     * A text column read with a number's or a truth value's getter is the value its text holds, trimmed, as
     * PostgreSQL's driver reads it (JDBC's table B-6; {@code JSON_VALUE} answers text): Avatica refused every such
     * read, 07006. Text that is no number is 22018; a whole number out of the getter's range 22003; NULL is 0.
     */
    @Test
    public void aTextColumnReadAsANumberOrATruthValueIsWhatItsTextHolds() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CAST(' 12 ' AS VARCHAR), CAST('1.9' AS VARCHAR), "
                 + "CAST('yes' AS VARCHAR), CAST('abc' AS VARCHAR), CAST('3000000000' AS VARCHAR), "
                 + "CAST(NULL AS VARCHAR), JSON_VALUE('{\"qty\":7}', '$.qty'), CAST('NaN' AS VARCHAR)")) {
            assertTrue(rs.next());
            assertEquals(12, rs.getInt(1));
            assertEquals(12L, rs.getLong(1));
            assertEquals((short) 12, rs.getShort(1));
            assertEquals(12.0, rs.getDouble(1));
            assertEquals(new BigDecimal("12"), rs.getBigDecimal(1));
            assertEquals(1, rs.getInt(2), "a fraction cut off, as from a DECIMAL");
            assertEquals(new BigDecimal("1.9"), rs.getBigDecimal(2));
            assertEquals(1.9f, rs.getFloat(2));
            assertTrue(rs.getBoolean(3));
            failsWith("22018", "not a truth value", () -> rs.getBoolean(1)); // 12: only 1 and 0, as PostgreSQL's
            failsWith("22018", "column 4 holds the text 'abc', not a number", () -> rs.getInt(4));
            failsWith("22018", "not a number", () -> rs.getBigDecimal(4));
            failsWith("22018", "not a truth value", () -> rs.getBoolean(4));
            failsWith("22003", "bad value for type int", () -> rs.getInt(5));
            assertEquals(3_000_000_000L, rs.getLong(5));
            assertEquals(0, rs.getInt(6));
            assertTrue(rs.wasNull());
            assertFalse(rs.getBoolean(6));
            assertEquals(null, rs.getBigDecimal(6));
            assertEquals(7L, rs.getLong(7));
            assertTrue(Double.isNaN(rs.getDouble(8)));
            assertEquals(12, rs.getObject(1, Integer.class));
            assertEquals(12L, rs.getObject(1, Long.class));
            assertEquals(new BigDecimal("1.9"), rs.getObject(2, BigDecimal.class));
            assertEquals(true, rs.getObject(3, Boolean.class));
            assertEquals(1.9, rs.getObject(2, Double.class));
        }
    }

    /** {@code getObject} with no type map or an empty one is plain {@code getObject}; entries are 0A000. */
    @Test
    public void anEmptyTypeMapReadsTheValueAndOneWithEntriesIs0A000() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 42 AS n, 'x' AS t")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getObject(1, new HashMap<>())); // Avatica's: 07006 "cannot be read as Object"
            assertEquals("x", rs.getObject("t", (Map<String, Class<?>>) null));
            failsWith("0A000", "no user-defined types", () -> rs.getObject(1, Map.of("point", Object.class)));
        }
    }

    /**
     * A null SQL text is 42601, as an empty one, at whichever call takes it: it was a NullPointerException
     * (executeUpdate, addBatch, prepareStatement remotely), an SQLException without SQLState (executeQuery, execute)
     * or XX000.
     */
    @Test
    public void aNullSqlTextIs42601WhereverItIsGiven() throws Exception {
        String refused = "no SQL statement: the text is null";
        try (Connection c = connect(); Statement st = c.createStatement()) {
            failsWith("42601", refused, () -> st.executeQuery(null));
            failsWith("42601", refused, () -> st.executeUpdate(null));
            failsWith("42601", refused, () -> st.executeUpdate(null, Statement.RETURN_GENERATED_KEYS));
            failsWith("42601", refused, () -> st.executeLargeUpdate(null));
            failsWith("42601", refused, () -> st.execute(null));
            failsWith("42601", refused, () -> st.addBatch(null));
            failsWith("42601", refused, () -> c.prepareStatement(null));
            failsWith("42601", refused, () -> c.prepareStatement(null, Statement.RETURN_GENERATED_KEYS));
            failsWith("42601", refused, () -> c.prepareStatement(null, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY));
            failsWith("42601", "syntax error", () -> st.executeQuery(""));
            st.addBatch("SELECT 1"); // the refused null was not added: the batch holds this one statement
            st.clearBatch();
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertTrue(rs.next(), "the statement still runs");
            }
        }
    }

    /**
     * {@code getMoreResults} takes the three JDBC values, as PostgreSQL's driver: keeping the current result leaves
     * it open, closing one or all closes it; any other value is 22023 (Avatica refused two of the three with no
     * SQLState).
     */
    @Test
    public void getMoreResultsKeepsOrClosesTheCurrentResultAndAnotherValueIs22023() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            ResultSet kept = s.executeQuery("SELECT 1");
            assertFalse(s.getMoreResults(Statement.KEEP_CURRENT_RESULT));
            assertFalse(kept.isClosed());
            assertTrue(kept.next());
            assertFalse(s.getMoreResults(Statement.CLOSE_ALL_RESULTS));
            assertTrue(kept.isClosed());
            ResultSet closed = s.executeQuery("SELECT 1");
            assertFalse(s.getMoreResults(Statement.CLOSE_CURRENT_RESULT));
            assertTrue(closed.isClosed());
            failsWith("22023", "getMoreResults(99)", () -> s.getMoreResults(99));
        }
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            ResultSet kept = ps.executeQuery();
            assertFalse(ps.getMoreResults(Statement.KEEP_CURRENT_RESULT));
            assertTrue(kept.next());
            assertFalse(ps.getMoreResults(Statement.CLOSE_ALL_RESULTS));
            assertTrue(kept.isClosed());
        }
    }

    /**
     * JDBC: once {@code getMoreResults} answers false, and after an update, there is no current result (PostgreSQL's
     * driver: null; Avatica kept the closed one, so a loop over every result read it, 24000); an
     * {@code INSERT … RETURNING} run by {@code executeUpdate} counts every event it appended, whatever
     * {@code setMaxRows} caps a query at (it counted the capped rows), and leaves the cap as it was.
     */
    @Test
    public void thereIsNoCurrentResultAfterTheLastOneOrAnUpdateAndReturningCountsEveryAppendedRow() throws Exception {
        String insert = "INSERT INTO events (stream_id, entity_type, name, data) VALUES ('misuse-more', 'misuse', "
            + "'misuse.seen', '{}'), ('misuse-more', 'misuse', 'misuse.seen', '{}'), ('misuse-more', 'misuse', "
            + "'misuse.seen', '{}') RETURNING version";
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertTrue(s.execute("SELECT 1"));
            assertNotNull(s.getResultSet());
            assertFalse(s.getMoreResults());
            assertEquals(null, s.getResultSet());
            assertEquals(-1, s.getUpdateCount());
            assertTrue(s.execute("SELECT 2"));
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
            long before = count(c, "SELECT * FROM events WHERE stream_id = 'misuse-more'");
            s.setMaxRows(1);
            assertEquals(3, s.executeUpdate(insert));
            assertEquals(null, s.getResultSet());
            assertEquals(1, s.getMaxRows());
            assertEquals(before + 3, count(c, "SELECT * FROM events WHERE stream_id = 'misuse-more'"));
        }
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setMaxRows(2);
            assertEquals(3, ps.executeUpdate());
            assertEquals(null, ps.getResultSet());
            assertEquals(2, ps.getMaxRows());
            assertEquals(3, ps.executeLargeUpdate());
        }
    }

    @Test
    public void aPreparedStatementsMaxRowsLimitsItsResultsAsAPlainStatementsDoes() throws Exception {
        String sql = "SELECT x FROM (VALUES (1), (2), (3), (4), (5)) AS t(x)";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql);
             Statement st = c.createStatement()) {
            ps.setMaxRows(2);
            st.setMaxRows(2);
            assertEquals(2, rows(ps.executeQuery()));
            assertEquals(2, rows(st.executeQuery(sql)));
            ps.setMaxRows(0);
            assertEquals(5, rows(ps.executeQuery()));
        }
    }

    @Test
    @SuppressWarnings("deprecation") // getBigDecimal(column, scale): what older tools still call
    public void aColumnReadAsAStreamIsItsTextOrBytesAndADecimalAtAScaleRoundsHalfUp() throws Exception {
        // Avatica refused text and bytes as streams (07006) and cut a decimal's scale, or ignored it remotely
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 'héllo', X'DEADBEEF', CAST(NULL AS VARCHAR), "
                 + "CAST(123.455 AS DECIMAL(6, 3)), CAST(-1.5 AS DECIMAL(2, 1))")) {
            assertTrue(rs.next());
            StringWriter text = new StringWriter();
            rs.getCharacterStream(1).transferTo(text);
            assertEquals("héllo", text.toString());
            StringWriter nText = new StringWriter();
            rs.getNCharacterStream(1).transferTo(nText);
            assertEquals("héllo", nText.toString());
            assertEquals("h?llo", new String(rs.getAsciiStream(1).readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals("deadbeef", HexFormat.of().formatHex(rs.getBinaryStream(2).readAllBytes()));
            assertEquals(null, rs.getCharacterStream(3));
            assertTrue(rs.wasNull());
            assertEquals(new BigDecimal("123.46"), rs.getBigDecimal(4, 2));
            assertEquals(new BigDecimal("-2"), rs.getBigDecimal(5, 0));
        }
    }

    @Test
    public void aDateOrTimeReadAsADecimalAFloatingPointNumberOrABooleanIs22018() throws Exception {
        // Avatica answered its days or milliseconds: getBigDecimal of DATE '2024-02-29' was 19782
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DATE '2024-02-29', TIMESTAMP '2024-01-02 03:04:05', "
                 + "TIME '10:00:00'")) {
            assertTrue(rs.next());
            for (int column = 1; column <= 3; column++) {
                int i = column;
                failsWith("22018", "not a number", () -> rs.getBigDecimal(i));
                failsWith("22018", "not a number", () -> rs.getDouble(i));
                failsWith("22018", "not a number", () -> rs.getFloat(i));
                failsWith("22018", "not a number", () -> rs.getBoolean(i));
            }
            assertEquals("2024-02-29", rs.getString(1));
        }
    }

    @Test
    public void aTimestampReadAsADateOrATimeIsItsDayOrItsTimeOfDay() throws Exception {
        // Avatica's answered the whole instant: not equal to the day's Date, and east of UTC printed as the next day
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TIMESTAMP '2024-01-02 20:00:00.5', DATE '2024-01-02', "
                 + "TIME '20:00:00.5', CAST(NULL AS TIMESTAMP)")) {
            assertTrue(rs.next());
            assertEquals(rs.getDate(2), rs.getDate(1));
            assertEquals(rs.getTime(3), rs.getTime(1));
            for (String zone : new String[] {"Asia/Kolkata", "America/New_York"}) {
                Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone(zone));
                assertEquals(rs.getDate(2, calendar), rs.getDate(1, calendar), zone);
                assertEquals(rs.getTime(3, calendar), rs.getTime(1, calendar), zone);
            }
            assertEquals(null, rs.getDate(4));
            assertEquals(null, rs.getTime(4));
        }
    }

    @Test
    public void aNumberSetAsADecimalWithAScaleIsRoundedToItHalfUp() throws Exception {
        // Avatica ignored the scale, and a double went as its binary expansion (1.25499999999999989…)
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS VARCHAR), CAST(? AS DECIMAL(10, 2)), ?")) {
            ps.setObject(1, 1.255d, Types.DECIMAL, 2);
            ps.setObject(2, 1.255d, Types.NUMERIC, 2);
            ps.setObject(3, new BigDecimal("2.5"), Types.DECIMAL, 0);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("1.26", rs.getString(1));
                assertEquals(new BigDecimal("1.26"), rs.getBigDecimal(2));
                assertEquals("3", rs.getString(3));
            }
            // a Number whose text is no numeral: an SQLException if refused, never an unchecked exception
            try {
                ps.setObject(1, new NoNumeral(), Types.DECIMAL, 2);
            } catch (SQLException refused) {
                assertNotNull(refused.getSQLState());
            }
        }
    }

    /** A number of the caller's own whose text is no numeral. */
    private static final class NoNumeral extends Number {
        private static final long serialVersionUID = 1L;

        @Override
        public int intValue() {
            return 1;
        }

        @Override
        public long longValue() {
            return 1;
        }

        @Override
        public float floatValue() {
            return 1;
        }

        @Override
        public double doubleValue() {
            return 1;
        }

        @Override
        public String toString() {
            return "one";
        }
    }

    @Test
    public void aBigIntegerIsBoundAsTheNumberItIs() throws Exception {
        // remotely Avatica refused it (0A000); JDBC 4.2 maps it to BIGINT, PostgreSQL's driver binds it
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS INTEGER), CAST(? AS DECIMAL(30, 0)), ? + 1")) {
            ps.setObject(1, BigInteger.valueOf(12));
            ps.setObject(2, new BigInteger("123456789012345678901234567890"));
            ps.setObject(3, BigInteger.TEN);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(12, rs.getInt(1));
                assertEquals(new BigDecimal("123456789012345678901234567890"), rs.getBigDecimal(2));
                assertEquals(11, rs.getLong(3));
            }
        }
    }

    @Test
    public void aBinaryValuesTextIsItsBytesInHex() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT X'DEADBEEF', CAST(X'41' AS VARBINARY(4)), "
                 + "CAST(NULL AS VARBINARY(4))")) {
            assertTrue(rs.next());
            assertEquals("deadbeef", rs.getString(1));
            assertEquals("41", rs.getString(2));
            assertEquals(null, rs.getString(3));
        }
    }

    @Test
    public void aWholeNumberItsGettersTypeCannotHoldIs22003AndAFractionIsCutOff() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CAST(3000000000 AS BIGINT), CAST(99999999999999999999 AS "
                 + "DECIMAL(20, 0)), CAST(1.9 AS DECIMAL(3, 1)), CAST(1e20 AS DOUBLE), CAST(70000 AS INTEGER), "
                 + "CAST(NULL AS BIGINT)")) {
            assertTrue(rs.next());
            failsWith("22003", "int", () -> rs.getInt(1));
            assertEquals(3000000000L, rs.getLong(1));
            failsWith("22003", "long", () -> rs.getLong(2));
            assertEquals(1, rs.getInt(3));
            failsWith("22003", "int", () -> rs.getInt(4));
            failsWith("22003", "short", () -> rs.getShort(5));
            assertEquals(70000, rs.getInt(5));
            assertEquals(0, rs.getInt(6));
            assertTrue(rs.wasNull());
        }
    }

    @Test
    public void aDateOrTimeReadAsAWholeNumberIs22018() throws Exception {
        // Avatica answered a timestamp's milliseconds since 1970 cut to the getter's width (getInt: 2091486467)
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TIMESTAMP '2026-01-02 03:04:05.123', TIME '03:04:05', "
                 + "DATE '2026-01-02'")) {
            assertTrue(rs.next());
            failsWith("22018", "not a number", () -> rs.getInt(1));
            failsWith("22018", "not a number", () -> rs.getLong(1));
            failsWith("22018", "not a number", () -> rs.getObject(1, Integer.class));
            failsWith("22018", "not a number", () -> rs.getShort(2));
            failsWith("22018", "not a number", () -> rs.getLong(3));
            assertEquals("2026-01-02 03:04:05.123", rs.getString(1));
        }
    }

    @Test
    public void abortClosesTheConnectionOnItsExecutorAndAnIsolationLevelJdbcDoesNotNameIs0A000() throws Exception {
        Connection c = connect();
        try {
            failsWith("0A000", "isolation level 99", () -> c.setTransactionIsolation(99));
            failsWith("0A000", "isolation level 0", () -> c.setTransactionIsolation(Connection.TRANSACTION_NONE));
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
            failsWith("22023", "isValid", () -> c.isValid(-1));
            failsWith("22023", "setNetworkTimeout", () -> c.setNetworkTimeout(Runnable::run, -1));
            failsWith("22023", "executor", () -> c.setNetworkTimeout(null, 1000));
            c.setNetworkTimeout(Runnable::run, 1000);
            assertEquals(1000, c.getNetworkTimeout());
            failsWith("22023", "executor", () -> c.abort(null));
            assertFalse(c.isClosed());
            List<Runnable> later = new ArrayList<>();
            c.abort(later::add); // closed to its caller at once, the close itself when the executor runs it
            assertTrue(c.isClosed());
            assertFalse(c.isValid(0));
            failsWith("08003", "closed", c::createStatement);
            assertEquals(1, later.size());
            later.forEach(Runnable::run);
            c.abort(later::add); // closed already: nothing
            assertEquals(1, later.size());
        } finally {
            c.close();
        }
    }

    @Test
    public void aValueAskedForAsItsOwnClassOrAsObjectIsTheValue() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CAST(1.5 AS REAL), CAST(7 AS TINYINT), 'x', X'01'")) {
            assertTrue(rs.next());
            assertEquals(1.5f, rs.getObject(1, Float.class));
            assertEquals((byte) 7, rs.getObject(2, Byte.class));
            assertEquals("x", rs.getObject(3, Object.class));
            assertEquals(1, rs.getObject(4, byte[].class).length);
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return rows(st.executeQuery(sql));
        }
    }

    private static long firstLong(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static int rows(ResultSet rs) throws SQLException {
        int n = 0;
        try (rs) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    public void aClosedStatementRefusesGetConnectionWith08003() throws Exception {
        try (Connection c = connect()) {
            Statement st = c.createStatement();
            st.close();
            failsWith("08003", "closed", st::getConnection);
        }
    }

    /**
     * Client info is kept (Avatica's connection refused every name, even none, with no SQLState), and a closed
     * connection refuses it with 08003: tools and pools set {@code ApplicationName}.
     */
    @Test
    public void clientInfoIsKeptAndAClosedConnectionRefusesItWith08003() throws Exception {
        Connection c = connect();
        c.setClientInfo("ApplicationName", "DBeaver");
        assertEquals("DBeaver", c.getClientInfo("ApplicationName"));
        assertEquals("DBeaver", c.getClientInfo().getProperty("ApplicationName"));
        c.setClientInfo(new Properties());
        assertEquals(null, c.getClientInfo("ApplicationName"));
        c.close();
        SQLClientInfoException closed = assertThrows(SQLClientInfoException.class,
            () -> c.setClientInfo("ApplicationName", "x"));
        assertEquals("08003", closed.getSQLState());
    }

    /**
     * What tools ask before they write SQL, answered and not thrown: the holdability result sets have (Avatica
     * threw "todo: implement this method", unchecked), NULL sorted above every value as it is (it said at the end,
     * whatever the direction), and a null among {@code getTables}' types ignored (remotely it read as a broken
     * connection, 08006).
     */
    @Test
    public void theMetadataToolsAskAnswersAndDoesNotThrow() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            int holdability = md.getResultSetHoldability();
            assertTrue(md.supportsResultSetHoldability(holdability));
            assertFalse(md.supportsResultSetHoldability(holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT
                ? ResultSet.CLOSE_CURSORS_AT_COMMIT : ResultSet.HOLD_CURSORS_OVER_COMMIT));
            assertTrue(md.nullsAreSortedHigh());
            assertFalse(md.nullsAreSortedLow() || md.nullsAreSortedAtEnd() || md.nullsAreSortedAtStart());
            try (ResultSet tables = md.getTables(null, null, "events", new String[] {"TABLE", null})) {
                assertTrue(tables.next());
                assertEquals("events", tables.getString("TABLE_NAME"));
            }
        }
    }
}

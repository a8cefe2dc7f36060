package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.testkit.SlowReader;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/** Reading the log with SQL: tables and columns of SPEC §2, pushdown into the indexes, time travel. */
class SelectTest {

    // seq 1-3 stream a, 4-5 stream b, 6 stream c; ts 10:00, 10:01, ... 10:05
    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void eventsHasTheColumnsOfTheSpecInOrder() throws Exception {
        assertThat(sql.rows("SELECT * FROM events WHERE seq = 2")).singleElement().asString()
            .matches("2, a, thing, 2, thing.even, 1, [0-9a-f-]{36}, 2026-11-01 10:01:00(\\.0+)?, api, \\{\"i\":2}, "
                + "\\{\"traceId\":\"t2\"}");
        List<String> spec = List.of("seq", "stream_id", "entity_type", "version", "name", "schema_version", "event_id",
            "ts", "source", "data", "metadata");
        for (String star : List.of("SELECT * FROM events", "SELECT e.* FROM events e",
            "SELECT * FROM (SELECT * FROM events) t")) {
            assertThat(labels(star)).as(star).isEqualTo(spec);
        }
        // a join's USING or NATURAL expansion moves the common columns first: eleven of events' columns still
        assertThat(labels("SELECT * FROM events JOIN streams USING (stream_id)"))
            .startsWith("stream_id", "seq", "entity_type").doesNotContain("expected_version").hasSize(17);
        // write-only: JDBC metadata lists it (libraries that write INSERTs from it find it), named it reads as NULL
        assertThat(sql.rows("SELECT seq, expected_version FROM events WHERE seq = 2")).containsExactly("2, null");
        try (ResultSet rs = sql.connection.getMetaData().getColumns(null, "public", "events", null)) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
            }
            assertThat(columns).containsExactly("seq BIGINT", "stream_id VARCHAR", "entity_type VARCHAR",
                "version BIGINT", "name VARCHAR", "schema_version INTEGER", "event_id VARCHAR", "ts TIMESTAMP",
                "source VARCHAR", "data VARCHAR", "metadata VARCHAR", "expected_version BIGINT");
        }
    }

    /**
     * A sub-query's ORDER BY orders what the query around it reads, as PostgreSQL's plan keeps it: a BI tool's
     * question built on another ({@code FROM (… ORDER BY …) AS source … LIMIT n}) read the first rows of the log
     * instead (Calcite dropped the sort of a sub-query without a LIMIT).
     */
    @Test
    void aSubQuerysOrderByOrdersTheRowsTheQueryAroundItReads() throws Exception {
        assertThat(sql.rows("SELECT seq FROM (SELECT seq, version FROM events ORDER BY version DESC, seq DESC) x "
            + "LIMIT 3")).containsExactly("3", "5", "2");
        assertThat(sql.rows("SELECT s.stream_id FROM (SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id "
            + "ORDER BY n) AS s WHERE s.n > 0")).containsExactly("c", "b", "a");
        // ORDER BY seq DESC, which a scan serves by reading backwards, with and without conditions pushed into it:
        // the planner met no demand for the order once the query around it had none, and read forwards
        assertThat(sql.rows("SELECT seq FROM (SELECT * FROM events ORDER BY seq DESC) x"))
            .containsExactly("6", "5", "4", "3", "2", "1");
        assertThat(sql.rows("SELECT seq FROM (SELECT * FROM events WHERE stream_id = 'a' ORDER BY seq DESC) x"))
            .containsExactly("3", "2", "1");
        assertThat(sql.rows("SELECT x.seq FROM (SELECT seq, name FROM events WHERE seq BETWEEN 2 AND 5 "
            + "ORDER BY seq DESC) AS x WHERE x.name IS NOT NULL AND x.seq <> 4")).containsExactly("5", "3", "2");
        assertThat(sql.rows("SELECT seq FROM (SELECT seq, stream_id FROM events ORDER BY stream_id DESC, seq) x"))
            .containsExactly("6", "4", "5", "1", "2", "3");
    }

    @Test
    void anExistsOnALeftJoinsNullableSideCountsTheRowsItMatches() throws Exception {
        // two merge joins: the second read the first's rows as ordered by the left join's nullable keys, which its
        // NULLs broke, and lost matches (EXISTS 0 or 1 for 2, NOT EXISTS one more)
        String joined = "FROM streams a LEFT JOIN (SELECT stream_id AS sid FROM events WHERE version = 1 AND "
            + "stream_id <> 'b') b ON a.stream_id = b.sid WHERE "; // b unmatched: a NULL between a and c
        String matching = "EXISTS (SELECT 1 FROM events z WHERE z.stream_id = b.sid)";
        assertThat(sql.rows("SELECT a.stream_id, b.sid " + joined + matching + " ORDER BY 1, 2"))
            .containsExactly("a, a", "c, c");
        assertThat(sql.rows("SELECT COUNT(*) " + joined + "NOT " + matching)).containsExactly("1");
    }

    @Test
    void distinctConstantsOverACorrelatedSubQueryNoRowPassesAreNoRow() throws Exception {
        // the decorrelation took the constant keys out of the grouping, and a grouping of nothing is one row
        String never = "WHERE EXISTS (SELECT 1 FROM events z WHERE z.stream_id = a.stream_id AND 1 = 2)";
        assertThat(sql.rows("SELECT DISTINCT 'x' FROM streams a " + never)).isEmpty();
        assertThat(sql.rows("SELECT 'x' FROM streams a " + never + " GROUP BY 'x'")).isEmpty();
        assertThat(sql.rows("SELECT DISTINCT 'x', 7 FROM streams a WHERE EXISTS (SELECT 1 FROM events z "
            + "WHERE z.stream_id = a.stream_id AND z.seq > 5)")).containsExactly("x, 7");
        // the sub-query's own grouping (of TRUE, below the correlation) is left to Calcite: still one semi-join
        assertThat(sql.plan("SELECT a.stream_id FROM streams a WHERE EXISTS (SELECT 1 FROM events z "
            + "WHERE z.stream_id = a.stream_id AND z.seq > 5)")).contains("joinType=[semi]");
    }

    @Test
    void anUncorrelatedExistsBesideACorrelatedSubQueryIsTrueOnlyIfItsSubQueryHasRows() throws Exception {
        // the decorrelation made the EXISTS of the uncorrelated sub-query one row of TRUE whatever its rows: psql's
        // answers written in (given streams a, b, c; when each query; then)
        String none = "EXISTS (SELECT 1 FROM events WHERE seq < 0)";
        assertThat(sql.rows("SELECT COUNT(*) FROM streams s WHERE " + none
            + " AND EXISTS (SELECT 1 FROM events e WHERE e.seq = s.first_seq)")).containsExactly("0");
        assertThat(sql.rows("SELECT s.stream_id FROM streams s WHERE NOT " + none
            + " AND s.version > (SELECT MIN(version) FROM events e WHERE e.stream_id = s.stream_id) ORDER BY 1"))
            .containsExactly("a", "b");
        assertThat(sql.rows("SELECT s.stream_id, (SELECT MAX(seq) FROM events e WHERE e.stream_id = s.stream_id) "
            + "FROM streams s WHERE NOT " + none + " ORDER BY 1")).containsExactly("a, 3", "b, 5", "c, 6");
        assertThat(sql.rows("SELECT COUNT(*) FROM streams s WHERE 5 IN (SELECT 5 FROM events WHERE seq < 0) "
            + "AND EXISTS (SELECT 1 FROM events e WHERE e.seq = s.first_seq)")).containsExactly("0");
        // a grouping by a constant alone beside the correlation, as a derived table
        assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT DISTINCT 'x' AS k FROM events WHERE seq < 0) d "
            + "WHERE EXISTS (SELECT 1 FROM streams s WHERE s.stream_id <> d.k)")).containsExactly("0");
    }

    @Test
    void distinctConstantsBesideOtherKeysOverACorrelatedSubQueryKeepTheirPlaces() throws Exception {
        // the decorrelation put two constant keys back in the wrong places ('k', d, 'j'), or failed (an index out
        // of bounds): psql's answers written in
        assertThat(sql.rows("SELECT DISTINCT 'k', 'j', CASE WHEN EXISTS (SELECT 1 FROM events z WHERE z.stream_id = "
            + "a.stream_id AND z.seq > 5) THEN 'y' ELSE 'n' END FROM streams a ORDER BY 3"))
            .containsExactly("k, j, n", "k, j, y");
        assertThat(sql.rows("SELECT 1, a.stream_id, 2, COUNT(*) FROM events a WHERE EXISTS (SELECT 1 FROM streams s "
            + "WHERE s.stream_id = a.stream_id AND s.version > 1) GROUP BY 1, 2, 3 ORDER BY 2"))
            .containsExactly("1, a, 2, 3", "1, b, 2, 2");
        assertThat(sql.rows("SELECT DISTINCT e.stream_id, 'x', 'y' FROM events e WHERE e.seq > (SELECT AVG(i.seq) "
            + "FROM events i WHERE i.stream_id = e.stream_id) ORDER BY 1")).containsExactly("a, x, y", "b, x, y");
    }

    @Test
    void aCorrelatedSubQueryOverARandomValueSeesTheValueItsRowHas() throws Exception {
        // the decorrelation computed the outer rows twice and joined them on r: two random()s never met
        assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT stream_id, random() AS r FROM streams) a "
            + "WHERE EXISTS (SELECT 1 FROM events z WHERE z.stream_id = a.stream_id AND a.r < 2)"))
            .containsExactly("3");
        assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT stream_id, random() AS r FROM streams) a "
            + "WHERE a.r < (SELECT COUNT(*) FROM events z WHERE z.stream_id = a.stream_id)")).containsExactly("3");
    }

    @Test
    void aNaturalJoinOfEventsWithEventsIsRefusedForItWouldMatchOnTheWriteOnlyColumn() throws Exception {
        // it matched on expected_version, never stored (NULL): no row at all, where a user expects every one
        SQLException e = catchThrowableOfType(SQLException.class,
            () -> sql.rows("SELECT COUNT(*) FROM events e1 NATURAL JOIN events e2"));
        assertThat((Throwable) e).isNotNull();
        assertThat(e.getSQLState()).isEqualTo("0A000");
        assertThat(e.getMessage()).contains("expected_version").contains("USING");
        assertThat(sql.rows("SELECT COUNT(*) FROM events e1 JOIN events e2 USING (seq)")).containsExactly("6");
        assertThat(sql.rows("SELECT COUNT(*) FROM events NATURAL JOIN streams")).as("one side without it")
            .containsExactly("3");
    }

    @Test
    void aRowValueAsADistinctKeyIsRefusedForItsRowsWouldAllBeKept() throws Exception {
        // a row value is a Java array in Calcite's code, equal only to itself: COUNT(DISTINCT (a, b)) was 6 here
        for (String query : List.of("SELECT COUNT(DISTINCT (stream_id, entity_type)) FROM events",
            "SELECT DISTINCT ROW(stream_id, entity_type) FROM events",
            "SELECT ROW(stream_id) FROM events UNION SELECT ROW(stream_id) FROM events",
            "SELECT COUNT(*) OVER (PARTITION BY ROW(stream_id, entity_type)) FROM events",
            "SELECT COUNT(*) FROM (SELECT ROW(stream_id) r FROM events) x JOIN (SELECT ROW(stream_id) r FROM events) y "
                + "ON x.r = y.r", "SELECT COUNT(DISTINCT ARRAY[ROW(stream_id, name)]) FROM events")) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows(query));
            assertThat((Throwable) e).as(query).isNotNull();
            assertThat(e.getSQLState()).as(query).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("row value");
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT DISTINCT stream_id, entity_type FROM events) t"))
            .containsExactly("3");
        assertThat(sql.rows("SELECT ROW(stream_id, entity_type), COUNT(*) FROM events "
            + "GROUP BY ROW(stream_id, entity_type) ORDER BY 2")).as("grouped by its columns: answered")
            .hasSize(3);
    }

    @Test
    void aRowValueThatMayHoldANullNotInASubQueryIsRefusedNotAnsweredWithRowsMissing() throws SQLException {
        // Calcite's removal took (NULL, 3) NOT IN ((1, 1)) for unknown and dropped the row, where 3 <> 1 makes it true
        String t = "(VALUES (CAST(NULL AS INTEGER), 3), (1, 2)) t(a, b)";
        String s = "(SELECT x, y FROM (VALUES (1, 1)) s(x, y))";
        for (String condition : List.of("(a, b) NOT IN " + s, "(a, b) <> ALL " + s, "NOT ((a, b) IN " + s + ")")) {
            SQLException refused = sql.refusal("SELECT a, b FROM " + t + " WHERE " + condition);
            assertThat(refused.getSQLState()).as(condition).isEqualTo("0A000");
            assertThat(refused.getMessage()).as(condition).contains("NOT IN a sub-query", "NOT EXISTS");
        }
        assertThat(sql.refusal("SELECT (a, b) IN " + s + " FROM " + t).getSQLState()).as("as a value: NULL, not false")
            .isEqualTo("0A000");
        assertThat(sql.rows("SELECT a, b FROM " + t + " WHERE (a, b) IN (SELECT 1, 2)")).as("IN as a condition answers")
            .containsExactly("1, 2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (stream_id, version) NOT IN (SELECT stream_id, version "
            + "FROM events WHERE version > 1)")).as("over columns never NULL: answered").containsExactly("3");
    }

    @Test
    void aRowValueInASubQueryWithNullsIsRefusedAsAValueAndAnswersAsACondition() throws SQLException {
        String o = "(VALUES (1, 10), (2, 20), (4, 1), (2, 5)) o(k, a)";
        String withNull = "(SELECT v, k2 FROM (VALUES (1, 10), (2, NULL), (2, 5), (3, 30)) u(k2, v))";

        // Calcite's plan came back with the row 2, 5 twice: once true, once NULL
        SQLException refused = sql.refusal("SELECT o.k, o.a, (o.a, o.k) IN " + withNull + " FROM " + o);

        assertThat(refused.getSQLState()).isEqualTo("0A000");
        assertThat(refused.getMessage()).contains("row value IN a sub-query", "EXISTS");
        assertThat(sql.rows("SELECT o.k, o.a FROM " + o + " WHERE (o.a, o.k) IN " + withNull + " ORDER BY 1, 2"))
            .containsExactly("1, 10", "2, 5");
        assertThat(sql.rows("SELECT COUNT(*), COUNT(CASE WHEN (stream_id, version) IN (SELECT stream_id, version "
            + "FROM events WHERE version > 1) THEN 1 END) FROM events")).as("columns that are never NULL: answered")
            .containsExactly("6, 3");
    }

    @Test
    void anExtractUnitPostgresDoesNotKnowIs22023NotTheEpoch() {
        // Calcite's frame names reached it and failed (XX000); before that they answered the epoch
        for (String unit : List.of("ISOWEEK", "FORTNIGHT")) {
            SQLException e = catchThrowableOfType(SQLException.class,
                () -> sql.rows("SELECT EXTRACT(" + unit + " FROM ts) FROM events"));
            assertThat((Throwable) e).as(unit).isNotNull();
            assertThat(e.getSQLState()).as(unit).isEqualTo("22023");
        }
    }

    private List<String> labels(String query) throws SQLException {
        try (Statement st = sql.connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                labels.add(rs.getMetaData().getColumnLabel(i));
            }
            return labels;
        }
    }

    @Test
    void unquotedNamesAreCaseInsensitiveAndLowerCaseTablesReachableAsWritten() throws Exception {
        assertThat(sql.rows("SELECT COUNT(*) FROM events")).containsExactly("6");
        assertThat(sql.rows("select count(*) from EVENTS")).containsExactly("6");
        assertThat(sql.rows("SELECT Stream_Id FROM Events WHERE SEQ = 1")).containsExactly("a");
        assertThat(sql.rows("SELECT \"stream_id\" FROM public.\"events\" WHERE seq = 1")).containsExactly("a");
    }

    @Test
    void streamIdFilterReadsOnlyThatStreamThroughTheIndex() throws Exception {
        assertThat(sql.rows("SELECT seq, version FROM events WHERE stream_id = 'b'"))
            .containsExactly("4, 1", "5, 2");
        String plan = sql.plan("SELECT seq, version FROM events WHERE stream_id = 'b'");
        assertThat(plan).contains("EnumerableLogTableScan", "streamId=['b':VARCHAR]").doesNotContain("Filter");
    }

    @Test
    void preparedParametersReachTheSeek() throws Exception {
        assertThat(sql.rows("SELECT seq FROM events WHERE stream_id = ? AND seq >= ?", "a", 2))
            .containsExactly("2", "3");
        assertThat(sql.plan("SELECT seq FROM events WHERE stream_id = ? AND seq >= ?"))
            .contains("streamId=[?0]", "seqLo=[?1]");
    }

    @Test
    void seqRangesAndNamesArePushedAndTheRestStaysAFilter() throws Exception {
        String q = "SELECT seq FROM events WHERE seq BETWEEN 2 AND 5 AND name = 'thing.even' AND version > 1";
        // even names are seqs 2, 4, 6; of those in 2..5 only seq 2 has version > 1
        assertThat(sql.rows(q)).containsExactly("2");
        assertThat(sql.plan(q)).contains("seqLo=[2", "seqHi=[5", "name=['thing.even':VARCHAR]", "$condition");
        assertThat(sql.rows("SELECT seq FROM events WHERE seq > 4")).containsExactly("5", "6");
        assertThat(sql.rows("SELECT seq FROM events WHERE seq < 2")).containsExactly("1");
    }

    @Test
    void aScanDecodesOnlyTheColumnsAQueryUses() throws Exception {
        assertThat(sql.plan("SELECT stream_id, seq FROM events")).contains("fields=[[0, 1]]");
        if (SqlFixture.fastPaths()) {
            // JSON_VALUE is computed by the scan (a fast path): data is decoded for it alone, not handed out
            assertThat(sql.plan("SELECT JSON_VALUE(data, '$.i') FROM events WHERE stream_id = 'a'"))
                .containsPattern("fields=\\[\\[(1)?]]").contains("streamId=['a':VARCHAR]", "json=[[data:'$.i']]");
        }
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.i'), version FROM events WHERE stream_id = 'b'"))
            .containsExactly("4, 1", "5, 2");
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF SEQUENCE 4")).containsExactly("4");
        // an aggregate straight over the scan reads only what it aggregates (COUNT(*): seq alone)
        assertThat(sql.plan("SELECT COUNT(*) FROM events")).contains("fields=[[0]]");
        assertThat(sql.rows("SELECT COUNT(*), COUNT(DISTINCT stream_id) FROM events")).containsExactly("6, 3");
        assertThat(sql.rows("SELECT stream_id, COUNT(*), MAX(version) FROM events GROUP BY stream_id "
            + "ORDER BY stream_id")).containsExactly("a, 3, 3", "b, 2, 2", "c, 1, 1");
    }

    @Test
    void tsRangesBecomeSeqRangesThroughTheTimeIndex() throws Exception {
        String q = "SELECT seq FROM events WHERE ts >= TIMESTAMP '2026-11-01 10:02:00' "
            + "AND ts < TIMESTAMP '2026-11-01 10:04:00'";
        assertThat(sql.rows(q)).containsExactly("3", "4");
        assertThat(sql.plan(q)).contains("tsLo=[2026-11-01 10:02:00", "tsHi=[2026-11-01 10:04:00");
        assertThat(sql.rows("SELECT seq FROM events WHERE ts > TIMESTAMP '2026-11-01 10:04:00'")).containsExactly("6");
        assertThat(sql.rows("SELECT seq FROM events WHERE ts <= TIMESTAMP '2026-11-01 10:00:30'"))
            .containsExactly("1");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE ts < TIMESTAMP '2026-01-01 00:00:00'"))
            .containsExactly("0");
    }

    @Test
    void tsBoundsWrittenAsIsoTextNarrowTheScanToo() throws Exception {
        String q = "SELECT seq FROM events WHERE ts >= '2026-11-01T10:02:00Z' AND ts < '2026-11-01T10:04:00.000Z'";
        assertThat(sql.rows(q)).containsExactly("3", "4");
        assertThat(sql.plan(q)).contains("tsLo=[", "tsHi=[");
        // the same shape with other texts: the plan cache lifts them into parameters, read as ISO when they run
        assertThat(sql.rowsOfStatement(q)).containsExactly("3", "4");
        assertThat(sql.rowsOfStatement(q.replace("10:02:00Z", "10:01:00+00:00").replace("10:04:00.000Z", "10:05")))
            .containsExactly("2", "3", "4", "5");
        assertThat(sql.rowsOfStatement("SELECT parameters, hits FROM sys.statements WHERE shape LIKE 'SELECT seq%'"))
            .containsExactly("2, 1");
        try (PreparedStatement ps = sql.connection.prepareStatement("EXPLAIN PLAN FOR SELECT seq FROM events "
            + "WHERE ts >= CAST(CAST(? AS VARCHAR) AS TIMESTAMP)")) {
            ps.setString(1, "2026-11-01T10:04:00Z");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(String.join("\n", SqlFixture.text(rs))).contains("tsLo=[");
            }
        }
        assertThat(sql.rows("SELECT seq FROM events WHERE ts >= CAST(CAST(? AS VARCHAR) AS TIMESTAMP)",
            "2026-11-01T10:04:00Z")).containsExactly("5", "6");
    }

    /**
     * A bound computed from constants narrows the scan as a literal does: a TIMESTAMP of whole seconds is rounded to
     * its type's digits by a call of ours, which, lifted by the plan cache or prepared, was no cast, so
     * {@code ts <= TIMESTAMP '… 10:04:00'} read the whole log (30× the time over 300,000 events) where {@code
     * '… 10:04:00.000'} read none of it; the clock's time and arithmetic on it are the statement's, known before the
     * scan too. A call that is not deterministic is not taken.
     */
    @Test
    void tsBoundsComputedFromConstantsNarrowTheScanToo() throws Exception {
        try (PreparedStatement ps = sql.connection.prepareStatement("EXPLAIN PLAN FOR SELECT seq FROM events "
            + "WHERE ts <= CAST(? AS TIMESTAMP(0))")) {
            ps.setTimestamp(1, Timestamp.valueOf("2026-11-01 10:04:00"));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(String.join("\n", SqlFixture.text(rs))).contains("tsHi=[");
            }
        }
        assertThat(sql.rows("SELECT seq FROM events WHERE ts <= CAST(? AS TIMESTAMP(0))",
            Timestamp.valueOf("2026-11-01 10:02:00"))).containsExactly("1", "2", "3");
        assertThat(sql.rowsOfStatement("SELECT seq FROM events WHERE ts < TIMESTAMP '2026-11-01 10:02:00'"))
            .containsExactly("1", "2");
        assertThat(sql.plan("SELECT COUNT(*) FROM events WHERE ts >= CURRENT_TIMESTAMP - INTERVAL '1' HOUR"))
            .contains("tsLo=[");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE ts >= CURRENT_TIMESTAMP - INTERVAL '1' HOUR"))
            .containsExactly("0");
        assertThat(sql.plan("SELECT seq FROM events WHERE seq <= RAND_INTEGER(3)")).doesNotContain("seqHi");
        // computed as the filter computes it (the corrections after the optimisation reach the scan's bound too):
        // Calcite's own month arithmetic on a zoned timestamp put the bound after every event, and its year past
        // 9999 went unchecked
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE ts >= CAST(? AS TIMESTAMP WITH LOCAL TIME ZONE) "
            + "- INTERVAL '1' MONTH", "2026-12-01 09:00:00")).containsExactly("6");
        assertThat(sql.refusal("SELECT COUNT(*) FROM events WHERE ts >= CAST(CAST(CURRENT_DATE AS VARCHAR) "
            + "|| ' 00:00:00' AS TIMESTAMP) + INTERVAL '9000' YEAR(4)").getSQLState()).isEqualTo("22008");
    }

    @Test
    void orderBySeqNeedsNoSort() throws Exception {
        assertThat(sql.plan("SELECT seq FROM events ORDER BY seq")).doesNotContain("Sort");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY seq LIMIT 2")).containsExactly("1", "2");
        assertThat(sql.rows("SELECT seq FROM events ORDER BY seq DESC LIMIT 2")).containsExactly("6", "5");
    }

    /**
     * A filter the scan does not take (on {@code entity_type}, on the data) keeps the scan's order: the scan reads
     * backwards and stops at the limit, where such a query sorted the whole log for its last matches.
     */
    @Test
    void orderBySeqDescBehindAFilterTheScanDoesNotTakeReadsBackwardsToo() throws Exception {
        String q = "SELECT seq, stream_id FROM events WHERE entity_type = 'thing' AND stream_id <> 'c' "
            + "ORDER BY seq DESC LIMIT 2";
        assertThat(sql.plan(q)).contains("descending=[true]").doesNotContain("Sort");
        assertThat(sql.rows(q)).containsExactly("5, b", "4, b");
        assertThat(sql.rows("SELECT seq FROM events WHERE data LIKE '%' AND stream_id <> 'b' ORDER BY seq DESC"))
            .containsExactly("6", "3", "2", "1");
        assertThat(sql.rows("SELECT seq FROM events WHERE stream_id <> 'b' ORDER BY seq DESC LIMIT 2 OFFSET 1"))
            .containsExactly("3", "2");
    }

    @Test
    void orderBySeqDescReadsBackwardsAndStopsAtTheLimit() throws Exception {
        String q = "SELECT seq, stream_id FROM events ORDER BY seq DESC LIMIT 2";
        assertThat(sql.plan(q)).contains("descending=[true]").doesNotContain("Sort");
        assertThat(sql.rows(q)).containsExactly("6, c", "5, b");
        assertThat(sql.rows("SELECT version FROM events WHERE stream_id = 'a' ORDER BY seq DESC"))
            .containsExactly("3", "2", "1");
        assertThat(sql.rows("SELECT seq FROM events WHERE seq BETWEEN 2 AND 4 AND name = 'thing.even' "
            + "ORDER BY seq DESC")).containsExactly("4", "2");
        assertThat(sql.rows("SELECT seq FROM events AS OF SEQUENCE 3 ORDER BY seq DESC"))
            .containsExactly("3", "2", "1");
    }

    /**
     * MAX and MIN of seq and ts read the scan's last or first event, not every event
     * ({@link FirstOrLastEvent}), within the scan's own bounds; ts is non-decreasing in seq, so the same event
     * holds both.
     */
    @Test
    void maxAndMinOfSeqAndTsReadOnlyTheLastOrFirstEventTheScanWouldRead() throws Exception {
        assertThat(sql.plan("SELECT MAX(seq), MAX(ts) FROM events")).contains("descending=[true]", "fetch=[1]");
        assertThat(sql.plan("SELECT MIN(seq) FROM events WHERE stream_id = 'b'")).contains("fetch=[1]");
        assertThat(sql.rows("SELECT MAX(seq), MAX(ts) = (SELECT ts FROM events WHERE seq = 6), MIN(seq) FROM events"))
            .as("a MIN beside a MAX: every event read").containsExactly("6, true, 1");
        assertThat(sql.rows("SELECT MAX(seq), MAX(ts) FROM events")).containsExactly("6, "
            + sql.rows("SELECT ts FROM events WHERE seq = 6").get(0));
        assertThat(sql.rows("SELECT MIN(ts), MIN(seq) FROM events")).containsExactly(
            sql.rows("SELECT ts FROM events WHERE seq = 1").get(0) + ", 1");
        assertThat(sql.rows("SELECT MAX(seq) FROM events WHERE stream_id = 'a'")).containsExactly("3");
        assertThat(sql.rows("SELECT MIN(seq) FROM events WHERE stream_id = 'b'")).containsExactly("4");
        assertThat(sql.rows("SELECT MAX(seq) FROM events AS OF SEQUENCE 4")).containsExactly("4");
        assertThat(sql.rows("SELECT MAX(seq), MIN(seq) FROM events WHERE seq BETWEEN 2 AND 5"))
            .containsExactly("5, 2");
        assertThat(sql.rows("SELECT MAX(seq), MAX(ts) FROM events WHERE stream_id = 'none'"))
            .containsExactly("null, null");
        String filtered = "SELECT MAX(seq) FROM events WHERE entity_type = 'thing' AND stream_id <> 'c'";
        assertThat(sql.plan(filtered)).contains("descending=[true]", "fetch=[1]");
        assertThat(sql.rows(filtered)).as("behind a filter the scan does not take").containsExactly("5");
        // the filter's columns without seq (MAX(ts) alone): seq is carried up to the sort as a column more
        String tsOnly = "SELECT MAX(ts) FROM events WHERE entity_type = 'thing' AND stream_id <> 'c'";
        assertThat(sql.plan(tsOnly)).contains("descending=[true]", "fetch=[1]");
        assertThat(sql.rows(tsOnly)).containsExactlyElementsOf(sql.rows("SELECT ts FROM events WHERE seq = 5"));
        assertThat(sql.rows("SELECT MIN(ts) FROM events WHERE stream_id <> 'a'"))
            .containsExactlyElementsOf(sql.rows("SELECT ts FROM events WHERE seq = 4"));
    }

    /**
     * A few streams named in one condition are read one by one through the stream index ({@link StreamLists}), each
     * once however often named; the rows are those a read of every event finds ({@code stream_id || ''}, which no
     * index takes).
     */
    @Test
    void aFewStreamsNamedInOneConditionAreReadThroughTheStreamIndexEachOnce() throws Exception {
        assertThat(sql.plan("SELECT seq FROM events WHERE stream_id IN ('a', 'c')"))
            .contains("streamId=['a'", "streamId=['c'").doesNotContain("Filter");
        String[] conditions = {"stream_id IN ('a', 'c')", "stream_id = 'b' OR stream_id = 'c'",
            "stream_id IN ('a', 'c', 'a') AND version > 1", "stream_id IN ('c', 'none')",
            "(stream_id = 'a' OR stream_id = 'b') AND seq BETWEEN 2 AND 5"};
        for (String condition : conditions) {
            String everyEvent = condition.replace("stream_id", "stream_id || ''");
            assertThat(sql.rows("SELECT seq, version FROM events WHERE " + condition + " ORDER BY seq"))
                .as(condition).containsExactlyElementsOf(
                    sql.rows("SELECT seq, version FROM events WHERE " + everyEvent + " ORDER BY seq"));
        }
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE stream_id IN (?, ?, 'b')", "a", "a"))
            .as("two parameters of one value").containsExactly("5");
        assertThat(sql.rows("SELECT COUNT(*) FROM events AS OF SEQUENCE 4 WHERE stream_id IN ('a', 'b')"))
            .containsExactly("4");
        // a sub-query beside the list runs once, over the streams' rows, not once per stream (review: 19 times)
        String beside = "SELECT COUNT(*) FROM events WHERE stream_id IN ('a', 'b', 'c') AND version IN (SELECT "
            + "version FROM events WHERE stream_id || '' = 'b')";
        assertThat(sql.plan(beside).split("EnumerableLogTableScan", -1)).as(sql.plan(beside)).hasSize(5);
        assertThat(sql.rows(beside)).containsExactly("5");
        assertThat(sql.rows("SELECT seq FROM events e WHERE EXISTS (SELECT 1 FROM events f WHERE f.stream_id IN "
            + "('a', 'b') AND f.version = e.version + 1) ORDER BY seq")).as("correlated: left as it is")
            .containsExactly("1", "2", "4", "5", "6");
    }

    @Test
    void forSystemTimeAsOfATimestampSeesTheEventsUpToIt() throws Exception {
        assertThat(sql.rows("SELECT seq FROM events FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-01 10:02:30'"))
            .containsExactly("1", "2", "3");
        assertThat(sql.rows("SELECT COUNT(*) FROM events FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-01 09:00:00'"))
            .containsExactly("0");
        assertThat(sql.rows("SELECT COUNT(*) FROM events FOR SYSTEM_TIME AS OF TIMESTAMP '2030-01-01 00:00:00'"))
            .containsExactly("6");
        assertThat(sql.plan("SELECT seq FROM events FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-01 10:02:30'"))
            .contains("asOfTs=").doesNotContain("Snapshot");
    }

    @Test
    void asOfTakesACastParameter() throws Exception {
        assertThat(sql.rows("SELECT seq FROM events FOR SYSTEM_TIME AS OF CAST(? AS TIMESTAMP) WHERE stream_id = 'b'",
            Timestamp.valueOf("2026-11-01 10:03:00"))).containsExactly("4");
    }

    @Test
    void twoTablesOfOneQueryMayReadDifferentPoints() throws Exception {
        assertThat(sql.rows("SELECT n.c, t.c FROM (SELECT COUNT(*) AS c FROM events) n, "
            + "(SELECT COUNT(*) AS c FROM events FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-01 10:01:00') t"))
            .containsExactly("6, 2");
    }

    @Test
    void streamsHasOneRowPerStreamAndTravelsInTime() throws Exception {
        assertThat(sql.rows("SELECT * FROM streams")).containsExactly(
            "a, thing, 3, 1, 3, 2026-11-01 10:00:00.000, 2026-11-01 10:02:00.000",
            "b, thing, 2, 4, 5, 2026-11-01 10:03:00.000, 2026-11-01 10:04:00.000",
            "c, thing, 1, 6, 6, 2026-11-01 10:05:00.000, 2026-11-01 10:05:00.000");
        assertThat(sql.rows("SELECT stream_id, version, last_seq FROM streams "
            + "FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-01 10:03:30'")).containsExactly("a, 3, 3", "b, 1, 4");
        assertThat(sql.rows("SELECT version FROM streams WHERE stream_id = 'b'")).containsExactly("2");
    }

    @Test
    void jsonFunctionsReadDataAndMetadata() throws Exception {
        assertThat(sql.rows("SELECT seq, JSON_VALUE(data, '$.i'), JSON_EXISTS(metadata, '$.traceId') FROM events "
            + "WHERE seq <= 2")).containsExactly("1, 1, null", "2, 2, true"); // NULL metadata: NULL, as SQL has it
        assertThat(sql.rows("SELECT stream_id, SUM(CAST(JSON_VALUE(data, '$.i') AS DECIMAL(12,2))) FROM events "
            + "GROUP BY stream_id ORDER BY stream_id")).containsExactly("a, 6.00", "b, 9.00", "c, 6.00");
        assertThat(sql.rows("SELECT JSON_QUERY(metadata, '$') FROM events WHERE seq = 2"))
            .containsExactly("{\"traceId\":\"t2\"}");
    }

    @Test
    void aJsonPathWithoutAModeIsLaxAlsoWithOnClauses() throws Exception {
        // Calcite alone read '$.nope' as strict there: the DEFAULT ON EMPTY was never taken, ERROR ON ERROR failed
        for (String onEmpty : List.of("z", "y")) { // twice: a second literal takes the first one's cached plan
            assertThat(sql.rowsOfStatement("SELECT JSON_VALUE(data, '$.nope' DEFAULT '" + onEmpty + "' ON EMPTY) "
                + "FROM events WHERE seq = 1")).containsExactly(onEmpty);
        }
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.i' DEFAULT 'z' ON EMPTY), JSON_VALUE(data, '$.nope' ERROR ON "
            + "ERROR), JSON_QUERY(data, '$.nope' EMPTY ARRAY ON EMPTY), JSON_EXISTS(data, '$.nope' ERROR ON ERROR) "
            + "FROM events WHERE seq = 1")).containsExactly("1, null, [], false");
        assertThatSqlState(() -> sql.rows("SELECT JSON_VALUE(data, '$.nope' ERROR ON EMPTY) FROM events WHERE seq = 1"))
            .isEqualTo("22035");
        assertThat(sql.rows("SELECT JSON_VALUE(data, 'strict $.nope' DEFAULT 'q' ON ERROR), "
            + "JSON_VALUE(data, ' LAX $.nope' DEFAULT 'e' ON EMPTY) FROM events WHERE seq = 1"))
            .as("a mode written stays").containsExactly("q, e");
        // what is there is judged strictly, as PostgreSQL's lax mode does: an object or array is no value (ON ERROR)
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('j', 't', 'x.y', "
            + "'{\"o\":{\"b\":1},\"arr\":[1,2],\"n\":5}')");
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.o' DEFAULT 'dE' ON EMPTY DEFAULT 'dR' ON ERROR), "
            + "JSON_VALUE(data, '$.arr' RETURNING INTEGER DEFAULT 7 ON EMPTY DEFAULT 8 ON ERROR), "
            + "JSON_VALUE(data, '$.n' RETURNING INTEGER DEFAULT 7 ON EMPTY), "
            + "JSON_QUERY(data, '$.o' EMPTY ARRAY ON EMPTY), JSON_QUERY(data, '$.nope' EMPTY ARRAY ON EMPTY) "
            + "FROM events WHERE stream_id = 'j'")).containsExactly("dR, 8, 5, {\"b\":1}, []");
        assertThatSqlState(() -> sql.rows("SELECT JSON_VALUE(data, '$.o' ERROR ON ERROR) FROM events "
            + "WHERE stream_id = 'j'")).isEqualTo("2203F");
    }

    @Test
    void jsonValueReturningATypeWithOnClausesCastsWhatItFindsAndTakesTheOnErrorWhenItCannot() throws Exception {
        // Calcite alone cast the JSON string it found to Integer: a ClassCastException (XX000), "5" as much as "x"
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('j', 't', 'x.y', "
            + "'{\"five\":\"5\",\"x\":\"x\",\"n\":6}')");
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.five' RETURNING INTEGER DEFAULT 7 ON EMPTY), "
            + "JSON_VALUE(data, '$.x' RETURNING INTEGER NULL ON ERROR), "
            + "JSON_VALUE(data, '$.x' RETURNING INTEGER DEFAULT 8 ON ERROR), "
            + "JSON_VALUE(data, '$.nope' RETURNING INTEGER DEFAULT 7 ON EMPTY DEFAULT 8 ON ERROR), "
            + "JSON_VALUE(data, '$.n' RETURNING DECIMAL(4,1) NULL ON ERROR) "
            + "FROM events WHERE stream_id = 'j'")).containsExactly("5, null, 8, 7, 6.0");
        assertThatSqlState(() -> sql.rows("SELECT JSON_VALUE(data, '$.x' RETURNING INTEGER ERROR ON ERROR) "
            + "FROM events WHERE stream_id = 'j'")).isEqualTo("22018");
    }

    @Test
    void jsonValueReturningATypeWithoutOnClausesIsNullWhereTheTypeCannotTakeWhatItFinds() throws Exception {
        // the standard's default is NULL ON ERROR (PostgreSQL's too); a cast of what it found failed with 22018, and
        // a JSON string that is no boolean with an internal error
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('j', 't', 'x.y', "
            + "'{\"five\":\"5\",\"x\":\"x\",\"o\":{\"b\":1},\"t\":\"2026-11-01T11:00:00.5+01:00\","
            + "\"late\":\"10:61\",\"yes\":true}')");
        String query = "SELECT JSON_VALUE(data, '$.five' RETURNING INTEGER), "
            + "JSON_VALUE(data, '$.x' RETURNING INTEGER), JSON_VALUE(data, '$.x' RETURNING BOOLEAN), "
            + "JSON_VALUE(data, '$.yes' RETURNING BOOLEAN), "
            + "JSON_VALUE(data, '$.o' RETURNING INTEGER), JSON_VALUE(data, '$.nope' RETURNING INTEGER), "
            + "JSON_VALUE(data, '$.t' RETURNING TIMESTAMP), JSON_VALUE(data, '$.t' RETURNING TIME), "
            + "JSON_VALUE(data, '$.t' RETURNING DATE), JSON_VALUE(data, '$.late' RETURNING TIME) "
            + "FROM events WHERE stream_id = 'j'";
        String expected = "5, null, null, true, null, null, 2026-11-01 10:00:00.500, 10:00:00.500, 2026-11-01, null";
        assertThat(sql.rowsOfStatement(query)).containsExactly(expected);
        assertThat(sql.rows(query)).as("prepared").containsExactly(expected);
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.t' RETURNING TIMESTAMP NULL ON ERROR), "
            + "JSON_VALUE(data, '$.late' RETURNING TIME DEFAULT TIME '01:00:00' ON ERROR) FROM events "
            + "WHERE stream_id = 'j'")).as("ISO-8601 with ON clauses too; a field out of range takes the ON ERROR")
            .containsExactly("2026-11-01 10:00:00.500, 01:00:00.000");
        assertThatSqlState(() -> sql.rows("SELECT JSON_VALUE(data, '$.late' RETURNING TIME ERROR ON ERROR) "
            + "FROM events WHERE stream_id = 'j'")).isEqualTo("22008");
    }

    @Test
    void aBooleanCastToAnIntegerIsOneOrZeroAsInPostgres() throws Exception {
        // a count of the rows that pass, as BI tools write it: Calcite's validator refused the cast (42846)
        assertThat(sql.rows("SELECT SUM(CAST(version > 1 AS INTEGER)), SUM((version > 1)::int) FROM events"))
            .containsExactly("3, 3");
        assertThat(sql.rowsOfStatement("SELECT CAST(TRUE AS INTEGER), CAST(FALSE AS INT), "
            + "CAST(CAST(NULL AS BOOLEAN) AS INTEGER)")).containsExactly("1, 0, null");
        assertThatSqlState(() -> sql.rows("SELECT CAST(TRUE AS BIGINT)")).as("as PostgreSQL: int4 only")
            .isEqualTo("42846");
    }

    @Test
    void textCastToABooleanReadsPostgresWords() throws Exception {
        assertThat(sql.rowsOfStatement("SELECT CAST('t' AS BOOLEAN), CAST(' YES ' AS BOOLEAN), CAST('1' AS BOOLEAN), "
            + "CAST('on' AS BOOLEAN), CAST('f' AS BOOLEAN), CAST('no' AS BOOLEAN), CAST('0' AS BOOLEAN), "
            + "CAST('off' AS BOOLEAN), 'true'::bool"))
            .containsExactly("true, true, true, true, false, false, false, false, true");
        assertThat(sql.rows("SELECT CAST(x AS BOOLEAN) FROM (VALUES ('tr'), ('n'), (NULL)) AS v(x)"))
            .as("text computed per row").containsExactly("true", "false", "null");
        assertThat(sql.rows("SELECT JSON_VALUE('{\"a\":\"yes\"}', '$.a' RETURNING BOOLEAN)")).containsExactly("true");
        assertThatSqlState(() -> sql.rows("SELECT CAST('o' AS BOOLEAN)")).as("on or off?").isEqualTo("22018");
        assertThat(sql.rows("SELECT CAST(TRUE AS VARCHAR), CAST(seq < 2 AS VARCHAR), 'a' || (seq > 2), "
            + "CAST(CAST(NULL AS BOOLEAN) AS VARCHAR) FROM events WHERE seq = 3"))
            .as("and back as PostgreSQL writes them").containsExactly("true, false, atrue, null");
    }

    @Test
    void aWindowBeforeTheColumnsItOrdersByOverAFilteredScanPlans() throws Exception {
        // an internal error before: Calcite's ProjectWindowTransposeRule gave a one-column input the order of a second
        assertThat(sql.rows("SELECT ROW_NUMBER() OVER (ORDER BY seq), seq FROM events WHERE seq > 4"))
            .containsExactly("1, 5", "2, 6");
        assertThat(sql.rows("SELECT ROW_NUMBER() OVER (ORDER BY seq DESC), seq FROM events WHERE version > 2"))
            .containsExactly("1, 3");
    }

    @Test
    void ntileDealsTheRowsAsPostgresDoesTheBiggerBucketsFirst() throws Exception {
        // six events (the fixture's three streams: a 3, b 2, c 1); Calcite's own gave 1, 1, 2, 3, 3, 4
        assertThat(sql.rows("SELECT NTILE(4) OVER (ORDER BY seq), NTILE(2) OVER (PARTITION BY stream_id ORDER BY seq), "
            + "NTILE(10) OVER (ORDER BY seq) FROM events ORDER BY seq"))
            .containsExactly("1, 1, 1", "1, 1, 2", "2, 2, 3", "2, 1, 4", "3, 2, 5", "4, 1, 6");
        assertThatSqlState(() -> sql.rows("SELECT NTILE(0) OVER (ORDER BY seq) FROM events")).isEqualTo("22014");
    }

    @Test
    void aBigintMeetingAFractionKeepsTheFraction() throws Exception {
        // a DECIMAL holds 38 digits: BIGINT and DECIMAL(2, 1) meet as DECIMAL(20, 1), not DECIMAL(19, 0) (rounded)
        assertThat(sql.rows("SELECT CASE WHEN seq > 2 THEN seq ELSE 1.5 END FROM events WHERE seq <= 3 ORDER BY seq"))
            .containsExactly("1.5", "1.5", "3.0");
        assertThat(sql.rows("SELECT x FROM (SELECT seq AS x FROM events WHERE seq = 1 UNION SELECT 1.5) t ORDER BY x"))
            .containsExactly("1.0", "1.5");
        assertThat(sql.rowsOfStatement("SELECT 12345678901234567890 + 1")).containsExactly("12345678901234567891");
        // DECIMALs that want more than 38 digits together keep their fraction digits (Calcite's kept the whole ones
        // and rounded: 1, 3; a DECIMAL(38, 19) total beside its CEIL lost its cents)
        assertThat(sql.rows("SELECT x FROM (SELECT CAST(1 AS DECIMAL(38, 0)) AS x UNION ALL SELECT 2.5) t ORDER BY x"))
            .containsExactly("1.0", "2.5");
        assertThat(sql.rows("SELECT CASE WHEN seq = 1 THEN CEIL(CAST(125.36 AS DECIMAL(38, 19))) "
            + "ELSE CAST(125.36 AS DECIMAL(38, 19)) END FROM events WHERE seq <= 2 ORDER BY seq"))
            .containsExactly("126.0000000000000000000", "125.3600000000000000000");
        assertThatSqlState(() -> sql.rows("SELECT x FROM (SELECT CAST(12345678901234567890123456789012345678 AS "
            + "DECIMAL(38, 0)) AS x UNION ALL SELECT 2.5) t")).as("38 whole digits in a DECIMAL(38, 1): refused")
            .isEqualTo("22003");
    }

    @Test
    void givenConstantRowsWithNullsOfTwoTypes_whenUnioned_thenEachValueOnce() throws Exception {
        // Calcite's UnionToValuesRule kept the NULL of each branch's type apart: NULL twice
        assertThat(sql.rows("SELECT y FROM (VALUES ('a'), (NULL)) t(y) UNION SELECT NULL ORDER BY y NULLS LAST"))
            .containsExactly("a", "null");
        assertThat(sql.rows("SELECT y FROM (VALUES (1), (NULL)) t(y) UNION SELECT NULL UNION SELECT 1"))
            .hasSize(2);
    }

    @Test
    void failuresWhileRowsAreComputedCarryASqlState() throws Exception {
        // Calcite computes rows inside ResultSet.next() and lets their exceptions through unwrapped
        assertThatSqlState(() -> sql.rows("SELECT CAST(JSON_VALUE(data, '$.i') || 'x' AS INTEGER) FROM events"))
            .isEqualTo("22018");
        assertThatSqlState(() -> sql.rowsOfStatement("SELECT seq / (version - version) FROM events"))
            .isEqualTo("22012");
        assertThatSqlState(() -> sql.rows("SELECT CAST(seq * 1000 AS DECIMAL(3, 0)) FROM events")).isEqualTo("22003");
        assertThatSqlState(() -> sql.rows("SELECT CAST(stream_id AS BOOLEAN) FROM events")).isEqualTo("22018");
        assertThatSqlState(() -> sql.rows("SELECT CAST('maybe' AS BOOLEAN)")).as("a constant's").isEqualTo("22018");
        // Calcite's functions' refusals of values they cannot take: internal errors (XX000) before
        String[] refusals = {
            "SELECT LN(seq - 1) FROM events", "2201E",
            "SELECT LOG10(0)", "2201E",
            "SELECT (SELECT seq FROM events WHERE seq > 1)", "21000",
            "SELECT stream_id ~ '(' FROM events", "2201B",
            "SELECT REGEXP_REPLACE(stream_id, '(', 'x') FROM events", "2201B",
            "SELECT 'abc' LIKE 'a\\' ESCAPE '\\'", "22025",
            "SELECT OVERLAY('hello' PLACING 'XX' FROM 0)", "22011",
            "SELECT POSITION('l' IN stream_id FROM 0) FROM events", "22023",
            "SELECT CHR(-1)", "54000", // read unsigned, as PostgreSQL's: too large
            "SELECT CAST(1.5 AS DECIMAL(0, 0))", "22023",
            "SELECT JSON_VALUE('not json', '$.i' ERROR ON ERROR)", "22032",
            "SELECT JSON_VALUE(CONCAT(stream_id, '{'), 'lax $.i' ERROR ON ERROR) FROM events", "22032",
            "SELECT JSON_QUERY(CONCAT(stream_id, '{'), '$.i' ERROR ON ERROR) FROM events", "22032",
        };
        for (int i = 0; i < refusals.length; i += 2) {
            String query = refusals[i];
            assertThatSqlState(() -> sql.rows(query)).as(query).isEqualTo(refusals[i + 1]);
        }
        assertThatSqlState(() -> sql.rows("SELECT CAST(seq - seq AS DECIMAL(5, 1)) / CAST(version - version AS "
            + "DECIMAL(5, 1)) FROM events")).isEqualTo("22012"); // 0/0: BigDecimal's "Division undefined"
        // the rows before the failing one are handed out as usual
        try (var st = sql.connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT 10 / (seq - 3) FROM events")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(-5);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getStatement()).isSameAs(st);
            assertThat(rs).isEqualTo(st.getResultSet()).hasSameHashCodeAs(st.getResultSet());
            assertThat(st).isEqualTo(rs.getStatement()).isNotEqualTo(sql.connection.createStatement());
            assertThat(st.getConnection()).isEqualTo(sql.connection);
            Assertions.assertThatThrownBy(rs::next).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22012");
        }
    }

    @Test
    void integerArithmeticThatOverflowsIs22003InsteadOfAWrappedValue() throws Exception {
        // PostgreSQL: "bigint out of range"; Java's arithmetic would answer -9223372036854775808
        assertThatSqlState(() -> sql.rowsOfStatement("SELECT 9223372036854775807 + 1")).isEqualTo("22003");
        assertThat(Assertions.catchThrowable(() -> sql.rows("SELECT seq * 9223372036854775807 FROM events")))
            .hasMessageContaining("integer out of range").hasMessageContaining("long overflow");
        assertThatSqlState(() -> sql.rows("SELECT seq + 9223372036854775807 FROM events")).isEqualTo("22003");
        assertThatSqlState(() -> sql.rows("SELECT seq + CAST(? AS BIGINT) FROM events", Long.MAX_VALUE))
            .isEqualTo("22003");
        assertThatSqlState(() -> sql.rows("SELECT seq - CAST(? AS BIGINT) FROM events", Long.MIN_VALUE))
            .isEqualTo("22003");
        assertThatSqlState(() -> sql.rows("SELECT seq * 4611686018427387904 FROM events WHERE seq = 2"))
            .isEqualTo("22003");
        assertThatSqlState(() -> sql.rows("SELECT -(seq - 9223372036854775807 - seq - 1) FROM events"))
            .isEqualTo("22003");
        assertThatSqlState(() -> sql.rows("SELECT schema_version * 2147483647 * 2 FROM events")).isEqualTo("22003");
        assertThatSqlState(() -> sql.rows("SELECT ABS(seq - 9223372036854775807 - 2) FROM events WHERE seq = 1"))
            .as("the least BIGINT has no absolute value in a BIGINT").isEqualTo("22003");
        assertThat(sql.rows("SELECT ABS(seq - 3), ABS(CAST(seq AS INTEGER) - 1) FROM events WHERE seq IN (1, 5)"))
            .containsExactly("2, 0", "2, 4");
        assertThatSqlState(() -> sql.rows("SELECT ABS(CAST(seq - 32769 AS SMALLINT)) FROM events WHERE seq = 1"))
            .isEqualTo("22003");
        // ABS named its operand three times (CASE WHEN x < 0 THEN -x ELSE x END): each level tripled the planning
        assertThat(sql.rows("SELECT " + "ABS(".repeat(30) + "seq - 3" + ")".repeat(30) + " FROM events WHERE seq = 1"))
            .containsExactly("2");
        assertThatSqlState(() -> sql.rows("SELECT seq FROM events WHERE seq + CAST(? AS BIGINT) > 0",
            Long.MAX_VALUE)).isEqualTo("22003");
        // what fits is answered as before, to the last value of the type
        assertThat(sql.rows("SELECT seq + 9223372036854775801, -(seq - 7), seq * 2 / 2, CAST(seq AS INTEGER) "
            + "* 357913941 + 1 FROM events WHERE seq = 6")).containsExactly("9223372036854775807, 1, 6, 2147483647");
        assertThat(sql.rows("SELECT seq + CAST(? AS BIGINT) FROM events WHERE seq = 1", Long.MAX_VALUE - 1))
            .containsExactly(String.valueOf(Long.MAX_VALUE));
        // decimals are exact already, and stay unbounded by their derived type as PostgreSQL's numeric is
        assertThat(sql.rowsOfStatement("SELECT CAST(9223372036854775807 AS DECIMAL(19, 0)) + 1"))
            .containsExactly("9223372036854775808");
    }

    @Test
    void aSumOfIntegersIsABigintAsInPostgreSqlNotAWrappedValue() throws Exception {
        // schema_version (1) times 2^31 - 1 on six rows passes 2^31: an INTEGER sum wrapped to a negative number
        assertThat(sql.rows("SELECT SUM(schema_version * 2147483647) FROM events"))
            .containsExactly(String.valueOf(6L * 2147483647));
        try (PreparedStatement ps = sql.connection.prepareStatement(
            "SELECT SUM(schema_version), SUM(seq), SUM(CAST(seq AS DOUBLE)), AVG(schema_version) FROM events")) {
            assertThat(List.of(ps.getMetaData().getColumnTypeName(1), ps.getMetaData().getColumnTypeName(2),
                ps.getMetaData().getColumnTypeName(3))).containsExactly("BIGINT", "BIGINT", "DOUBLE");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(SqlFixture.text(rs)).containsExactly("6, 21, 21.0, 1.0000000000000000");
            }
        }
    }

    @Test
    void aCastToFewerFractionDigitsRoundsAsPostgreSqlDoesInsteadOfTruncating() throws Exception {
        // a decimal, a text and a JSON number half away from zero; each of these was truncated toward zero
        assertThat(sql.rows("SELECT CAST(2.567 AS DECIMAL(5,2)), CAST(-2.565 AS DECIMAL(5,2)), CAST('2.567' AS "
            + "DECIMAL(5,2)), CAST(1.5 AS INTEGER), CAST(-1.5 AS INTEGER), CAST(2.5 AS BIGINT), 1.5::int"))
            .containsExactly("2.57, -2.57, 2.57, 2, -2, 3, 2");
        assertThat(sql.rows("SELECT CAST(JSON_VALUE('{\"t\":19.999}', '$.t') AS DECIMAL(12,2)), "
            + "CAST(CAST(2.675 AS DOUBLE) AS DECIMAL(5,2))")).containsExactly("20.00, 2.68");
        // a double to an integer half to even, as PostgreSQL's rint: the same folded as a constant and computed per row
        assertThat(sql.rows("SELECT CAST(CAST(2.5 AS DOUBLE) AS INTEGER), CAST(CAST(3.5 AS REAL) AS INTEGER), "
            + "CAST(CAST(-2.5 AS DOUBLE) AS SMALLINT)")).containsExactly("2, 4, -2");
        assertThat(sql.rows("SELECT CAST(CAST(seq AS DOUBLE) / 2 AS BIGINT), CAST(seq + 0.5 AS INTEGER) FROM events "
            + "WHERE seq <= 3 ORDER BY seq")).containsExactly("0, 2", "1, 3", "2, 4");
        assertThat(sql.rows("SELECT CAST(CAST(NULL AS DOUBLE) AS INTEGER)")).containsExactly("null");
        // an average of integers is a numeric in PostgreSQL: half away from zero, also over a window
        assertThat(sql.rows("SELECT stream_id, CAST(AVG(version) AS INTEGER), CAST(AVG(-version) AS INTEGER) "
            + "FROM events WHERE stream_id = 'b' GROUP BY stream_id")).containsExactly("b, 2, -2");
        assertThat(sql.rows("SELECT CAST(AVG(seq) OVER (ORDER BY seq ROWS 1 PRECEDING) AS INTEGER) FROM events "
            + "WHERE seq <= 3")).containsExactly("1", "2", "3");
    }

    @Test
    void aCastThatRoundsPastAnIntegersRangeFailsWith22003InsteadOfWrapping() {
        // the range was checked before rounding: 2147483647.5 became -2147483648
        for (String cast : List.of("CAST(2147483647.5 AS INTEGER)", "CAST(127.5 AS TINYINT)",
            "CAST(-32768.5 AS SMALLINT)", "CAST(seq + 2147483646.5 AS INTEGER) FROM events",
            "CAST(CAST('NaN' AS DOUBLE) AS INTEGER)")) {
            Assertions.assertThatThrownBy(() -> sql.rows("SELECT " + cast)).as(cast)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22003"));
        }
    }

    @Test
    void anExplicitTableIsSelectStarFromIt() throws Exception {
        // Calcite's validator rewrote it, then its JDBC layer asked for the type of the statement as parsed: XX000
        assertThat(sql.rowsOfStatement("TABLE streams")).isEqualTo(sql.rows("SELECT * FROM streams"));
        assertThat(sql.rows("TABLE events")).hasSize(6);
        assertThat(sql.rows("SELECT COUNT(*) FROM (TABLE events) t")).containsExactly("6");
        assertThat(sql.rows("TABLE streams ORDER BY stream_id DESC LIMIT 1")).hasSize(1).first().asString()
            .startsWith("c, ");
        assertThat(sql.rows("EXPLAIN PLAN FOR TABLE events")).hasSize(1);
    }

    @Test
    void anAverageOrDeviationOfIntegersKeepsItsFractionAsInPostgreSql() throws Exception {
        // Calcite typed these as their argument: AVG of seq 1..6 was 3, the standard deviation 1; then a DOUBLE
        // (2.9166666666666665), now PostgreSQL's numeric, at least 16 fraction digits
        assertThat(sql.rows("SELECT AVG(seq), STDDEV_SAMP(seq), VAR_POP(seq), AVG(CAST(seq AS INTEGER)) FROM events"))
            .containsExactly("3.5000000000000000, 1.8708286933869707, 2.9166666666666667, 3.5000000000000000");
        assertThat(sql.rows("SELECT stream_id, AVG(version) FROM events GROUP BY stream_id ORDER BY stream_id"))
            .containsExactly("a, 2.0000000000000000", "b, 1.5000000000000000", "c, 1.0000000000000000");
        assertThat(sql.rows("SELECT seq, AVG(seq) OVER (ORDER BY seq ROWS 1 PRECEDING) FROM events WHERE seq <= 2"))
            .containsExactly("1, 1.0000000000000000", "2, 1.5000000000000000");
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT AVG(seq), AVG(CAST(seq AS DECIMAL(5, 2)))"
            + " FROM events")) {
            assertThat(ps.getMetaData().getColumnType(1)).isEqualTo(Types.DECIMAL);
            assertThat(ps.getMetaData().getScale(1)).isEqualTo(16);
            assertThat(ps.getMetaData().getColumnType(2)).isEqualTo(Types.DECIMAL);
        }
    }

    @Test
    void aParameterInArithmeticInsideAComparisonTakesItsOtherOperandsType() throws Exception {
        // Calcite refused these ("Cannot apply '+' to arguments of type '<BIGINT> + <UNKNOWN>'"); PostgreSQL infers
        assertThat(sql.rows("SELECT seq FROM events WHERE seq + ? > 4 ORDER BY seq", 1L))
            .containsExactly("4", "5", "6");
        assertThat(sql.rows("SELECT seq FROM events WHERE version * ? = 4 ORDER BY seq", 2L))
            .containsExactly("2", "5");
        assertThat(sql.rows("SELECT seq FROM events WHERE (seq - ?) * 2 >= ? ORDER BY seq", 1L, 8L))
            .containsExactly("5", "6");
        assertThat(sql.rows("SELECT seq FROM events WHERE ? < seq + ? ORDER BY seq", 6L, 1L)).containsExactly("6");
        // with no operand to take a type from, the number its signature takes (ParameterInferenceTest)
        assertThat(sql.rows("SELECT seq FROM events WHERE ? + ? > 4 ORDER BY seq", 2L, 3L)).hasSize(6);
        assertThat(sql.rows("SELECT seq + ? FROM events WHERE seq = 6", 1L)).containsExactly("7");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLongChainOfArithmeticWithAParameterIsTypedInOnePass() throws Exception {
        // each level inferring its operands twice was work doubling with every term: 40 terms, 2^40 steps
        String chain = "seq + ?" + " + 1".repeat(40);
        assertThat(sql.rows("SELECT seq FROM events WHERE " + chain + " > 45 ORDER BY seq", 1L))
            .containsExactly("5", "6");
        assertThat(sql.rows("SELECT " + chain + " FROM events WHERE seq = 6", 1L)).containsExactly("47");
    }

    private static AbstractStringAssert<?> assertThatSqlState(
            ThrowingCallable query) {
        Throwable thrown = Assertions.catchThrowable(query);
        assertThat(thrown).isInstanceOf(SQLException.class);
        return assertThat(((SQLException) thrown).getSQLState()).as(thrown.getMessage());
    }

    @Test
    void aTimestampReadsExactlyAsAvaticaConvertsIt() throws Exception {
        try (var st = sql.connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT ts, ts + INTERVAL '0.123' SECOND, CAST(NULL AS TIMESTAMP), "
                 + "TIMESTAMP '1900-03-01 12:00:00.5' FROM events")) {
            ResultSet avatica = rs.unwrap(AvaticaResultSet.class);
            assertThat(avatica).isNotSameAs(rs);
            int rows = 0;
            while (rs.next()) {
                for (int c = 1; c <= 4; c++) {
                    assertThat(rs.getObject(c)).as("column %d", c).isEqualTo(avatica.getObject(c));
                    assertThat(rs.getTimestamp(c)).as("column %d", c).isEqualTo(avatica.getTimestamp(c));
                }
                assertThat(rs.getObject("ts")).isEqualTo(avatica.getObject("ts"));
                rows++;
            }
            assertThat(rows).isPositive();
        }
    }

    @Test
    void cancelStopsARunningScan() throws Exception {
        SqlFixture.bulk(sql.dir.resolve("big"), 20, 1000);
        try (SqlFixture big = SqlFixture.open(sql.dir.resolve("big")); var st = big.connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq FROM events")) {
            assertThat(rs.next()).isTrue();
            st.cancel();
            Assertions.assertThatThrownBy(() -> {
                while (rs.next()) {
                    // the scan notices the cancel flag at its next batch of 1,024 events
                }
            }).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aQueryTimeoutStopsARunningScanWith57014() throws Exception {
        SqlFixture.bulk(sql.dir.resolve("big"), 20, 1000);
        try (SqlFixture big = SqlFixture.open(sql.dir.resolve("big")); var st = big.connection.createStatement()) {
            st.setQueryTimeout(1);
            // the client takes longer than the timeout over its rows; the scan notices at its next batch
            Assertions.assertThatThrownBy(() -> SlowReader.rows(st, "SELECT seq FROM events", 1_100))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        }
    }

    @Test
    void sysProjectionsExists() throws Exception {
        // POSITION and LAG are reserved words in Calcite's grammar (functions): those columns need quotes
        assertThat(sql.rows("SELECT name, status, \"position\", \"lag\", error FROM sys.projections")).isEmpty();
        assertThat(sql.rows("SELECT * FROM sys.projections")).isEmpty();
    }

    @Test
    void databaseMetaDataSaysHindsight() throws Exception {
        DatabaseMetaData md = sql.connection.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("Hindsight");
        assertThat(md.getDriverName()).isEqualTo("Hindsight JDBC Driver");
        try (ResultSet rs = md.getTables(null, null, null, null)) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
            }
            assertThat(tables).contains("public.events", "public.streams", "sys.projections");
        }
    }
}

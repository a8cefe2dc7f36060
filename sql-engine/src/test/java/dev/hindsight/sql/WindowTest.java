package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Window functions over the log, which is read in {@code seq} order: given the fixture's streams a (3 events), b (2),
 * c (1), when a window is ordered otherwise, the statement's own {@code ORDER BY} still orders the rows (it was dropped
 * as done already: {@link UnorderedWindowRule}), and the frames Calcite's windows answer wrongly are refused with
 * 0A000 ({@link WindowLimits}), the answers compared with PostgreSQL 15's.
 */
class WindowTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenAWindowOrderedOtherwise_whenTheStatementOrdersBySeq_thenTheRowsComeInSeqOrder() throws SQLException {
        assertThat(sql.rows("SELECT seq, SUM(seq) OVER (ORDER BY seq DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
            + "FROM events ORDER BY seq LIMIT 2")).containsExactly("1, 3", "2, 5");
        assertThat(sql.rows("SELECT seq, SUM(seq) OVER (PARTITION BY stream_id ORDER BY seq DESC ROWS 1 PRECEDING) "
            + "FROM events ORDER BY seq")).containsExactly("1, 3", "2, 5", "3, 3", "4, 9", "5, 5", "6, 6");
        assertThat(sql.rows("SELECT * FROM (SELECT seq, SUM(seq) OVER (ORDER BY name, seq ROWS 1 PRECEDING) s "
            + "FROM events) t ORDER BY seq LIMIT 3")).containsExactly("1, 7", "2, 2", "3, 4");
        assertThat(sql.rows("SELECT NTILE(2) OVER (ORDER BY seq DESC), NTILE(3) OVER (PARTITION BY stream_id "
            + "ORDER BY seq), seq FROM events ORDER BY seq DESC LIMIT 3"))
            .containsExactly("1, 1, 6", "1, 2, 5", "1, 1, 4");
    }

    @Test
    void givenARangeFrameWithAnOffset_whenOrderedAscending_thenAnsweredAndDescending_then0A000() throws SQLException {
        assertThat(sql.rows("SELECT seq, SUM(seq) OVER (ORDER BY seq RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) "
            + "FROM events ORDER BY seq")).containsExactly("1, 1", "2, 3", "3, 5", "4, 7", "5, 9", "6, 11");
        assertThat(sql.rows("SELECT seq, SUM(seq) OVER (ORDER BY seq DESC) FROM events ORDER BY seq LIMIT 2"))
            .as("a descending order without an offset").containsExactly("1, 21", "2, 20");
        for (String query : List.of(
            "SELECT SUM(seq) OVER (ORDER BY seq DESC RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM events",
            "SELECT COUNT(*) OVER (ORDER BY seq DESC RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING) FROM events",
            "SELECT SUM(seq) OVER w FROM events WINDOW w AS (ORDER BY ts DESC RANGE INTERVAL '1' MINUTE PRECEDING)")) {
            assertRefused(query, "RANGE frame with an offset");
        }
    }

    @Test
    void givenASubQueryAsTheWindowsSortKey_whenRanked_thenByItsValue() throws SQLException {
        // Calcite lost the key: every row ranked 1, or numbered by the next key alone; uncorrelated, XX000
        String counts = "(SELECT COUNT(*) FROM events e WHERE e.stream_id = s.stream_id)";
        assertThat(sql.rowsOfStatement("SELECT stream_id, RANK() OVER (ORDER BY " + counts + "), ROW_NUMBER() OVER "
            + "(ORDER BY " + counts + " DESC, stream_id DESC), RANK() OVER (ORDER BY (SELECT MAX(seq) FROM events)) "
            + "FROM streams s ORDER BY stream_id")).containsExactly("a, 3, 1, 1", "b, 2, 2, 1", "c, 1, 3, 1");
    }

    @Test
    void givenDistinctInAWindowedAggregate_whenRun_then0A000AsInPostgres() {
        assertRefused("SELECT COUNT(DISTINCT stream_id) OVER (ORDER BY seq) FROM events",
            "DISTINCT is not implemented for window functions");
    }

    @Test
    void givenAFrameAddedToANamedWindow_whenRun_thenThatFramesRowsAsInPostgres() throws SQLException {
        // psql's answers written in; Calcite dropped the frame (a running sum), the second was refused (0A000)
        List<String> twoRows = List.of("1", "3", "5", "7", "9", "11");
        assertThat(sql.rows("SELECT SUM(seq) OVER w2 FROM events WINDOW w1 AS (ORDER BY seq), "
            + "w2 AS (w1 ROWS 1 PRECEDING) ORDER BY seq")).as("in the WINDOW clause").isEqualTo(twoRows);
        assertThat(sql.rows("SELECT SUM(seq) OVER (w ROWS 1 PRECEDING) FROM events WINDOW w AS (ORDER BY seq) "
            + "ORDER BY seq")).as("in OVER").isEqualTo(twoRows);
        assertThat(sql.rows("SELECT SUM(seq) OVER w FROM events WINDOW w AS (ORDER BY seq ROWS 1 PRECEDING) "
            + "ORDER BY seq")).as("the window's own").isEqualTo(twoRows);
        assertThat(sql.rows("SELECT SUM(seq) OVER w2 FROM events WINDOW w1 AS (ORDER BY seq), "
            + "w2 AS (w1 RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING) ORDER BY seq"))
            .containsExactly("null", "1", "2", "3", "4", "5");
    }

    @Test
    void givenNamedWindowsThatNameThemselves_whenRun_then42P20RatherThanAThreadThatNeverEnds() {
        // the chain of names was followed for ever: a worker at full CPU that no timeout or SIGTERM stopped
        for (String windows : new String[] {"w1 AS (w1)", "w1 AS (w2), w2 AS (w1)", "w1 AS (w2 ORDER BY seq), "
            + "w2 AS (w3), w3 AS (w1)"}) {
            SQLException e = sql.refusal("SELECT COUNT(*) OVER w1 FROM events WINDOW " + windows);
            assertThat(e.getSQLState()).as(windows).isEqualTo("42P20");
            assertThat(e.getMessage()).contains("names itself");
        }
    }

    @Test
    void givenAChainOfNamedWindows_whenRun_thenEachTakesWhatTheOnesItNamesHave() throws SQLException {
        // the partitions of w1, the order of w2, the frame written last: psql's answers
        assertThat(sql.rows("SELECT seq, SUM(seq) OVER (w2 ROWS 1 PRECEDING), SUM(seq) OVER w3 FROM events "
            + "WINDOW w1 AS (PARTITION BY stream_id), w2 AS (w1 ORDER BY seq), w3 AS (w2) ORDER BY seq"))
            .containsExactly("1, 1, 1", "2, 3, 3", "3, 5, 6", "4, 4, 4", "5, 9, 9", "6, 6, 6");
    }

    @Test
    void givenAnExcludeClause_whenRun_then0A000RatherThanTheRowsLeftInOrASentinel() throws SQLException {
        // Calcite's ignored EXCLUDE over a whole partition, answered 0 or Integer.MAX_VALUE where it left no row
        assertRefused("SELECT SUM(seq) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING "
            + "EXCLUDE CURRENT ROW) FROM events", "EXCLUDE CURRENT ROW is not supported");
        assertRefused("SELECT MIN(seq) OVER (ORDER BY seq RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW "
            + "EXCLUDE GROUP) FROM events", "EXCLUDE GROUP is not supported");
        assertRefused("SELECT COUNT(*) OVER w FROM events WINDOW w AS (ORDER BY seq ROWS 1 PRECEDING EXCLUDE TIES)",
            "EXCLUDE TIES is not supported");
        assertThat(sql.rows("SELECT SUM(seq) OVER (ORDER BY seq ROWS BETWEEN 1 PRECEDING AND CURRENT ROW "
            + "EXCLUDE NO OTHERS) FROM events WHERE seq < 3")).containsExactly("1", "3");
    }

    @Test
    void givenAConstantBesideAWindow_whenOrderedAsTheLogIs_thenAnsweredNotAnInternalError() throws SQLException {
        // Calcite's split of the select list gave its window the list's order, a column the window does not have
        assertThat(sql.rows("SELECT 5, LEAD(seq) OVER (ORDER BY seq) FROM events WHERE seq < 4 ORDER BY seq"))
            .containsExactly("5, 2", "5, 3", "5, null");
        assertThat(sql.rows("SELECT 'x', LAG(seq) OVER (ORDER BY seq), seq FROM events WHERE seq < 4 ORDER BY 2 DESC"))
            .containsExactly("x, null, 1", "x, 2, 3", "x, 1, 2"); // NULLs first descending, as in PostgreSQL
        // and a window ordered otherwise over values: the statement's ORDER BY was dropped as done (3, 2, 1)
        assertThat(sql.rows("SELECT x, RANK() OVER (ORDER BY x DESC) FROM (VALUES (1), (2), (3)) t(x) ORDER BY x"))
            .containsExactly("1, 3", "2, 2", "3, 1");
    }

    @Test
    void givenNthValue_whenRun_then0A000RatherThanARowOutsideTheFrame() {
        assertRefused("SELECT NTH_VALUE(seq, 2) OVER (ORDER BY seq) FROM events", "NTH_VALUE is not supported");
    }

    @Test
    void givenAWindowedVarianceOfDecimals_whenItsSquaresPassSixIntegerDigits_thenAnswered()
        throws SQLException {
        // Calcite's expansion doubled the result's scale to 32 inside: 22003 from squares of 1000 on
        assertThat(sql.rows("SELECT VAR_POP(x) OVER (ORDER BY x), VAR_SAMP(x) OVER (ORDER BY x), "
            + "STDDEV_SAMP(x) OVER (ORDER BY x) FROM (VALUES (5000.0), (6000.0), (7000.0)) t(x)")).containsExactly(
            "0.0000000000000000, null, null",
            "250000.0000000000000000, 500000.0000000000000000, 707.1067811865475244", // PostgreSQL's, exactly
            "666666.6666666666666667, 1000000.0000000000000000, 1000.0000000000000000");
    }

    @Test
    void givenASampleVarianceOfOneDouble_whenWindowedOrGrouped_thenNullAsInPostgres() throws SQLException {
        // a DOUBLE's variance kept its NOT NULL type: the NULL of one row was 0.0
        assertThat(sql.rows("SELECT VAR_SAMP(CAST(seq AS DOUBLE)) OVER (ORDER BY seq), "
            + "VAR_POP(CAST(seq AS DOUBLE)) OVER (ORDER BY seq) FROM events WHERE seq < 3 ORDER BY seq"))
            .containsExactly("null, 0.0", "0.5, 0.25");
        assertThat(sql.rows("SELECT VAR_SAMP(CAST(seq AS DOUBLE)) FROM events WHERE seq = 1 GROUP BY seq"))
            .containsExactly("null");
    }

    @Test
    void givenLagWithADefaultOfAnotherNumericType_whenRun_thenAnsweredInTheCommonType() throws SQLException {
        // Calcite's code took the default as it was and did not compile (XX000)
        assertThat(sql.rows("SELECT LAG(seq, 1, 0.5) OVER (ORDER BY seq), LEAD(CAST(seq AS DECIMAL(5, 1)), 5, 9) "
            + "OVER (ORDER BY seq) FROM events ORDER BY seq")).startsWith("0.5, 6.0", "1.0, 9.0");
    }

    @Test
    void givenARangeFrameWithAnOffsetOverAFractionalKey_whenRun_then0A000NotAnInternalError() throws SQLException {
        assertRefused("SELECT SUM(seq) OVER (ORDER BY CAST(seq AS DECIMAL(5, 1)) RANGE BETWEEN 1.5 PRECEDING AND "
            + "CURRENT ROW) FROM events", "order key of type DECIMAL");
        assertRefused("SELECT SUM(seq) OVER (ORDER BY seq RANGE 1.5 PRECEDING) FROM events", "with a DECIMAL offset");
        assertThat(sql.rows("SELECT SUM(seq) OVER (ORDER BY CAST(seq AS DOUBLE) RANGE 1 PRECEDING) FROM events "
            + "ORDER BY seq")).as("a DOUBLE key with a whole offset: answered").startsWith("1", "3", "5");
    }

    @Test
    void givenLagWithADefault_whenTheFetchedValueIsNull_thenNullNotTheDefaultAndNeverReadAsNotNull()
            throws SQLException {
        // Calcite typed the call NOT NULL by its default: IS NULL folded to false, COALESCE's fallback dropped, and
        // a NULL fetched into an int an internal error (XX000); PostgreSQL 15's answers
        String rows = "FROM (VALUES (1, 1.5), (2, CAST(NULL AS DECIMAL(3, 1))), (3, 2.5)) t(y, x)";
        assertThat(sql.rows("SELECT y, LAG(x, 1, 0) OVER (ORDER BY y) IS NULL, "
            + "COALESCE(LAG(x, 1, 0) OVER (ORDER BY y), -9) " + rows + " ORDER BY y"))
            .containsExactly("1, false, 0.0", "2, false, 1.5", "3, true, -9.0");
        assertThat(sql.rows("SELECT LEAD(x, 1, 0) OVER (ORDER BY y), LAG(x, 2, -1) OVER (ORDER BY y) "
            + "FROM (VALUES (1, 1), (CAST(NULL AS INTEGER), 2), (3, 3)) t(x, y) ORDER BY y"))
            .containsExactly("null, -1", "3, -1", "0, 1");
        assertThat(sql.rows("SELECT LAG(x, 1, 'd') OVER (ORDER BY y), LEAD(ts, 1, TIMESTAMP '2000-01-01 00:00:00') "
            + "OVER (ORDER BY y) FROM (VALUES ('a', 1, TIMESTAMP '2026-01-01 00:00:00'), (CAST(NULL AS VARCHAR), 2, "
            + "CAST(NULL AS TIMESTAMP)), ('c', 3, TIMESTAMP '2026-01-03 00:00:00')) t(x, y, ts) ORDER BY y"))
            .containsExactly("d, null", "a, 2026-01-03 00:00:00.000", "null, 2000-01-01 00:00:00.000");
        assertThat(sql.rows("SELECT LAG(x, ?, 0) OVER (PARTITION BY p ORDER BY y) FROM (VALUES (1, 1, 'a'), "
            + "(CAST(NULL AS INTEGER), 2, 'a'), (3, 3, 'a'), (4, 4, 'b')) t(x, y, p) ORDER BY y", 1))
            .containsExactly("0", "1", "null", "0");
        assertThat(sql.rows("SELECT LAG(x, NULL, 0) OVER (ORDER BY y) FROM (VALUES (1, 1), (CAST(NULL AS INTEGER), 2)) "
            + "t(x, y) ORDER BY y")).as("no row at a NULL offset: NULL, as PostgreSQL").containsExactly("null", "null");
    }

    @Test
    void givenAnOffsetColumnThatIsNullOnARow_whenLagOrLead_thenNullOnThatRowWithOrWithoutADefault()
            throws SQLException {
        // the window read every row's offset into an int: XX000 ("Cannot convert null to int"); PostgreSQL 15's
        assertThat(sql.rows("SELECT x, LAG(x, y) OVER (ORDER BY x), LEAD(x, y, 0) OVER (ORDER BY x), "
            + "LAG(x, CAST(y AS BIGINT), -1) OVER (ORDER BY x) IS NULL FROM (VALUES (1, 1), (2, NULL), (3, 2)) t(x, y) "
            + "ORDER BY x")).containsExactly("1, null, 2, false", "2, null, null, true", "3, 1, 0, false");
    }

    @Test
    void givenLagWithADefaultThatIsNoNumber_whenTheValueIsOne_thenNotMadeText() {
        // only numbers meet in a common type; Calcite typed the call as text (its code did not compile): refused,
        // naming the cast that says what is meant
        SQLException e = sql.refusal("SELECT LAG(seq, 1, '7') OVER (ORDER BY seq) FROM events");
        assertThat(e.getSQLState()).isEqualTo("42883");
        assertThat(e.getMessage()).contains("CAST('7' AS BIGINT)");
        // and the other way round (PostgreSQL: 42883; Calcite's code did not compile, XX000)
        SQLException text = sql.refusal("SELECT LAG(name, 1, 5) OVER (ORDER BY seq) FROM events");
        assertThat(text.getSQLState()).isEqualTo("42883");
        assertThat(text.getMessage()).contains("CAST(5 AS VARCHAR)");
    }

    @Test
    void givenLagWithANullOrWideOffset_whenRun_thenAnsweredNotAnInternalError() throws SQLException {
        // Calcite's generated code did not compile for either
        assertThat(sql.rows("SELECT LAG(seq, NULL) OVER (ORDER BY seq) FROM events WHERE seq < 4"))
            .containsExactly("null", "null", "null");
        assertThat(sql.rows("SELECT LEAD(seq, CAST(1 AS BIGINT)) OVER (ORDER BY seq), LAG(seq, CAST(2 AS SMALLINT), 0) "
            + "OVER (ORDER BY seq) FROM events WHERE seq < 4 ORDER BY seq")).containsExactly("2, 0", "3, 0", "null, 1");
        assertThat(sql.refusal("SELECT LAG(seq, CAST(3000000000 AS BIGINT)) OVER (ORDER BY seq) FROM events")
            .getSQLState()).isEqualTo("22003");
    }

    @Test
    void givenFirstValueOfTextOverAFrameThatCanBeEmpty_whenRun_then0A000NotAnInternalError() throws SQLException {
        // the frame of the partition's last row is empty: Calcite's code read index -1 there (XX000)
        assertRefused("SELECT FIRST_VALUE(name) OVER (PARTITION BY stream_id ORDER BY seq ROWS BETWEEN 1 FOLLOWING "
            + "AND UNBOUNDED FOLLOWING) FROM events", "use LEAD or LAG");
        assertRefused("SELECT LAST_VALUE(CAST(seq AS DECIMAL(5, 1))) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED "
            + "PRECEDING AND 1 PRECEDING) FROM events", "LAST_VALUE of a DECIMAL");
        assertThat(sql.rows("SELECT FIRST_VALUE(seq) OVER (ORDER BY seq ROWS BETWEEN 5 FOLLOWING AND 6 FOLLOWING), "
            + "LAST_VALUE(name) OVER (ORDER BY seq ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM events ORDER BY seq"))
            .as("a number over such a frame, text over one holding the row: answered").startsWith("6, thing.odd",
                "null, thing.even");
    }

    /**
     * Given a frame whose offsets are parameters, when a NULL or a negative value is bound, then it is PostgreSQL's
     * 22004 or 22013 naming the bound it is (Calcite's was XX000 for NULL, and empty frames, every SUM NULL, for a
     * negative one); a value of 0 or more frames as a literal would.
     */
    @Test
    void givenFrameOffsetParameters_whenNullOrNegative_thenTheyAreRefusedAsPostgresRefusesThem() throws SQLException {
        String rows = "SELECT seq, SUM(seq) OVER (ORDER BY seq ROWS BETWEEN ? PRECEDING AND ? FOLLOWING) FROM events "
            + "ORDER BY seq LIMIT 2";
        assertThat(sql.rows(rows, 1L, 0L)).containsExactly("1, 1", "2, 3");
        assertState(rows, "22013", "frame starting offset must not be negative", -1L, 0L);
        assertState(rows, "22013", "frame ending offset must not be negative", 1L, -2L);
        assertState(rows, "22004", "frame starting offset must not be null", null, 0L);
        assertState("SELECT SUM(seq) OVER (ORDER BY seq RANGE BETWEEN ? PRECEDING AND CURRENT ROW) FROM events",
            "22013", "frame starting offset must not be negative", -2L);
    }

    /**
     * Given a {@code ROWS} frame whose offset is a parameter, when a billion rows or more is bound, then it frames as
     * the same literal does, as far as any partition reaches (psql's answers written in): Calcite added the offset to
     * an {@code int} row index, so 4294967297 framed one row and 3000000000 none.
     */
    @Test
    void givenRowsOffsetParametersBeyondAnInt_whenBound_thenTheyReachTheWholePartition() throws SQLException {
        String preceding = "SELECT SUM(seq) OVER (ORDER BY seq ROWS ? PRECEDING) FROM events ORDER BY seq";
        String following = "SELECT SUM(seq) OVER (ORDER BY seq ROWS BETWEEN CURRENT ROW AND ? FOLLOWING) FROM events "
            + "ORDER BY seq";
        for (Object offset : new Object[] {4_294_967_297L, 3_000_000_000L, Long.MAX_VALUE, "4294967297"}) {
            assertThat(sql.rows(preceding, offset)).as("%s", offset)
                .containsExactly("1", "3", "6", "10", "15", "21");
            assertThat(sql.rows(following, offset)).as("%s", offset)
                .containsExactly("21", "20", "18", "15", "11", "6");
        }
        assertThat(sql.rows(preceding, 1L)).containsExactly("1", "3", "5", "7", "9", "11");
    }

    /**
     * Given a frame whose offset is written negative, when run, then 22013 as PostgreSQL's (and as a negative one
     * bound): Calcite framed no row with a RANGE one, not even the current one (COUNT(*) 0), and said 42000 of a
     * ROWS one.
     */
    @Test
    void givenNegativeFrameOffsetsWritten_whenRun_then22013AsInPostgres() throws SQLException {
        assertState("SELECT COUNT(*) OVER (ORDER BY seq RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM events",
            "22013", "frame starting offset must not be negative");
        assertState("SELECT COUNT(*) OVER (ORDER BY seq ROWS BETWEEN CURRENT ROW AND -1 FOLLOWING) FROM events",
            "22013", "frame ending offset must not be negative");
        assertState("SELECT COUNT(*) OVER (ORDER BY ts RANGE INTERVAL '-1' DAY PRECEDING) FROM events", "22013",
            "frame starting offset must not be negative");
        assertState("SELECT COUNT(*) OVER w FROM events WINDOW w AS (ORDER BY seq ROWS -1 PRECEDING)", "22013",
            "frame starting offset must not be negative");
        assertThat(sql.rows("SELECT COUNT(*) OVER (ORDER BY ts RANGE INTERVAL -'-1' DAY PRECEDING) FROM events "
            + "ORDER BY seq LIMIT 1")).as("minus a negative day").containsExactly("1");
        assertThat(sql.rows("SELECT COUNT(*) OVER (ORDER BY seq RANGE -0 PRECEDING) FROM events ORDER BY seq LIMIT 1"))
            .containsExactly("1");
    }

    /**
     * Given a select list with a sub-query beside a window call, when run, then PostgreSQL's rows (psql's answers
     * written in): each was an internal error (a ClassCastException where the window was split from its select list).
     */
    @Test
    void givenASubQueryBesideAWindowCall_whenRun_thenAnswered() throws SQLException {
        assertThat(sql.rows("SELECT seq, (SELECT COUNT(*) FROM streams), ROW_NUMBER() OVER (ORDER BY seq DESC) "
            + "FROM events ORDER BY seq LIMIT 2")).containsExactly("1, 3, 6", "2, 3, 5");
        assertThat(sql.rows("SELECT seq, (SELECT MAX(version) FROM events i WHERE i.stream_id = e.stream_id), "
            + "LAG(seq) OVER (ORDER BY seq), EXISTS (SELECT 1 FROM streams s WHERE s.stream_id = e.stream_id "
            + "AND s.version = e.version) FROM events e ORDER BY seq"))
            .containsExactly("1, 3, null, false", "2, 3, 1, false", "3, 3, 2, true", "4, 2, 3, false",
                "5, 2, 4, true", "6, 1, 5, true");
    }

    private void assertState(String query, String state, String message, Object... params) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows(query, params));
        assertThat((Throwable) e).as(query).isNotNull();
        assertThat(e.getSQLState()).as(query).isEqualTo(state);
        assertThat(e.getMessage()).contains(message);
    }

    private void assertRefused(String query, String message) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows(query));
        assertThat((Throwable) e).as(query).isNotNull();
        assertThat(e.getSQLState()).as(query).isEqualTo("0A000");
        assertThat(e.getMessage()).contains(message);
    }
}

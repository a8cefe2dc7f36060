package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Window frame offsets ({@link RangeOffsets}): given days with gaps, when a moving window of days is asked for, then
 * the rows within that many days, as PostgreSQL 15 answers for the same days (Calcite's took one day for 86,400,000
 * days: every earlier row was in the frame); an offset in months is refused rather than answered wrongly; offsets
 * that reach past the integer limits reach as far as PostgreSQL's; a row whose key is NULL is framed with its peers.
 */
class RangeOffsetsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String DAYS = "(VALUES (DATE '2026-01-01', 1), (DATE '2026-01-02', 2), "
        + "(DATE '2026-01-04', 3), (DATE '2026-01-05', 4), (DATE '2026-01-09', 5)) t(d, v)";

    @Test
    void givenDaysWithGaps_whenAMovingWindowOfDaysIsAsked_thenTheRowsWithinThatManyDays() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT d, COUNT(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY PRECEDING "
            + "AND CURRENT ROW), SUM(v) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY FOLLOWING AND INTERVAL '3' DAY "
            + "FOLLOWING), COUNT(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '12' HOUR PRECEDING AND INTERVAL '36' HOUR "
            + "FOLLOWING), SUM(v) OVER (PARTITION BY v > 2 ORDER BY d RANGE BETWEEN INTERVAL '5' DAY PRECEDING AND "
            + "CURRENT ROW) FROM " + DAYS + " ORDER BY v")).containsExactly(
                "2026-01-01, 1, 5, 2, 1",
                "2026-01-02, 2, 7, 1, 3",
                "2026-01-04, 1, 4, 2, 3",
                "2026-01-05, 2, null, 1, 7",
                "2026-01-09, 1, null, 1, 12");
    }

    @Test
    void givenKeysNearTheIntegerLimits_whenAFrameReachesPastThem_thenTheRowsWithinIt() throws SQLException {
        // Calcite added the offset in the key's own type: 2147483647 + 1 wrapped round, out of its own frame
        assertThat(sql.rowsOfStatement("SELECT x, COUNT(*) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 "
            + "FOLLOWING) FROM (VALUES (2147483647), (2147483646)) t(x) ORDER BY x"))
            .containsExactly("2147483646, 2", "2147483647, 2");
        assertThat(sql.rowsOfStatement("SELECT x, COUNT(*) OVER (ORDER BY x RANGE BETWEEN 2000000000 PRECEDING AND "
            + "CURRENT ROW) FROM (VALUES (-2000000000), (0)) t(x) ORDER BY x"))
            .containsExactly("-2000000000, 1", "0, 2");
        // and a ROWS offset to an int row index: the frame was empty
        assertThat(sql.rowsOfStatement("SELECT x, SUM(x) OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND 2147483647 "
            + "FOLLOWING), SUM(x) OVER (ORDER BY x ROWS BETWEEN 2147483647 PRECEDING AND CURRENT ROW) "
            + "FROM (VALUES (1), (2), (3)) t(x) ORDER BY x")).containsExactly("1, 6, 1", "2, 5, 3", "3, 3, 6");
        assertThat(sql.rowsOfStatement("SELECT SUM(x) OVER (ORDER BY x ROWS BETWEEN 2147483647 FOLLOWING AND "
            + "UNBOUNDED FOLLOWING) FROM (VALUES (1), (2), (3)) t(x)")).containsExactly("null", "null", "null");
    }

    @Test
    void givenKeysThatAreNull_whenFramedByOffsets_thenTheirFrameIsTheirPeersAndNoOtherRowsHasThem()
        throws SQLException {
        // Calcite added the offset to the NULL key: a NullPointerException, an internal error
        String keys = "(VALUES (1), (2), (NULL), (NULL), (4)) t(x)";
        assertThat(sql.rowsOfStatement("SELECT x, COUNT(*) OVER (ORDER BY x RANGE BETWEEN 2 PRECEDING AND 1 "
            + "PRECEDING), COUNT(*) OVER (ORDER BY x NULLS FIRST RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING), "
            + "SUM(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND CURRENT ROW), ARRAY_AGG(x) OVER (ORDER BY x "
            + "RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM " + keys + " ORDER BY x"))
            .containsExactly("1, 0, 2, 1, [1, 2]", "2, 1, 2, 3, [2]", "4, 1, 1, 4, [4]",
                "null, 2, 2, null, [null, null]", "null, 2, 2, null, [null, null]");
        assertThat(sql.rowsOfStatement("SELECT p, d, COUNT(*) OVER (PARTITION BY p ORDER BY d RANGE BETWEEN "
            + "INTERVAL '1' DAY PRECEDING AND INTERVAL '1' DAY FOLLOWING) FROM (VALUES ('a', DATE '2026-01-01'), "
            + "('a', DATE '2026-01-02'), ('a', NULL), ('b', NULL), ('b', DATE '2026-01-05')) t(p, d) ORDER BY p, d"))
            .containsExactly("a, 2026-01-01, 2", "a, 2026-01-02, 2", "a, null, 1", "b, 2026-01-05, 1", "b, null, 1");
    }

    @Test
    void givenKeysThatAreNull_whenAnUnboundedBoundIsBesideTheOffset_thenTheNullsAreReachedFromThatSideOnly()
        throws SQLException {
        // an internal error before (the offset added to the NULL key); a NULL key's own frame runs to its last peer
        assertThat(sql.rowsOfStatement("SELECT v, SUM(v) OVER (ORDER BY k RANGE BETWEEN UNBOUNDED PRECEDING AND 1 "
            + "FOLLOWING), SUM(v) OVER (ORDER BY k NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), "
            + "SUM(v) OVER (PARTITION BY g ORDER BY k RANGE BETWEEN 1 PRECEDING AND UNBOUNDED FOLLOWING), COUNT(*) "
            + "OVER (ORDER BY k NULLS FIRST RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) FROM (VALUES "
            + "(1, 1, 10), (1, 2, 20), (1, NULL, 30), (1, NULL, 40), (2, 3, 50), (2, NULL, 60), (2, 0, 70)) "
            + "t(g, k, v) ORDER BY v"))
            .containsExactly("10, 100, 200, 100, 2", "20, 150, 210, 100, 1", "30, 280, 130, 70, 7",
                "40, 280, 130, 70, 7", "50, 150, 230, 110, 0", "60, 280, 130, 60, 7", "70, 80, 130, 180, 3");
        assertThat(sql.rowsOfStatement("SELECT x, SUM(x) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND "
            + "CAST(0.5 AS DOUBLE) FOLLOWING) FROM (VALUES (1.0e0), (1.4e0), (NULL)) t(x) ORDER BY x"))
            .containsExactly("1.0, 2.4", "1.4, 2.4", "null, 2.4");
    }

    @Test
    void givenAnOffsetInMonths_whenAsked_thenRefused() {
        assertThat(sql.refusal("SELECT COUNT(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' MONTH PRECEDING AND "
            + "CURRENT ROW) FROM " + DAYS).getSQLState()).isEqualTo("0A000");
        assertThat(sql.refusal("SELECT COUNT(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' YEAR PRECEDING AND "
            + "CURRENT ROW) FROM events").getSQLState()).isEqualTo("0A000");
    }
}

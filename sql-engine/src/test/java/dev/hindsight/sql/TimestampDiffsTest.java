package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code TIMESTAMPDIFF}, as BI tools write it through JDBC's escape: given two points, when the whole units between
 * them are counted, then they are counted on the values — a {@code DATE} as its midnight beside a {@code TIMESTAMP}
 * (Calcite subtracted a count of days from milliseconds), parts of a second with their fraction (Calcite counted whole
 * seconds), a decade as ten years (Calcite counted years).
 */
class TimestampDiffsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @Test
    void givenADateBesideATimestamp_whenCounted_thenTheDateIsItsMidnight() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT "
            + "TIMESTAMPDIFF(YEAR, DATE '2000-01-01', TIMESTAMP '2024-06-01 00:00:00'), "
            + "TIMESTAMPDIFF(MONTH, DATE '2024-01-01', TIMESTAMP '2024-03-01 09:00:00'), "
            + "TIMESTAMPDIFF(DAY, TIMESTAMP '2024-01-03 09:00:00', DATE '2024-01-01'), "
            + "TIMESTAMPDIFF(HOUR, DATE '2024-01-01', TIMESTAMP '2024-01-03 09:30:00'), "
            + "TIMESTAMPDIFF(QUARTER, DATE '2024-01-01', TIMESTAMP '2024-12-31 00:00:00'), "
            + "{fn TIMESTAMPDIFF(SQL_TSI_DAY, DATE '2024-01-01', TIMESTAMP '2024-01-03 09:00:00')}, "
            + "{fn TIMESTAMPDIFF(SQL_TSI_WEEK, DATE '2024-01-01', TIMESTAMP '2024-01-15 00:00:00')}"))
            .containsExactly("24, 2, -2, 57, 3, 2, 2");
        assertThat(sql.rows("SELECT TIMESTAMPDIFF(DAY, CAST(ts AS DATE), ts), TIMESTAMPDIFF(DAY, ts, CAST(ts AS DATE)) "
            + "FROM events WHERE seq = 1")).as("a column and its day").containsExactly("0, 0");
        assertThat(sql.rows("SELECT TIMESTAMPDIFF(DAY, ?, ?)", Date.valueOf("2024-01-01"),
            Timestamp.valueOf("2024-01-03 09:00:00"))).as("parameters").containsExactly("2");
        assertThat(sql.rowsOfStatement(
            "SELECT TIMESTAMPDIFF(DAY, CAST(NULL AS DATE), TIMESTAMP '2024-01-01 00:00:00')"))
            .containsExactly("null");
    }

    @Test
    void givenPointsLessThanASecondApart_whenCountedInPartsOfASecond_thenTheFractionCounts() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT "
            + "TIMESTAMPDIFF(MILLISECOND, TIMESTAMP '2024-01-01 00:00:00.9', TIMESTAMP '2024-01-01 00:00:01.1'), "
            + "TIMESTAMPDIFF(MILLISECOND, TIMESTAMP '2024-01-01 00:00:01.1', TIMESTAMP '2024-01-01 00:00:00.9'), "
            + "TIMESTAMPDIFF(MICROSECOND, TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-01 00:00:01.5'), "
            + "TIMESTAMPDIFF(NANOSECOND, DATE '2024-01-01', DATE '2024-01-02'), "
            + "{fn TIMESTAMPDIFF(SQL_TSI_FRAC_SECOND, TIMESTAMP '2024-01-01 00:00:00.9', "
            + "TIMESTAMP '2024-01-01 00:00:01.1')}, "
            + "TIMESTAMPDIFF(SECOND, TIMESTAMP '2024-01-01 00:00:00.9', TIMESTAMP '2024-01-01 00:00:02.1')"))
            .containsExactly("200, -200, 1500000, 86400000000000, 200000000, 1");
    }

    @Test
    void givenYearsApart_whenCountedInDecadesCenturiesAndMillennia_thenWholeOnesCutTowardZero() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT "
            + "TIMESTAMPDIFF(DECADE, DATE '2000-01-01', TIMESTAMP '2024-06-01 00:00:00'), "
            + "TIMESTAMPDIFF(DECADE, DATE '2024-06-01', DATE '2000-01-01'), "
            + "TIMESTAMPDIFF(CENTURY, DATE '1850-01-01', DATE '2024-01-01'), "
            + "TIMESTAMPDIFF(MILLENNIUM, DATE '1850-01-01', DATE '2024-01-01')"))
            .containsExactly("2, -2, 1, 0");
    }

    @Test
    void givenPointsBackwards_whenCountedInMonthsOrUnitsOfThem_thenCutTowardZeroAsForwards() throws SQLException {
        // backwards, the later point's time of day earlier took one month more: -1 for a month less an hour
        assertThat(sql.rowsOfStatement("SELECT "
            + "TIMESTAMPDIFF(MONTH, TIMESTAMP '2024-01-01 11:00:00', TIMESTAMP '2024-02-01 10:00:00'), "
            + "TIMESTAMPDIFF(MONTH, TIMESTAMP '2024-02-01 10:00:00', TIMESTAMP '2024-01-01 11:00:00'), "
            + "TIMESTAMPDIFF(YEAR, TIMESTAMP '2025-01-01 10:00:00', TIMESTAMP '2024-01-01 11:00:00'), "
            + "TIMESTAMPDIFF(YEAR, TIMESTAMP '2025-01-01 12:00:00', TIMESTAMP '2024-01-01 11:00:00'), "
            + "TIMESTAMPDIFF(MONTH, DATE '2024-03-31', DATE '2024-01-31'), "
            + "TIMESTAMPDIFF(QUARTER, DATE '2024-12-31', DATE '2024-01-01')"))
            .containsExactly("0, 0, 0, -1, -2, -3");
    }

    @Test
    void givenATimeBesideAnotherType_whenCounted_thenRefusedForItHasNoDay() {
        SQLException e = sql.refusal("SELECT TIMESTAMPDIFF(SECOND, TIME '10:00:00', TIMESTAMP '2024-01-01 10:00:00')");
        assertThat(e.getSQLState()).isEqualTo("42883");
        assertThat(e.getMessage()).contains("TIMESTAMPDIFF(unit, TIME, TIMESTAMP) does not exist");
    }

    @Test
    void givenACountBeyondAnInteger_whenCounted_thenOutOfRangeNotWrapped() {
        assertThat(sql.refusal("SELECT TIMESTAMPDIFF(MILLISECOND, DATE '2024-01-01', DATE '2024-03-01')")
            .getSQLState()).isEqualTo("22003");
    }
}

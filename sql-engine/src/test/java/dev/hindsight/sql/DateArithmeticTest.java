package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.sql.Timestamp;
import java.sql.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dates and whole days add and subtract as in PostgreSQL ({@link DateArithmetic}): given the seeded events (the
 * first at 2026-11-01 10:00 UTC), when a statement adds days to a date or subtracts two dates, then the answer is
 * PostgreSQL 15's (a DATE, or the days between as an INTEGER; two timestamps' difference an interval, a date's or a
 * zoned one's too; a date plus hours a TIMESTAMP, where Calcite's stayed a DATE and dropped them). Calcite refused
 * each with 42883. A date beyond year 9999 is 22008.
 */
class DateArithmeticTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        SELECT DATE '2026-12-03' - DATE '2026-12-01'                          | 2
        SELECT DATE '2026-12-03' + 1                                          | 2026-12-04
        SELECT 2 + DATE '2026-12-03'                                          | 2026-12-05
        SELECT DATE '2026-12-03' - 40                                         | 2026-10-24
        SELECT CAST(ts AS DATE) - DATE '2026-10-01' FROM events WHERE seq = 1 | 31
        SELECT CAST(ts AS DATE) + seq FROM events WHERE seq = 2               | 2026-11-03
        SELECT COUNT(*) FROM events WHERE CAST(ts AS DATE) > CURRENT_DATE - 100000 | 2
        SELECT DATE '2026-11-01' + CAST(NULL AS INTEGER)                      | null
        SELECT DATE '9999-12-30' + 1, DATE '0001-01-02' - 1                   | 9999-12-31, 0001-01-01
        SELECT COUNT(*) FROM events WHERE ts >= DATE '2026-11-01' + INTERVAL '11' HOUR | 0
        SELECT TO_TIMESTAMP('2026-01-31', 'YYYY-MM-DD') + INTERVAL '1' MONTH  | 2026-02-28 00:00:00.000
        SELECT TIMESTAMP '2026-01-31 10:00:00' - DATE '2026-01-01'            | +30 10:00:00.000
        SELECT DATE '2026-02-01' - TIMESTAMP '2026-01-31 10:00:00.250'        | +0 13:59:59.750
        SELECT TO_TIMESTAMP('2026-01-31', 'YYYY-MM-DD') - TO_TIMESTAMP('2026-01-01', 'YYYY-MM-DD') | +30 00:00:00.000
        SELECT TO_TIMESTAMP('2026-11-02', 'YYYY-MM-DD') - ts FROM events WHERE seq = 1 | +0 14:00:00.000
        SELECT COUNT(*) FROM events WHERE ts - DATE '2026-11-01' < INTERVAL '10' HOUR | 0
        """)
    void givenDatesAndDays_whenAddedOrSubtracted_thenAsInPostgreSql(String query, String answer)
        throws SQLException {
        assertThat(sql.rows(query)).containsExactly(answer);
        assertThat(sql.rowsOfStatement(query)).containsExactly(answer);
    }

    @Test
    void givenAConstantBoundOfAZonedTimestampMinusMonths_whenItFilters_thenItIsTheBoundTheSelectListComputes()
            throws SQLException {
        // folded while planning by Calcite's code, a month taken from a zoned timestamp was a millisecond: the bound
        // was 2026-11-30 23:59:59.999 and no event of the month matched
        String bound = "TO_TIMESTAMP('2026-12-01', 'YYYY-MM-DD') - INTERVAL '1' MONTH";
        assertThat(sql.rows("SELECT " + bound)).containsExactly("2026-11-01 00:00:00.000");
        for (String filter : new String[] {"ts >= " + bound, "ts + INTERVAL '0' SECOND >= " + bound,
            "CAST('2026-12-01 00:00:00' AS TIMESTAMP WITH LOCAL TIME ZONE) - INTERVAL '1' MONTH <= ts"}) {
            String query = "SELECT COUNT(*) FROM events WHERE " + filter;
            assertThat(sql.rows(query)).as(query).containsExactly("2");
            assertThat(sql.rowsOfStatement(query)).as(query).containsExactly("2");
        }
    }

    @Test
    void givenAConstantDateBeyondYear9999_whenItFilters_then22008AsInTheSelectList() throws SQLException {
        // folded by Calcite's code, unchecked: year 10240, printed and compared as 0240, and no row
        String date = "DATE '2026-11-01' + INTERVAL '3000000' DAY(7)";
        assertThat(sql.refusal("SELECT " + date).getSQLState()).isEqualTo("22008");
        assertThat(sql.refusal("SELECT COUNT(*) FROM events WHERE CAST(ts AS DATE) < " + date).getSQLState())
            .isEqualTo("22008");
    }

    @Test
    void givenADateAndAnIntervalWithHours_whenAddedOrSubtracted_thenATimestampAsPostgresqls() throws SQLException {
        // Calcite's stayed a DATE and dropped the hours
        assertThat(sql.rows("SELECT DATE '2026-11-01' + INTERVAL '36' HOUR, INTERVAL '90' MINUTE + DATE '2026-11-01', "
            + "DATE '2026-11-01' - interval '1 day 2 hours', DATE '2026-11-01' - INTERVAL '2' DAY"))
            .containsExactly("2026-11-02 12:00:00.000, 2026-11-01 01:30:00.000, 2026-10-30 22:00:00.000, 2026-10-30");
    }

    @Test
    void givenAnIntervalTimesOrDividedByANumber_whenEitherComesFirst_thenTheIntervalPostgresAnswers()
            throws SQLException {
        // INTERVAL '1' DAY * 1.5, a DOUBLE factor and a divisor with a fraction were 0A000 with Calcite's plan printed
        // in the message; 1.5 * INTERVAL '1' DAY and INTERVAL '1' HOUR / 2 ran
        assertThat(sql.rows("SELECT EXTRACT(EPOCH FROM INTERVAL '1' DAY * 1.5), EXTRACT(EPOCH FROM 1.5 * INTERVAL '1' "
            + "DAY), EXTRACT(EPOCH FROM INTERVAL '1' HOUR * version) FROM events WHERE version = 2"))
            .containsExactly("129600.000, 129600.000, 7200.000");
        assertThat(sql.rows("SELECT EXTRACT(EPOCH FROM INTERVAL '1' HOUR / 1.5), EXTRACT(EPOCH FROM INTERVAL '1' HOUR "
            + "* CAST(1.5 AS DOUBLE)), EXTRACT(EPOCH FROM CAST(0.5 AS DOUBLE) * INTERVAL '1' DAY), EXTRACT(EPOCH FROM "
            + "INTERVAL '1' HOUR / 2)"))
            .containsExactly("2400.000, 5400.000, 43200.000, 1800.000");
        // PostgreSQL carries a fraction of a month into days of 30, which seconds cannot: refused, not 146.1 days
        SQLException months = sql.refusal("SELECT INTERVAL '1' YEAR / 2.5");
        assertThat(months.getSQLState()).isEqualTo("0A000");
        assertThat(months.getMessage()).contains("years or months divided by a fraction");
    }

    @Test
    void givenAnIntervalOfMonths_whenItsProductOrQuotientLeavesAFractionOfAMonth_then0A000NotTheRestCutOff()
            throws SQLException {
        // Calcite cut the rest off: INTERVAL '1' MONTH / 2 was 0 (PostgreSQL's 15 days), '3' MONTH / 2 equal to
        // '1' MONTH, a date plus half a month the date itself
        for (String query : new String[] {"SELECT INTERVAL '1' MONTH / 2", "SELECT INTERVAL '1' YEAR / 5",
            "SELECT INTERVAL '3' MONTH / 2 = INTERVAL '1' MONTH", "SELECT DATE '2026-01-31' + INTERVAL '1' MONTH / 2",
            "SELECT INTERVAL '5' MONTH / version FROM events WHERE version = 2",
            "SELECT INTERVAL '1' MONTH * 0.5", "SELECT CAST(0.25 AS DOUBLE) * INTERVAL '1' MONTH"}) {
            assertThat(sql.refusal(query).getSQLState()).as(query).isEqualTo("0A000");
        }
        assertThat(sql.rows("SELECT INTERVAL '4' MONTH / 2 = INTERVAL '2' MONTH, INTERVAL '-4' MONTH / 2 = INTERVAL "
            + "'-2' MONTH, INTERVAL '2-6' YEAR TO MONTH / 3 = INTERVAL '10' MONTH, INTERVAL '3' MONTH * 2 = INTERVAL "
            + "'6' MONTH, INTERVAL '4' MONTH / CAST(NULL AS INTEGER) IS NULL, INTERVAL '4' MONTH * 2.5 = INTERVAL '10' "
            + "MONTH, CAST(0.5 AS DOUBLE) * INTERVAL '1' YEAR = INTERVAL '6' MONTH"))
            .as("a quotient or product of whole months is one")
            .containsExactly("true, true, true, true, true, true, true");
        assertThat(sql.refusal("SELECT INTERVAL '4' MONTH / (version - version) FROM events").getSQLState())
            .isEqualTo("22012");
    }

    @Test
    void givenAnIntervalDividedOrTimesAFraction_whenReadAsText_thenWhatFallsBelowItsLastFieldIsKept()
            throws SQLException {
        // typed as the interval, INTERVAL '1' DAY / 2 was +0 over JDBC (PostgreSQL's 12:00:00), '1' YEAR / 4 +0 (its
        // 3 mons), '1' DAY * 1.5 +1 (1 day 12:00:00)
        assertThat(sql.rows("SELECT INTERVAL '1' DAY / 2, INTERVAL '1' YEAR / 4, INTERVAL '1' DAY * 1.5, INTERVAL '3' "
            + "HOUR / 2, 1.5 * INTERVAL '1' YEAR, INTERVAL '1' MINUTE * CAST(0.5 AS DOUBLE), INTERVAL '1' DAY "
            + "* version / 4 FROM events WHERE version = 2"))
            .containsExactly("+0 12:00:00.000000, +0-03, +1 12:00:00.000000, +1:30:00.000000, +1-06, +0:30.000000, "
                + "+0 12:00:00.000000");
        assertThat(sql.rows("SELECT INTERVAL '1' DAY * 2, INTERVAL '2' YEAR * version, INTERVAL '5' SECOND / 2 FROM "
            + "events WHERE version = 2")).as("a whole product keeps its type").containsExactly("+2, +4, +2.500000");
    }

    @Test
    void givenATimestampOrTimeOfWholeSeconds_whenAFractionOfASecondIsAdded_thenTheTextKeepsIt() throws SQLException {
        // the sum took the TIMESTAMP(0) literal's type, so getString cut the half second (its value held it)
        assertThat(sql.rows("SELECT TIMESTAMP '2026-01-01 10:00:00' + INTERVAL '0.5' SECOND, TIMESTAMP '2026-01-01 "
            + "10:00:00' - INTERVAL '0.5' SECOND, INTERVAL '0.25' SECOND + TIMESTAMP '2026-01-01 10:00:00', TIME "
            + "'10:00:00' + INTERVAL '0.25' SECOND, TIMESTAMP '2026-01-01 10:00:00' + INTERVAL '1' MINUTE, "
            + "TIMESTAMP '2026-01-01 10:00:00' + INTERVAL '5' SECOND"))
            .as("whole seconds keep the literal's type, as PostgreSQL prints them")
            .containsExactly("2026-01-01 10:00:00.500, 2026-01-01 09:59:59.500, 2026-01-01 10:00:00.250, "
                + "10:00:00.250, 2026-01-01 10:01:00, 2026-01-01 10:00:05");
    }

    @Test
    void givenAnIntervalOfHoursMinutesOrSeconds_whenItsHourIsExtracted_thenAllItsHoursAsPostgres() throws SQLException {
        // Calcite counted them modulo 24 whatever the interval: '36' HOUR was 12, '100' HOUR 4 (printed 100:00:00);
        // an interval with days keeps its hour of the day, as PostgreSQL's
        assertThat(sql.rows("SELECT EXTRACT(HOUR FROM INTERVAL '36' HOUR), EXTRACT(HOUR FROM INTERVAL '100:30' HOUR TO "
            + "MINUTE), date_part('hour', INTERVAL '100' HOUR), EXTRACT(HOUR FROM INTERVAL '1' HOUR * 30), "
            + "EXTRACT(HOUR FROM INTERVAL '-90' MINUTE), EXTRACT(HOUR FROM INTERVAL '1 12' DAY TO HOUR), "
            + "EXTRACT(MINUTE FROM INTERVAL '100:30' HOUR TO MINUTE), EXTRACT(HOUR FROM INTERVAL '1' HOUR * version) "
            + "FROM events WHERE version = 2"))
            .containsExactly("36, 100, 100, 30, -1, 12, 30, 2");
        // divided by a fraction, an interval of days keeps them: the hour of its day, not all its hours (48)
        assertThat(sql.rows("SELECT EXTRACT(HOUR FROM INTERVAL '3' DAY / 1.5), EXTRACT(HOUR FROM INTERVAL '1 12' DAY "
            + "TO HOUR / 0.5), EXTRACT(HOUR FROM INTERVAL '3' HOUR / 1.5)")).containsExactly("0, 0, 2");
    }

    @Test
    void givenAUnitAnIntervalHasNoFieldFor_whenExtracted_then22023AsPostgres() throws SQLException {
        // it was an internal error, Calcite's AssertionError (XX000)
        for (String query : List.of("SELECT EXTRACT(ISOYEAR FROM INTERVAL '14' MONTH)",
            "SELECT date_part('isoyear', INTERVAL '-1' YEAR)")) {
            SQLException e = sql.refusal(query);
            assertThat(e.getSQLState()).as(query).isEqualTo("22023");
            assertThat(e.getMessage()).isEqualTo("unit \"isoyear\" not supported for type interval");
        }
    }

    @Test
    void givenAUnitThatIsNoLiteral_whenDatePartIsAsked_thenRefusedSayingHowNotAnInternalError() {
        // Calcite cast the unit to a time unit as it planned: a ? or a column was a ClassCastException (XX000)
        for (SQLException e : List.of(sql.refusal("SELECT date_part(?, TIMESTAMP '2024-02-18 10:07:08')", "dow"),
            sql.refusal("SELECT date_part(u, TIMESTAMP '2024-02-18 10:07:08') FROM (VALUES ('dow')) t(u)"))) {
            assertThat(e.getSQLState()).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("date_part with a unit that is not a literal", "EXTRACT(DOW FROM ts)");
        }
    }

    @Test
    void givenDaysAsAParameter_whenAddedToADate_thenTheyAreAnInteger() throws SQLException {
        assertThat(sql.rows("SELECT DATE '2026-12-03' + ?, ? + DATE '2026-12-03', DATE '2026-12-03' - ?", 2, 3, 4))
            .containsExactly("2026-12-05, 2026-12-06, 2026-11-29"); // Calcite took ? for a date: 42883
    }

    @Test
    void givenATimestampAsAParameter_whenAnIntervalIsAddedOrSubtracted_thenATimestamp() throws SQLException {
        // Calcite took the ? for an interval: 42883 for ts > ? - INTERVAL '1' HOUR, 42804 for a bound Timestamp
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE ts > ? - INTERVAL '1' HOUR",
            Timestamp.valueOf("2026-11-01 11:00:30"))).containsExactly("1");
        assertThat(sql.rows("SELECT ? + INTERVAL '1' MONTH, INTERVAL '2' HOUR + ?", "2026-01-31 10:00:00.250",
            "2026-01-01 00:00:00")).containsExactly("2026-02-28 10:00:00.250, 2026-01-01 02:00:00.000");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE ts BETWEEN ? AND ? + INTERVAL '1' MINUTE",
            "2026-11-01 10:00:00", "2026-11-01 10:00:00")).containsExactly("2");
    }

    @Test
    void givenATimestampAsAParameter_whenATimestampIsSubtractedFromIt_thenTheIntervalBetween() throws SQLException {
        // PostgreSQL reads the ? as a timestamp (psql: 14:00:00); Calcite refused the subtraction with 42883
        assertThat(sql.rows("SELECT ? - TIMESTAMP '2026-01-31 10:00:00'", "2026-02-01 00:00:00"))
            .containsExactly("+0 14:00:00.000");
        assertThat(sql.rows("SELECT ? - ts FROM events WHERE seq = 1",
            Timestamp.valueOf("2026-11-02 00:00:00.5"))).containsExactly("+0 14:00:00.500");
    }

    /** PostgreSQL: "date out of range" (22008); Calcite printed the year modulo 10,000 ({@link DatetimeRange}). */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        SELECT DATE '9999-12-31' + 1                                    | 22008 | date out of range: year 10000
        SELECT DATE '0001-01-01' - 1                                    | 22008 | date out of range: year 0
        SELECT DATE '2026-11-01' + 2147483647                           | 22008 | beyond years 1 to 9999
        SELECT DATE '2026-11-01' + INTERVAL '3000000' DAY(7)            | 22008 | year 10240
        SELECT TIMESTAMPADD(YEAR, 9000, ts) FROM events WHERE seq = 1   | 22008 | timestamp out of range: year 11026
        SELECT TIMESTAMP '9999-12-31 23:00:00' + INTERVAL '1' HOUR      | 22008 | timestamp out of range: year 10000
        SELECT TO_DATE('10000-01-01', 'YYYY-MM-DD')                     | 22008 | date out of range: year 10000
        SELECT DATE '2026-11-01' + CAST(4294967296 AS BIGINT)           | 22003 | out of range
        SELECT CAST(ts AS DATE) + seq * 4294967296 * INTERVAL '1' DAY FROM events | 22008 | beyond years 1 to 9999
        SELECT TO_TIMESTAMP('10000-01-01', 'YYYY-MM-DD')                | 22008 | timestamp out of range: year 10000
        SELECT COUNT(*) FROM events a JOIN events b ON DATE '9999-12-30' + CAST(a.seq + b.seq AS INTEGER) > a.ts \
          | 22008 | date out of range: year 10000
        """)
    void givenADateBeyondYear9999_whenComputed_thenDateOutOfRange(String query, String state, String message) {
        SQLException thrown = catchThrowableOfType(SQLException.class, () -> sql.rows(query));
        assertThat((Throwable) thrown).as(query).isNotNull();
        assertThat(thrown.getSQLState()).isEqualTo(state);
        assertThat(thrown.getMessage()).contains(message);
    }

    @Test
    void givenTwoTimestamps_whenSubtracted_thenTheIntervalBetween() throws SQLException {
        // PostgreSQL: 2528 days 10:00:00.5 and 218455200.5 seconds; Calcite refused the subtraction with 42883
        assertThat(sql.rows("SELECT TIMESTAMP '2026-12-03 10:00:00.5' - TIMESTAMP '2020-01-01 00:00:00', "
            + "EXTRACT(EPOCH FROM TIMESTAMP '2026-12-03 10:00:00.5' - ?)", "2020-01-01 00:00:00"))
            .containsExactly("+2528 10:00:00.500, 218455200.500");
        assertThat(sql.rows("SELECT MAX(ts) - MIN(ts), COUNT(*) FILTER (WHERE ts - TIMESTAMP '2026-11-01 00:00:00' "
            + "<= INTERVAL '600' MINUTE(3)) FROM events")).containsExactly("+0 00:01:00.000, 1");
    }

    @Test
    void givenAnIntervalTypedWithSixFractionDigits_whenRead_thenItsMillisecondsNotZeros() throws SQLException {
        // Calcite types an interval literal's fraction with 6 digits, its value holds milliseconds, and Avatica's
        // text wrote such a fraction as zeros: +1.000000
        assertThat(sql.rows("SELECT INTERVAL '1.5' SECOND, -INTERVAL '0.007' SECOND, "
            + "(TIMESTAMP '2026-01-02 00:00:00' - TIMESTAMP '2026-01-01 00:00:00.250') + INTERVAL '1' DAY, "
            + "CAST(NULL AS INTERVAL SECOND)")).containsExactly("+1.500000, -0.007000, +1 23:59:59.750000, null");
    }

    @Test
    void givenAProjection_whenItAddsMonthsToAZonedTimestamp_thenAsAQuery() throws SQLException {
        String month = "MAX(CAST(ts AS TIMESTAMP WITH LOCAL TIME ZONE) + INTERVAL '1' MONTH)";
        sql.update("CREATE PROJECTION next_month AS SELECT stream_id, " + month + " AS z FROM events "
            + "GROUP BY stream_id");
        assertThat(sql.rows("SELECT z FROM next_month")).containsExactly("2026-12-01 10:01:00.000")
            .isEqualTo(sql.rows("SELECT " + month + " FROM events")); // Calcite's left it at 2026-11-01
    }

    @Test
    void theDaysBetweenTwoDatesAreAnInteger() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT DATE '2026-12-03' - CAST(ts AS DATE), "
            + "CAST(ts AS DATE) + 1 FROM events")) {
            assertThat(ps.getMetaData().getColumnType(1)).isEqualTo(Types.INTEGER);
            assertThat(ps.getMetaData().getColumnType(2)).isEqualTo(Types.DATE);
        }
    }
}

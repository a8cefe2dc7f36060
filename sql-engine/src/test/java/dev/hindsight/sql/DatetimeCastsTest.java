package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Casts to a TIMESTAMP or TIME of fewer fraction digits round as PostgreSQL's, and casts between a TIMESTAMP and a
 * TIMESTAMP WITH LOCAL TIME ZONE keep the milliseconds ({@link DatetimeCasts}): given the seeded events (the first at
 * 2026-11-01 10:00:00 UTC), when a literal, a column's value or a parameter is cast, then the value (printed through a
 * cast to text, which shows every digit the value holds) is PostgreSQL 15's. Calcite cut a literal's digits off, kept
 * all of a column's or a parameter's, and dropped them between the two timestamps.
 */
class DatetimeCastsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        CAST(TIMESTAMP '2026-01-01 10:00:00.567' AS TIMESTAMP(0)) | 2026-01-01 10:00:01
        CAST(TIMESTAMP '2026-01-01 10:00:00.567' AS TIMESTAMP(1)) | 2026-01-01 10:00:00.6
        CAST(TIMESTAMP '2026-01-01 10:00:00.565' AS TIMESTAMP(2)) | 2026-01-01 10:00:00.57
        CAST(TIMESTAMP '2026-12-31 23:59:59.6' AS TIMESTAMP(0)) | 2027-01-01 00:00:00
        CAST(TIMESTAMP '1999-12-31 23:59:59.5' AS TIMESTAMP(0)) | 1999-12-31 23:59:59
        CAST(TIMESTAMP '2000-01-01 00:00:00.5' AS TIMESTAMP(0)) | 2000-01-01 00:00:01
        CAST(TIMESTAMP '1960-01-01 10:00:00.565' AS TIMESTAMP(2)) | 1960-01-01 10:00:00.56
        CAST('2026-01-01 10:00:00.567' AS TIMESTAMP(0)) | 2026-01-01 10:00:01
        CAST('2026-01-01T10:00:00.567Z' AS TIMESTAMP(0)) | 2026-01-01 10:00:01
        CAST('2026-01-01 10:00:00.4996' AS TIMESTAMP(0)) | 2026-01-01 10:00:00
        CAST('2026-01-01 10:00:00.0496' AS TIMESTAMP(1)) | 2026-01-01 10:00:00
        CAST('10:00:00.4996' AS TIME(0)) | 10:00:00
        CAST(ts + INTERVAL '0.567' SECOND AS TIMESTAMP(0)) | 2026-11-01 10:00:01
        CAST(ts + INTERVAL '0.5' SECOND AS TIMESTAMP(0)) | 2026-11-01 10:00:01
        CAST(ts + INTERVAL '0.499' SECOND AS TIMESTAMP(0)) | 2026-11-01 10:00:00
        CAST(TIME '10:00:00.567' AS TIME(0)) | 10:00:01
        CAST(TIME '23:59:59.6' AS TIME(0)) | 24:00:00
        CAST(TIMESTAMP '2026-01-01 10:00:00.567' AS TIME(1)) | 10:00:00.6
        CAST(ts + INTERVAL '0.567' SECOND AS TIME(0)) | 10:00:01
        CAST(CAST(ts + INTERVAL '0.25' SECOND AS TIMESTAMP WITH LOCAL TIME ZONE) AS TIMESTAMP) | 2026-11-01 10:00:00.25
        CAST(CAST(NULL AS VARCHAR) AS TIMESTAMP(0)) | null
        CAST('235959' AS TIME(0)) | 23:59:59
        CAST('1200' AS TIME(0)) | 12:00:00
        CAST('235959.5' AS TIME(1)) | 23:59:59.5
        CAST(' 1200 ' AS TIME(0)) | 12:00:00
        CAST('0000' AS TIME(0)) | 00:00:00
        TIMESTAMP '2026-01-01 10:00:00.0005' | 2026-01-01 10:00:00.001
        TIMESTAMP '2026-01-01 10:00:00.0004999' | 2026-01-01 10:00:00
        TIMESTAMP '2026-12-31 23:59:59.9995' | 2027-01-01 00:00:00
        CAST('2026-01-01 10:00:00.0005' AS TIMESTAMP) | 2026-01-01 10:00:00.001
        CAST('2026-01-01T09:00:00.0005-01:00' AS TIMESTAMP) | 2026-01-01 10:00:00.001
        CAST('9999-12-31T23:59:59.9994Z' AS TIMESTAMP) | 9999-12-31 23:59:59.999
        CAST('2024-01-01 23:59:59.9995' AS DATE) | 2024-01-01
        CAST('2024-01-01T23:59:59.9995Z' AS DATE) | 2024-01-01
        CAST('9999-12-31 23:59:59.9995' AS DATE) | 9999-12-31
        CAST('2024-01-01 23:59:59.9995' AS TIME) | 24:00:00
        """)
    void givenAValueWithMoreDigits_whenCast_thenAsPostgres(String cast, String expected) throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT CAST(" + cast + " AS VARCHAR) FROM events WHERE seq = 1"))
            .containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", quoteCharacter = '"', textBlock = """
        '2026-01-01 10:00:00' | 2026-01-01 10:00:00
        '2026-01-01T10:00:00.25Z' | 2026-01-01 10:00:00.25
        '2026-01-01T12:00:00+02:00' | 2026-01-01 10:00:00
        '2026-01-01 11:00:00 Europe/Paris' | 2026-01-01 10:00:00
        '2026-01-01T11:00 europe/paris' | 2026-01-01 10:00:00
        '2026-01-01 10:00:00 Z' | 2026-01-01 10:00:00
        '2026-01-01 05:00:00.25 EST' | 2026-01-01 10:00:00.25
        '2026-01-02' | 2026-01-02 00:00:00
        '2026-01-01 12:00:00 IST' | 2026-01-01 10:00:00
        '2026-07-01 04:00:00 CST' | 2026-07-01 10:00:00
        '2026-10-25 02:30:00 Europe/Paris' | 2026-10-25 01:30:00
        CAST(ts AS VARCHAR) | 2026-11-01 10:00:00
        """)
    void givenTimeTextWithoutAZoneName_whenCastToATimestampWithLocalTimeZone_thenReadInUtc(String text,
                                                                                            String expected)
        throws SQLException {
        // Calcite read such text only with a zone's name after it: '2026-01-01 10:00:00' was XX000
        assertThat(sql.rowsOfStatement("SELECT CAST(CAST(CAST(" + text + " AS TIMESTAMP WITH LOCAL TIME ZONE) AS "
            + "TIMESTAMP) AS VARCHAR) FROM events WHERE seq = 1")).containsExactly(expected);
    }

    @Test
    void givenTextThatIsNoTime_whenCastWithALocalTimeZone_then22007() throws SQLException {
        for (String cast : new String[] {"CAST('garbage' AS TIMESTAMP WITH LOCAL TIME ZONE)",
            "CAST(stream_id AS TIMESTAMP WITH LOCAL TIME ZONE)", "CAST('garbage' AS TIME WITH LOCAL TIME ZONE)"}) {
            assertThat(sql.refusal("SELECT " + cast + " FROM events").getSQLState()).as(cast).isEqualTo("22007");
        }
        assertThat(sql.rowsOfStatement("SELECT CAST(CAST('10:00' AS TIME WITH LOCAL TIME ZONE) AS VARCHAR)"))
            .containsExactly("10:00:00 UTC");
        assertThat(sql.refusal("SELECT CAST('10:00:00.5' AS TIME WITH LOCAL TIME ZONE)").getSQLState())
            .isEqualTo("22007");
        // a zone no name of the tz database names (Calcite took any name, an unknown one as GMT), nor a POSIX one,
        // whose sign PostgreSQL reads the other way round: 22023 naming it
        for (String zone : new String[] {"Nowhere", "UTC+3", "ECT"}) {
            SQLException e = sql.refusal("SELECT CAST('2026-01-01 10:00:00 " + zone + "' AS TIMESTAMP WITH LOCAL "
                + "TIME ZONE)");
            assertThat(e.getSQLState()).as(zone).isEqualTo("22023");
            assertThat(e.getMessage()).contains(zone);
        }
        assertThat(sql.refusal("SELECT CAST('0001-01-01 00:30 Asia/Tokyo' AS TIMESTAMP WITH LOCAL TIME ZONE)")
            .getSQLState()).as("before year 1 in UTC").isEqualTo("22008");
    }

    @Test
    void givenTimeTextWithASignOrDigitsThatAreNoBasicTime_whenCast_then22007() {
        // Calcite read '25' as 01:00, '-01:00:00' as 23:00 (its text garbage), '235959' as that many hours
        for (String text : new String[] {"25", "99", "-01:00:00", "+10:00", "12345"}) {
            assertThat(sql.refusal("SELECT CAST('" + text + "' AS TIME)").getSQLState()).as(text).isEqualTo("22007");
        }
        assertThat(sql.refusal("SELECT CAST('2460' AS TIME)").getSQLState()).isEqualTo("22008");
    }

    @Test
    void givenTextThatRoundsBeyondYear9999_whenReadAsATimestamp_then22008() {
        // Calcite carried the cast into year 10000 and printed it as 0000-01-01; PostgreSQL's timestamp(3) would go
        // on into year 10000, which Hindsight's timestamps do not reach
        for (String read : new String[] {"TIMESTAMP '9999-12-31 23:59:59.9995'",
            "CAST('9999-12-31 23:59:59.9999' AS TIMESTAMP)", "CAST('9999-12-31T23:59:59.9999Z' AS TIMESTAMP)"}) {
            assertThat(sql.refusal("SELECT " + read).getSQLState()).as(read).isEqualTo("22008");
        }
        assertThat(sql.refusal("SELECT CAST(? AS TIMESTAMP)", "9999-12-31 23:59:59.9999").getMessage())
            .contains("'9999-12-31 23:59:59.9999' rounds to a millisecond of year 10000");
    }

    @Test
    void givenATimeWithLocalTimeZoneLiteral_whenRun_then0A000NamingTheCastThatWorks() throws SQLException {
        // Calcite's literal of the type had no value its code could use: an internal error
        SQLException literal = sql.refusal("SELECT TIME WITH LOCAL TIME ZONE '10:00:00'");
        assertThat(literal.getSQLState()).isEqualTo("0A000");
        assertThat(literal.getMessage()).contains("CAST('10:00:00' AS TIME WITH LOCAL TIME ZONE)");
        assertThat(sql.rows("SELECT CAST('10:00:00' AS TIME WITH LOCAL TIME ZONE)")).containsExactly("10:00:00.000");
    }

    @Test
    void givenADateWithDayZero_whenCast_then22008AsPostgres() throws SQLException {
        // Calcite read day 0 as the last day of the month before: '2026-01-00' was 2025-12-31
        for (String read : new String[] {"CAST('2026-01-00' AS DATE)", "CAST(' 2026-1-0 ' AS DATE)",
            "CAST('2026-03-00 10:00:00' AS TIMESTAMP)", "CAST('2026-03-00T10:00:00Z' AS TIMESTAMP)",
            "CAST('2026-01-00 10:00' AS TIME)",
            "CAST(CAST(2026 + seq - seq AS VARCHAR) || '-01-00' AS DATE) FROM events WHERE seq = 1"}) {
            assertThat(sql.refusal("SELECT " + read).getSQLState()).as(read).isEqualTo("22008");
        }
        assertThat(sql.refusal("SELECT CAST(? AS DATE)", "2026-03-00").getMessage())
            .contains("Value of DAY field is out of range in '2026-03-00'");
        assertThat(sql.rows("SELECT CAST('2026-01-10' AS DATE), CAST(? AS DATE)", "2026-03-01"))
            .as("a day of 10 or 01 is a day").containsExactly("2026-01-10, 2026-03-01");
        assertThat(sql.refusal("SELECT CAST('2026-01-00abc' AS DATE)").getSQLState()).as("no date at all")
            .isEqualTo("22007");
    }

    @Test
    void givenATimestampWithAYearBeyond9999OrDayZero_whenRead_then22008NotADigitLost() throws SQLException {
        // Calcite's reading of TIMESTAMP '12026-01-01 00:00:00' lost a digit, 2026 ('10000-…' was year 0); a literal's
        // day 0 was 42601
        for (String read : new String[] {"TIMESTAMP '12026-01-01 00:00:00' = TIMESTAMP '2026-01-01 00:00:00'",
            "TIMESTAMP '10000-01-01 00:00:00'", "CAST('20261-12-05 20:23:08' AS TIMESTAMP)",
            "COUNT(*) FROM events WHERE ts > TIMESTAMP '12026-01-01 00:00:00'",
            "COUNT(*) FROM events AS OF TIMESTAMP '12026-01-01 00:00:00'", "TIMESTAMP '2026-01-00 10:00:00'"}) {
            SQLException e = sql.refusal("SELECT " + read);
            assertThat(e.getSQLState()).as(read).isEqualTo("22008");
            assertThat(e.getMessage()).as(read).containsAnyOf("beyond years 1 to 9999", "(day 0)");
        }
        assertThat(sql.refusal("SELECT CAST('12345-678' AS TIMESTAMP)").getSQLState()).as("no date at all")
            .isEqualTo("22007");
        assertThat(sql.rows("SELECT TIMESTAMP '02026-01-01 00:00:00', JSON_VALUE('{\"t\":\"12026-01-01 00:00:00\"}', "
            + "'$.t' RETURNING TIMESTAMP)")).containsExactly("2026-01-01 00:00:00, null");
    }

    @Test
    void givenTextTheTypeCannotTake_whenReadByJsonValueReturningIt_thenNullOnErrorAsItsDefault() throws SQLException {
        // Hindsight's refusals of the text (day 0, rounded past year 9999) were outside Calcite's try and catch
        assertThat(sql.rows("SELECT JSON_VALUE('{\"d\":\"2026-01-00\"}', '$.d' RETURNING DATE), "
            + "JSON_VALUE('{\"t\":\"9999-12-31 23:59:59.9999\"}', '$.t' RETURNING TIMESTAMP), "
            + "JSON_VALUE('{\"t\":\"2026-01-00 10:00:00\"}', '$.t' RETURNING TIMESTAMP), "
            + "JSON_VALUE('{\"t\":\"2026-01-00 10:00:00+01\"}', '$.t' RETURNING TIMESTAMP WITH LOCAL TIME ZONE)"))
            .containsExactly("null, null, null, null");
        assertThat(sql.refusal("SELECT JSON_VALUE('{\"d\":\"2026-01-00\"}', '$.d' RETURNING DATE ERROR ON ERROR)")
            .getSQLState()).isEqualTo("22008");
    }

    @Test
    void givenAParameter_whenCastToFewerDigits_thenItRounds() throws SQLException {
        Timestamp t = Timestamp.valueOf("2026-01-01 10:00:00.567");
        assertThat(sql.rows("SELECT CAST(CAST(? AS TIMESTAMP(0)) AS VARCHAR), CAST(? AS TIMESTAMP(0)) = "
            + "TIMESTAMP '2026-01-01 10:00:01'", t, t)).containsExactly("2026-01-01 10:00:01, true");
    }

    @Test
    void givenARoundedColumn_whenGrouped_thenTheGroupsAreThoseOfTheRoundedValues() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT CAST(ts + INTERVAL '0.7' SECOND AS TIMESTAMP(0)) AS t, COUNT(*) "
            + "FROM events GROUP BY CAST(ts + INTERVAL '0.7' SECOND AS TIMESTAMP(0)) ORDER BY t"))
            .containsExactly("2026-11-01 10:00:01, 1", "2026-11-01 10:01:01, 1");
    }

    @Test
    void givenTheClockReadWithFewerDigitsThanMilliseconds_thenItsValueIsRoundedToThemAsItsTypeSays()
        throws SQLException {
        // the clock's milliseconds stayed in the value: one statement's CURRENT_TIMESTAMP(0) compared unequal to its
        // own cast to TIMESTAMP(0) but for one millisecond in a thousand
        assertThat(sql.rowsOfStatement("SELECT CURRENT_TIMESTAMP(0) = CAST(CURRENT_TIMESTAMP(0) AS TIMESTAMP(0)), "
            + "MOD(EXTRACT(MILLISECOND FROM CURRENT_TIMESTAMP(0)), 1000), "
            + "LOCALTIME(0) = CAST(LOCALTIME(0) AS TIME(0)), "
            + "LOCALTIMESTAMP(1) = CAST(LOCALTIMESTAMP(1) AS TIMESTAMP(1))"))
            .containsExactly("true, 0, true, true");
        assertThat(sql.rowsOfStatement("SELECT CAST(CURRENT_TIMESTAMP(0) AS VARCHAR), "
            + "CAST(CURRENT_TIME(2) AS VARCHAR)")).singleElement().asString()
            .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d, \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,2})?");
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A date format reads as PostgreSQL reads it ({@link PostgresFormats}): given the first event's timestamp
 * (2026-11-01 10:00:00 UTC, a Sunday), when {@code TO_CHAR} formats it or {@code TO_DATE}/{@code TO_TIMESTAMP}
 * parse with a format, then the answer is PostgreSQL 15's for the same format: codes in lower case as in upper case,
 * quoted text as itself, names printed in the case they are written in. Calcite's formatter printed lower-case codes
 * back as written and parsed them as nothing ({@code TO_DATE('2026-12-03', 'yyyy-mm-dd')} was 0001-01-01).
 */
class PostgresFormatsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:1");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", quoteCharacter = '`', textBlock = """
        yyyy-mm-dd hh24:mi:ss          | 2026-11-01 10:00:00
        YYYY-MM-DD HH24:MI:SS          | 2026-11-01 10:00:00
        YYYY-MM-DD"T"HH24:MI:SS.MS     | 2026-11-01T10:00:00.000
        "Q"Q YYYY                      | Q4 2026
        "quarter" q, "week" iw         | quarter 4, week 44
        fmMonth ddth, yyyy             | November 01st, 2026
        Day, dy, DY, month, Mon        | `Sunday   , sun, SUN, november , Nov`
        hh12:mi am                     | 10:00 am
        "x"                            | x
        FM"Q"Q                         | Q4
        FM"x"DD                        | x01
        Mi Dd Id                       | M6 11 61
        Quarter                        | 4uarter
        FXyyyy-mm-dd                   | 2026-11-01
        """)
    void givenATimestamp_whenFormatted_thenAsInPostgreSql(String format, String text) throws SQLException {
        assertThat(sql.rows("SELECT TO_CHAR(ts, '" + format + "') FROM events")).containsExactly(text);
        // a format that is no literal is read when the statement runs, the same way (Calcite printed it back)
        assertThat(sql.rows("SELECT TO_CHAR(ts, ?) FROM events", format)).as("a parameter").containsExactly(text);
        assertThat(sql.rows("SELECT TO_CHAR(ts, f) FROM events, (VALUES ('" + format + "'), (NULL)) AS t (f)"))
            .as("a column; NULL for NULL").containsExactlyInAnyOrder(text, "null");
    }

    @Test
    void givenCenturyWeekAndCommaYearCodes_whenFormatted_thenAsInPostgreSql() throws SQLException {
        // Calcite's formatter: CC of 2000 was 21 (1900: 20), Y,YYY of 2026 6,026, WW unpadded (W1)
        String query = "SELECT TO_CHAR(t, 'CC'), TO_CHAR(t, 'Y,YYY'), TO_CHAR(t, 'YYYY \"W\"WW'), "
            + "TO_CHAR(t, 'FMCCth'), TO_CHAR(t, 'cc-ww y,yyy') FROM (VALUES (TIMESTAMP '2000-12-31 12:30:00'), "
            + "(TIMESTAMP '1900-01-05 00:00:00'), (TIMESTAMP '0099-03-05 00:00:00')) AS v (t)";
        List<String> expected = List.of("20, 2,000, 2000 W53, 20th, 20-53 2,000",
            "19, 1,900, 1900 W01, 19th, 19-01 1,900", "01, 0,099, 0099 W10, 1st, 01-10 0,099");
        assertThat(sql.rows(query)).containsExactlyElementsOf(expected);
        assertThat(sql.rows("SELECT TO_CHAR(TIMESTAMP '2000-12-31 12:30:00', ?), TO_CHAR(DATE '2027-01-01', 'WW')",
            "CC-WW Y,YYY")).as("a format read when it runs; a DATE").containsExactly("20-53 2,000, 01");
    }

    @Test
    void givenAFormatWithNoCode_whenFormatted_thenItsTextAndNullForNull() throws SQLException {
        assertThat(sql.rows("SELECT TO_CHAR(ts, '\"\"'), TO_CHAR(ts, 'FM'), TO_CHAR(CAST(NULL AS TIMESTAMP), '\"x\"') "
            + "FROM events")).containsExactly(", , null");
    }

    @ParameterizedTest(name = "{0} with {1} → {2}")
    @CsvSource(delimiterString = "|", textBlock = """
        TO_DATE      | 2026-12-03          | yyyy-mm-dd              | 2026-12-03
        TO_DATE      | 03/12/2026          | dd/mm/yyyy              | 2026-12-03
        TO_TIMESTAMP | 2026-12-03 10:11:12 | yyyy-mm-dd hh24:mi:ss   | 2026-12-03 10:11:12.000
        TO_TIMESTAMP | 2026-12-03 10:11:12.345 | yyyy-mm-dd hh24:mi:ss.ms | 2026-12-03 10:11:12.345
        TO_DATE      | 2026-12-03          | FXyyyy-mm-dd            | 2026-12-03
        """)
    void givenText_whenParsedWithALowerCaseFormat_thenAsInPostgreSql(String function, String value, String format,
                                                                     String parsed) throws SQLException {
        assertThat(sql.rows("SELECT " + function + "('" + value + "', '" + format + "')")).containsExactly(parsed);
        assertThat(sql.rows("SELECT " + function + "('" + value + "', ?)", format)).as("the format a parameter (was "
            + "0001-01-01)").containsExactly(parsed);
        assertThat(sql.rows("SELECT " + function + "(?, ?)", value, format.toUpperCase(Locale.ROOT)))
            .as("in upper case").containsExactly(parsed);
    }

    @Test
    void givenTextWithCharactersOfNoCode_whenParsed_thenTheyAreSkippedAsInPostgreSql() throws SQLException {
        // Calcite read 'T' beside codes as a code and refused quotes: year 1, or 22007
        String query = "SELECT TO_TIMESTAMP('2026-01-31T10:30', 'yyyy-mm-ddThh24:mi'), "
            + "TO_TIMESTAMP('2026-01-31T10:30', 'YYYY-MM-DD\"T\"HH24:MI'), TO_DATE('Date: 2026-01-31', "
            + "'\"Date:\" yyyy-mm-dd'), TO_DATE('2026x01x31', 'yyyyxmmxdd')";
        String answer = "2026-01-31 10:30:00.000, 2026-01-31 10:30:00.000, 2026-01-31, 2026-01-31";
        assertThat(sql.rows(query)).containsExactly(answer);
        assertThat(sql.rows("SELECT TO_TIMESTAMP('2026-01-31T10:30', ?), TO_DATE(?, ?)", "yyyy-mm-ddThh24:mi",
            "Date: 2026-01-31", "\"Date:\" yyyy-mm-dd")).as("formats as parameters")
            .containsExactly("2026-01-31 10:30:00.000, 2026-01-31");
    }

    @Test
    void givenATimeZoneCode_whenFormattedWithAFormatThatIsNoLiteral_thenAsWithALiteral() throws SQLException {
        // not PostgreSQL's (a timestamp without a zone prints an empty TZ there): Calcite's, the same either way
        assertThat(sql.rows("SELECT TO_CHAR(ts, 'HH24 TZ tz'), TO_CHAR(ts, ?) FROM events", "HH24 TZ tz"))
            .containsExactly("10 UTC UTC, 10 UTC UTC");
    }

    @Test
    void givenTextTheFormatCannotRead_whenParsed_thenInvalidDatetimeFormat() {
        for (String query : new String[] {"SELECT TO_DATE('garbage', 'yyyy-mm-dd')",
            "SELECT TO_TIMESTAMP(stream_id, 'YYYY-MM-DD HH24') FROM events"}) {
            SQLException thrown = catchThrowableOfType(SQLException.class, () -> sql.rows(query));
            assertThat((Throwable) thrown).as(query).isNotNull();
            assertThat(thrown.getSQLState()).as("PostgreSQL's; was XX000, an internal error").isEqualTo("22007");
            assertThat(thrown.getMessage()).contains("Invalid format: '");
        }
    }
}

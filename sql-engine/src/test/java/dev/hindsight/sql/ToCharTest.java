package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code TO_CHAR} of a number as PostgreSQL prints it ({@link ToChar}, {@link PostgresNumberFormat}): given a value
 * and a format, when printed, then PostgreSQL 15's text, blank for blank (each answer below was read from PostgreSQL
 * for the same value as {@code numeric} and format). Calcite's {@code TO_CHAR} took timestamps alone: 42883.
 */
class ToCharTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:1");

    @ParameterizedTest(name = "{0}, {1} → [{2}]")
    @CsvSource(delimiterString = "|", quoteCharacter = '`', textBlock = """
        123.45     | 999D99           | ` 123.45`
        -123.45    | 999D99           | `-123.45`
        5          | 999              | `   5`
        5          | 000              | ` 005`
        5          | FM999            | `5`
        0.5        | 9.99             | `  .50`
        0.5        | 0.99             | ` 0.50`
        0.5        | FM9.99           | `.5`
        1234567    | 9,999,999        | ` 1,234,567`
        5          | 9,999            | `     5`
        1.50       | FM9.99           | `1.5`
        1          | FM9.99           | `1.`
        1.5        | FM0.00           | `1.50`
        12345      | 999              | ` ###`
        -5         | S999             | `  -5`
        5          | S999             | `  +5`
        -5         | 999MI            | `  5-`
        5          | 999MI            | `  5 `
        5          | 999PL            | `   5+`
        -5         | 999PR            | `  <5>`
        5          | 999PR            | `   5 `
        -5         | SG999            | `-  5`
        5          | SG999            | `+  5`
        1.005      | 9.99             | ` 1.01`
        -1.005     | 9.99             | `-1.01`
        123        | "Total: "999     | `Total:  123`
        123        | 999 units        | `123+ unit`
        0          | 999              | `   0`
        0          | 990              | `   0`
        0          | FM999            | `0`
        0          | 9.99             | `  .00`
        -0.4       | 999              | `   0`
        12.3       | 99.999           | ` 12.300`
        12.3       | FM99.999         | `12.3`
        1234.5     | FM9,999.00       | `1,234.50`
        -1234.5    | FM9G999D00       | `-1,234.50`
        7          | 9                | ` 7`
        10         | 9                | ` #`
        -7         | FM999            | `-7`
        1000       | 9999             | ` 1000`
        99.995     | 99.99            | ` ##.##`
        -12        | FMS99            | `-12`
        12         | FM999PR          | `12`
        -12        | FM999PR          | `<12>`
        3          | FM00             | `03`
        1234       | FM99G99          | `12,34`
        0.01       | FM0.0            | `0.0`
        5          | 99.              | `  5`
        5          | FM99.            | `5`
        123.4      | 999              | ` 123`
        123.5      | 999              | ` 124`
        -123.5     | 999              | `-124`
        5          | MI999            | `   5`
        -5         | FMMI999          | `-5`
        5          | 9 9              | `   5`
        12         | 9 9              | ` 1 2`
        0          | 99.              | `  0`
        0          | 9                | ` 0`
        0          | FM9.99           | `0.`
        0.5        | FM9.9            | `.5`
        5          | 9099             | `  005`
        5          | 0999             | ` 0005`
        -5         | 999              | `  -5`
        -5         | 0999             | `-0005`
        5          | 99,990           | `      5`
        -5         | 999PL            | `  -5 `
        -5         | 999S             | `  5-`
        0.05       | FMS0.00          | `+0.05`
        1234.5     | 9G999D9          | ` 1,234.5`
        5          | $999             | `$   5`
        5          | 9d9              | ` 5.0`
        -5         | FM999MI          | `5-`
        5.5        | 9                | ` 6`
        -0.5       | 9                | `-1`
        12         | FM9 9            | `1 2`
        1          | FM0D00           | `1.00`
        -0.001     | FM0.00           | `0.00`
        -0.001     | 0.00             | ` 0.00`
        2.5        | FM9              | `3`
        42         | FM99th           | `42nd`
        11         | 99TH             | ` 11TH`
        -0.5       | 9.99             | ` -.50`
        -12345     | 999              | `-###`
        -12345     | S999             | `-###`
        -12345     | 999MI            | `###-`
        -12345     | 999PR            | `<###>`
        -12345     | FM999            | `-###`
        -12345     | "$"999.99        | `$-###.##`
        12345      | PL999            | `+ ###`
        12345      | S999             | `+###`
        -99.5      | 99               | `-##`
        5          | Fm999            | `Fm   5`
        11         | 99Th             | ` 11Th`
        5          | Mi999            | `Mi   5`
        5          | 999mI            | `   5mI`
        -5         | 999Mi            | `  -5Mi`
        -5         | Sg999            | `   -5`
        5          | Pl999            | `P    5`
        5          | 999 Total        | `   5 Tota `
        5          | 999 cm           | `   5 m`
        5          | 999 avg          | `   5 a,`
        5          | abc              | `a`
        5          | 9sp              | ` 5`
        5          | L999             | `    5`
        5          | B999             | `   5`
        5          | 999V9            | `   50`
        5          | 99"x"9           | `  x 5`
        -5         | 99"x"9           | `  x-5`
        5          | 9"x"99           | ` x  5`
        -12        | 9"x"99           | ` x-12`
        -5         | S9"x"9           | ` x-5`
        -0.5       | 99"x".9          | `  x-.5`
        -1234      | 9G9S99           | `-1,234`
        -1234.5    | 99S99.9          | `-1234.5`
        1.23       | 9.9,9            | ` 1.2,3`
        1234.567   | 9,999.9,9,9      | ` 1,234.5,6,7`
        5          | 9.999,9          | ` 5.000,0`
        1234       | 9G999.99G        | ` 1,234.00,`
        -1         | 9th              | `-1`
        -3         | S9th             | `-3`
        1.5        | 9.9th            | ` 1.5`
        5          | ``               | ``
        5          | "abc"            | `abc`
        0.5        | .99              | ` .##`
        0.5        | FM.99            | `.##`
        0          | .9               | ` .#`
        """)
    void givenANumberAndAFormat_whenPrinted_thenAsPostgres(String value, String format, String expected)
            throws SQLException {
        assertThat(sql.rows("SELECT TO_CHAR(CAST(? AS DECIMAL(38, 10)), ?)", value, format == null ? "" : format))
            .containsExactly(expected);
    }

    @Test
    void givenNumbersOfEachType_whenPrinted_thenAsPostgresPrintsThatType() throws SQLException {
        // an integer column as a number; a DOUBLE (REAL) its binary value rounded half to even, 15 (6) digits in all
        assertThat(sql.rowsOfStatement("SELECT TO_CHAR(seq, '000'), TO_CHAR(CAST(NULL AS INTEGER), '999'), "
            + "TO_CHAR(CAST(2.5 AS DOUBLE), '9'), TO_CHAR(CAST(1.005 AS DOUBLE), '9.99'), "
            + "TO_CHAR(CAST(0.125 AS DOUBLE), '9.99'), TO_CHAR(CAST(123456789012345678 AS DOUBLE), "
            + "'999999999999999999'), TO_CHAR(CAST(0.123456789012345678 AS DOUBLE), '0.99999999999999999999'), "
            + "TO_CHAR(CAST(-0.4 AS DOUBLE), '9'), TO_CHAR(CAST(0.1 AS REAL), '9.9999999'), "
            + "TO_CHAR(CAST(1234567 AS REAL), '9999999') FROM events"))
            .containsExactly(" 001, null,  2,  1.00,   .12,  123456789012345680,  0.12345678901235, -0,   .10000,  "
                + "1234567");
    }

    @Test
    void givenATimestamp_whenPrinted_thenItsFormatAsBefore() throws SQLException {
        assertThat(sql.rows("SELECT TO_CHAR(?, 'YYYY-MM-DD'), TO_CHAR(ts, ?), TO_CHAR(DATE '2026-01-02', 'YYYY') "
            + "FROM events", Timestamp.valueOf("2026-01-02 10:00:00"), "yyyy"))
            .containsExactly("2026-01-02, 2026, 2026");
    }

    @Test
    void givenACodeHindsightDoesNotPrint_whenPrinted_then0A000NamingIt() {
        for (String format : new String[] {"9EEEE", "RN"}) {
            assertRefused(format, "0A000", format);
        }
    }

    @Test
    void givenAFormatPostgresRefuses_whenPrinted_then42601InItsWords() {
        assertRefused("9.9.9", "42601", "multiple decimal points");
        assertRefused("PR999", "42601", "\"9\" must be ahead of \"PR\"");
        assertRefused("S999PR", "42601", "cannot use \"S\" and \"PR\" together");
    }

    private void assertRefused(String format, String state, String words) {
        SQLException e = sql.refusal("SELECT TO_CHAR(12, ?)", format);
        assertThat(e.getSQLState()).as(format).isEqualTo(state);
        assertThat(e.getMessage()).as(format).contains(format).contains(words);
    }
}

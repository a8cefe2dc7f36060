package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JDBC's escapes as BI tools and libraries write them: given an escaped function or literal, when it runs, then it
 * answers what the call or literal it stands for answers written out (Calcite validated escapes on a path Hindsight's
 * rewrites did not see, and looked functions up in upper case only).
 */
class JdbcEscapesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @Test
    void givenAnEscapedFunctionInAnyCase_whenRun_thenItIsTheFunction() throws SQLException {
        // every name but in upper case was 42000 "Function '{fn ucase}' is not defined"
        assertThat(sql.rowsOfStatement("SELECT {fn ucase('a')}, {fn Concat('a', 'b')}, {fn length('abc')}, "
            + "{fn ifnull(NULL, 2)}, {fn timestampadd(SQL_TSI_DAY, 1, DATE '2024-01-01')}"))
            .containsExactly("A, ab, 3, 2, 2024-01-02");
        SQLException unknown = sql.refusal("SELECT {fn nosuch(1)}");
        assertThat(unknown.getSQLState()).isEqualTo("42000");
        assertThat(unknown.getMessage()).contains("Function '{fn NOSUCH}' is not defined");
    }

    @Test
    void givenAConvertToDecimal_whenRun_thenTheValueKeepsItsDigitsAsACastDoes() throws SQLException {
        // a DECIMAL(38, 0): 4.5 was 5, and a sum of converted totals lost every cent
        assertThat(sql.rowsOfStatement("SELECT {fn CONVERT('4.5', SQL_DECIMAL)}, {fn convert('4.25', SQL_NUMERIC)}, "
            + "CAST('4.5' AS DECIMAL), {fn CONVERT(1.5, SQL_INTEGER)}"))
            .containsExactly("4.5000000000000000, 4.2500000000000000, 4.5000000000000000, 2");
        SQLException boolToNumber = sql.refusal("SELECT {fn CONVERT(TRUE, SQL_BIGINT)}");
        assertThat(boolToNumber.getSQLState()).as("as CAST(TRUE AS BIGINT); it was XX000").isEqualTo("42846");
    }

    @Test
    void givenTheClockEscaped_whenRun_thenItKeepsItsMillisecondsAsNowDoes() throws SQLException {
        try (Statement st = sql.connection.createStatement()) {
            ResultSetMetaData meta = st.executeQuery("SELECT {fn NOW()}, {fn CURTIME()}, NOW()").getMetaData();
            assertThat(meta.getScale(1)).isEqualTo(3);
            assertThat(meta.getScale(2)).isEqualTo(3);
            assertThat(meta.getScale(3)).isEqualTo(3);
        }
    }

    @Test
    void givenTheNamesAndDaysOfTheMySqlEscapes_whenRun_thenTheyAnswerAsTheirToCharAndRepeat() throws SQLException {
        // the driver lists them; they stood for MySQL's functions, which the engine does not have (42883)
        assertThat(sql.rowsOfStatement("SELECT {fn DAYNAME({d '2024-02-29'})}, "
            + "{fn MONTHNAME({ts '2024-02-29 10:00:00'})}, '[' || {fn SPACE(3)} || ']', "
            + "{fn DAYNAME(CAST(NULL AS DATE))}"))
            .containsExactly("Thursday, February, [   ], null");
    }

    /** Arguments for each function the driver lists: a function listed without a case here fails the test below. */
    private static final Map<String, String> LISTED = Map.ofEntries(
        Map.entry("ASCII", "'a'"), Map.entry("CHAR", "65"), Map.entry("CONCAT", "'a', 'b'"),
        Map.entry("DIFFERENCE", "'a', 'b'"), Map.entry("INSERT", "'abcdef', 2, 3, 'X'"), Map.entry("LCASE", "'A'"),
        Map.entry("LEFT", "'abc', 2"), Map.entry("LENGTH", "'ab'"), Map.entry("LOCATE", "'b', 'abc'"),
        Map.entry("LTRIM", "' a'"), Map.entry("REPEAT", "'a', 3"), Map.entry("REPLACE", "'abc', 'b', 'x'"),
        Map.entry("RIGHT", "'abc', 2"), Map.entry("RTRIM", "'a '"), Map.entry("SOUNDEX", "'Robert'"),
        Map.entry("SPACE", "3"), Map.entry("SUBSTRING", "'abc', 2, 1"), Map.entry("UCASE", "'a'"),
        Map.entry("ABS", "-1"), Map.entry("ACOS", "0.5"), Map.entry("ASIN", "0.5"), Map.entry("ATAN", "0.5"),
        Map.entry("ATAN2", "1, 1"), Map.entry("CBRT", "8"), Map.entry("CEILING", "1.5"), Map.entry("COS", "0"),
        Map.entry("COT", "1"), Map.entry("DEGREES", "1"), Map.entry("EXP", "1"), Map.entry("FLOOR", "1.5"),
        Map.entry("LOG", "2"), Map.entry("LOG10", "100"), Map.entry("MOD", "7, 3"), Map.entry("PI", ""),
        Map.entry("POWER", "2, 3"), Map.entry("RADIANS", "90"), Map.entry("RAND", "1"), Map.entry("ROUND", "1.25, 1"),
        Map.entry("SIGN", "-2"), Map.entry("SIN", "0"), Map.entry("SQRT", "4"), Map.entry("TAN", "1"),
        Map.entry("TRUNCATE", "1.25, 1"), Map.entry("CURDATE", ""), Map.entry("CURTIME", ""),
        Map.entry("DAYNAME", "{d '2024-02-29'}"), Map.entry("DAYOFMONTH", "{d '2024-02-29'}"),
        Map.entry("DAYOFWEEK", "{d '2024-02-29'}"), Map.entry("DAYOFYEAR", "{d '2024-02-29'}"),
        Map.entry("HOUR", "{ts '2024-02-29 10:11:12'}"), Map.entry("MINUTE", "{ts '2024-02-29 10:11:12'}"),
        Map.entry("MONTH", "{d '2024-02-29'}"), Map.entry("MONTHNAME", "{d '2024-02-29'}"), Map.entry("NOW", ""),
        Map.entry("QUARTER", "{d '2024-02-29'}"), Map.entry("SECOND", "{ts '2024-02-29 10:11:12'}"),
        Map.entry("TIMESTAMPADD", "SQL_TSI_DAY, 1, {ts '2024-02-29 10:11:12'}"),
        Map.entry("TIMESTAMPDIFF", "SQL_TSI_DAY, {ts '2024-02-29 10:11:12'}, {ts '2024-03-02 10:11:12'}"),
        Map.entry("TO_DATE", "'2024-02-29', 'YYYY-MM-DD'"),
        Map.entry("TO_TIMESTAMP", "'2024-02-29 10:11:12', 'YYYY-MM-DD HH24:MI:SS'"),
        Map.entry("WEEK", "{d '2024-02-29'}"), Map.entry("YEAR", "{d '2024-02-29'}"),
        Map.entry("CONVERT", "1, SQL_VARCHAR"), Map.entry("DATABASE", ""), Map.entry("IFNULL", "NULL, 1"),
        Map.entry("USER", ""));

    @Test
    void givenEveryFunctionTheDriverLists_whenEscaped_thenItRuns() throws SQLException {
        DatabaseMetaData meta = sql.connection.getMetaData();
        List<String> failed = new ArrayList<>();
        for (String list : List.of(meta.getStringFunctions(), meta.getNumericFunctions(),
            meta.getTimeDateFunctions(), meta.getSystemFunctions())) {
            for (String name : list.split(",", -1)) {
                assertThat(LISTED).as("arguments for %s, which the driver lists", name).containsKey(name);
                try (Statement st = sql.connection.createStatement();
                     ResultSet rs = st.executeQuery("SELECT {fn " + name + "(" + LISTED.get(name) + ")}")) {
                    assertThat(rs.next()).isTrue();
                } catch (SQLException e) {
                    failed.add(name + ": " + e.getSQLState() + " " + e.getMessage());
                }
            }
        }
        // CONVERT_TIMEZONE was listed and 42883, as DAYNAME, MONTHNAME and SPACE were
        assertThat(failed).isEmpty();
        assertThat(meta.getTimeDateFunctions()).doesNotContain("CONVERT_TIMEZONE");
    }

    @Test
    void givenACharacterCode_whenEscaped_thenItIsPostgresqlsChr() throws SQLException {
        // Calcite's CHAR took the code modulo 256 (8364, the euro, was '¬') and failed on a BIGINT
        assertThat(sql.rowsOfStatement("SELECT {fn CHAR(8364)}, {fn CHAR(256)} = CHR(256), {fn CHAR(65)}"))
            .containsExactly("€, true, A");
        assertThat(sql.rows("SELECT {fn CHAR(seq + 64)} FROM events ORDER BY seq")).containsExactly("A", "B", "C");
    }

    @Test
    void givenAParameterInAnEscapedFunction_whenBound_thenItTakesThePlacesType() throws SQLException {
        // typed as text inside the escape: 42883
        assertThat(sql.rows("SELECT {fn ABS(?)}, {fn TIMESTAMPADD(SQL_TSI_DAY, ?, {d '2024-01-31'})}", -3, 2))
            .containsExactly("3, 2024-02-02");
    }

    @Test
    void givenEscapedDatetimeLiterals_whenRun_thenTheyReadAsTheTypedLiteralsDo() throws SQLException {
        // {ts} cut a fraction finer than milliseconds and refused ISO-8601
        assertThat(sql.rowsOfStatement("SELECT {ts '2024-02-29 10:11:12.3456'}, {ts '2024-02-29 10:11:12.9999'}, "
            + "{ts '2024-01-01T10:00:00Z'}, {d '2024-01-31'}, {t '10:11:12'}"))
            .containsExactly("2024-02-29 10:11:12.346, 2024-02-29 10:11:13.000, 2024-01-01 10:00:00, 2024-01-31, "
                + "10:11:12");
        assertThat(sql.refusal("SELECT {d '2023-02-29'}").getSQLState()).as("as DATE '2023-02-29'")
            .isEqualTo(sql.refusal("SELECT DATE '2023-02-29'").getSQLState());
        assertThat(sql.rowsOfStatement("SELECT {fn TIMESTAMPDIFF(SQL_TSI_DAY, {d '2024-01-01'}, "
            + "{ts '2024-01-03 09:00:00'})}")).containsExactly("2");
    }
}

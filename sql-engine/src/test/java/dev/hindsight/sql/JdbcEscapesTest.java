package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
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

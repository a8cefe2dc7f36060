package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code DECIMAL} division is exact to its type's scale, rounded half away from zero ({@link DecimalDivision}): given
 * a log of three events, when a statement divides {@code DECIMAL}s (written, from a column, bound, inside an average
 * or a variance, in a projection), then the quotient's digits are PostgreSQL's (checked against PostgreSQL 15; a
 * quotient below 1 has 16 fraction digits here, where PostgreSQL's value-dependent scale shows 20), and its scale is
 * the one the result's metadata reports. Calcite divided to 16 significant digits: 100 / 7.000 was 14.28571428571429.
 */
class DecimalDivisionTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        SELECT 100 / 7.000                                                  | 14.2857142857142857
        SELECT 10.0 / 3                                                     | 3.3333333333333333
        SELECT 2.50 / 1.5                                                   | 1.6666666666666667
        SELECT -7.0 / 3                                                     | -2.3333333333333333
        SELECT 7.5 / 2.5                                                    | 3.0000000000000000
        SELECT 1.0 / 3                                                      | 0.3333333333333333
        SELECT CAST(seq AS DECIMAL(10, 2)) / 3 FROM events WHERE seq = 2    | 0.6666666666666667
        SELECT SUM(CAST(seq AS DECIMAL(12, 2))) / COUNT(*) FROM events      | 2.0000000000000000
        SELECT AVG(x) FROM (VALUES (1.0), (2.0), (2.0)) t(x)                | 1.6666666666666667
        SELECT VAR_SAMP(x) FROM (VALUES (1.0), (2.0), (2.0)) t(x)           | 0.3333333333333333
        SELECT AVG(CAST(seq AS DECIMAL(10, 2))) FROM events WHERE seq > 1   | 2.5000000000000000
        SELECT AVG(seq) FROM events                                         | 2.0000000000000000
        SELECT STDDEV_SAMP(x) FROM (VALUES (10000), (20000), (30000), (40000), (50000), (60000)) t(x) \
          | 18708.2869338697069279
        SELECT MAX(s) FROM (SELECT STDDEV_POP(x) OVER () AS s FROM (VALUES (1), (2), (3)) t(x)) | 0.8164965809277260
        SELECT MAX(v) FROM (SELECT VAR_POP(x) OVER () AS v FROM (VALUES (5000), (6000), (7000)) t(x)) \
          | 666666.6666666666666667
        """)
    void givenDecimals_whenDivided_thenTheQuotientIsExactToItsScale(String query, String quotient)
        throws SQLException {
        assertThat(sql.rowsOfStatement(query)).as("statement").containsExactly(quotient);
        assertThat(sql.rows(query)).as("prepared").containsExactly(quotient);
        try (PreparedStatement ps = sql.connection.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal(1).scale()).as("the value's scale is the metadata's")
                .isEqualTo(rs.getMetaData().getScale(1));
        }
    }

    @Test
    void givenAQuotientOfZeroOrOfFewDigits_whenReadAsText_thenItIsItsPlainNumeral() throws SQLException {
        // BigDecimal's own text is 0E-16 and 1.000000000E-7 (Calcite's cast also cut the leading zero: .5)
        assertThat(sql.rows("SELECT 0.0 / 3, 1.0 / 10000000, CAST(0.5 AS VARCHAR), CAST(0.0 / 3 AS VARCHAR), "
            + "CONCAT('x', CAST(0.0000001 AS DECIMAL(20, 10)))"))
            .containsExactly("0.0000000000000000, 0.0000001000000000, 0.5, 0.0000000000000000, x0.0000001000");
    }

    @Test
    void givenAveragesAndVariancesOfDecimals_whenTheirSumsHaveMoreIntegerDigitsThanAValue_thenAnswered()
        throws SQLException {
        // the type had the argument's integer digits, and Calcite casts the SUM it divides to it: 22003 before
        assertThat(sql.rows("SELECT AVG(x), VAR_POP(x), VAR_SAMP(x) FROM (VALUES (5.0), (6.0), (7.0)) t(x)"))
            .containsExactly("6.0000000000000000, 0.6666666666666667, 1.0000000000000000");
        assertThat(sql.rows("SELECT AVG(x) FROM (VALUES (CAST(60000000 AS DECIMAL(10, 2))), "
            + "(CAST(60000001 AS DECIMAL(10, 2)))) t(x)")).containsExactly("60000000.5000000000000000");
        assertThat(sql.rows("SELECT AVG(x) OVER (ORDER BY x) FROM (VALUES (9.5), (9.5)) t(x)"))
            .containsExactly("9.5000000000000000", "9.5000000000000000");
    }

    @Test
    void givenABoundDecimal_whenDivided_thenExactAsAWrittenOne() throws SQLException {
        assertThat(sql.rows("SELECT CAST(? AS DECIMAL(10, 3)) / 7", new BigDecimal("100.000")))
            .containsExactly("14.2857142857142857");
    }

    @Test
    void givenAZeroDivisor_whenADecimalIsDivided_thenDivisionByZero() {
        for (String query : new String[] {"SELECT 1.0 / 0",
            "SELECT CAST(seq AS DECIMAL(5, 1)) / (seq - seq) FROM events",
            "SELECT CAST(1 AS DECIMAL(5, 1)) / CAST(0 AS DECIMAL(5, 1))", "SELECT 1 / 0",
            "SELECT seq / (seq - seq) FROM events"}) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows(query));
            assertThat((Throwable) e).as(query).isNotNull();
            assertThat(e.getSQLState()).as(query).isEqualTo("22012");
            assertThat(e.getMessage()).as("PostgreSQL's words, not Java's '/ by zero'").contains("division by zero")
                .doesNotContain("/ by zero");
        }
    }

    @Test
    void givenDecimalRemainders_whenGroupedCountedOrJoined_thenEachHasTheTypesScaleAsPostgres() throws SQLException {
        // MOD(1, 2.5) kept the remainder's own scale, 1, where MOD(6, 2.5) was 1.0: a DECIMAL compares with its
        // scale, so the two were two groups, two DISTINCT values, no join match (PostgreSQL 15: one of each)
        String values = "FROM (VALUES (1), (6), (2), (7)) t(x)";
        assertThat(sql.rows("SELECT COUNT(DISTINCT MOD(x, 2.5)) " + values)).containsExactly("2");
        assertThat(sql.rows("SELECT MOD(x, 2.5), COUNT(*) " + values + " GROUP BY MOD(x, 2.5) ORDER BY 1"))
            .containsExactly("1.0, 2", "2.0, 2");
        assertThat(sql.rows("SELECT COUNT(*) FROM (VALUES (1), (2)) a(x) JOIN (VALUES (6), (7)) b(y) "
            + "ON MOD(a.x, 2.5) = b.y % 2.5")).containsExactly("2");
        assertThat(sql.rows("SELECT CAST(MOD(-7.25, 2) AS VARCHAR), CAST(MOD(1, 2.5) AS VARCHAR)"))
            .containsExactly("-1.25, 1.0");
        assertThat(catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT MOD(seq, 0.0) FROM events"))
            .getSQLState()).isEqualTo("22012");
    }

    @Test
    void givenAProjection_whenItAveragesAndDividesDecimals_thenExactAsAQuery() throws SQLException {
        sql.update("CREATE PROJECTION averages AS SELECT stream_id, AVG(CAST(seq AS DECIMAL(10, 2))) AS mean, "
            + "SUM(CAST(seq AS DECIMAL(10, 2))) / 7 AS seventh FROM events GROUP BY stream_id");
        assertThat(sql.rows("SELECT mean, seventh FROM averages")).containsExactly(
            "2.0000000000000000, 0.8571428571428571");
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code COVAR_POP}, {@code COVAR_SAMP}, {@code REGR_SXX} and {@code REGR_SYY} as PostgreSQL's ({@link
 * FloatCovariances}): given integers, decimals and large doubles close together, when their covariance is asked for,
 * then a {@code DOUBLE}, PostgreSQL 15's answer for the same pairs to the last digit. Calcite's were of the arguments'
 * type (2 for 2.67 of integers, 2.32 for 2.309 of decimals), 0 for the large doubles, and in a window an internal
 * error.
 */
class FloatCovariancesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String INTEGERS = "(VALUES (1, 2), (2, 3), (4, 7)) t(y, x)";

    @Test
    void givenIntegersDecimalsAndLargeDoubles_whenTheirCovarianceIsAsked_thenADoubleAsPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT COVAR_POP(y, x), COVAR_SAMP(y, x), REGR_SXX(y, x), REGR_SYY(y, x), "
            + "REGR_COUNT(y, x) FROM " + INTEGERS))
            .containsExactly("2.6666666666666665, 4.0, 14.0, 4.666666666666666, 3");
        assertThat(sql.rowsOfStatement("SELECT COVAR_POP(y, x), REGR_SXX(y, x) FROM (VALUES (1.5, 2), (2.25, 3), "
            + "(4, 7.125)) t(y, x)")).containsExactly("2.3090277777777777, 14.760416666666666");
        assertThat(sql.rowsOfStatement("SELECT COVAR_SAMP(y, x), REGR_SYY(y, x) FROM (VALUES (1000000001e0, 2e0), "
            + "(1000000002e0, 3e0), (1000000004e0, 7e0)) t(y, x)")).containsExactly("4.0, 4.666666666666666");
    }

    @Test
    void givenPairs_whenTheirCorrelationAndRegressionLineAreAsked_thenAsPostgres() throws SQLException {
        // not parsed before (Calcite reserves the names, and has not the functions): 42601
        assertThat(sql.rowsOfStatement("SELECT CORR(y, x), REGR_SLOPE(y, x), REGR_INTERCEPT(y, x), REGR_R2(y, x), "
            + "REGR_AVGX(y, x), REGR_AVGY(y, x), REGR_SXY(y, x) FROM (VALUES (1, 2), (2, 3), (4, 7), (NULL, 1)) "
            + "t(y, x)")).containsExactly("0.989743318610787, 0.5714285714285714, 0.04761904761904775, "
                + "0.979591836734694, 4.0, 2.3333333333333335, 8.0");
        // x that does not vary has no line; y that does not: r squared 1, no correlation
        assertThat(sql.rowsOfStatement("SELECT CORR(y, x), REGR_SLOPE(y, x), REGR_INTERCEPT(y, x), REGR_R2(y, x) "
            + "FROM (VALUES (1, 2), (2, 2)) t(y, x)")).containsExactly("null, null, null, null");
        assertThat(sql.rowsOfStatement("SELECT REGR_R2(y, x), CORR(y, x) FROM (VALUES (1, 2), (1, 3)) t(y, x)"))
            .containsExactly("1.0, null");
        assertThat(sql.rowsOfStatement("SELECT corr(y, x) OVER (ORDER BY x) FROM (VALUES (1, 2), (2, 3), (4, 7)) "
            + "t(y, x) ORDER BY x")).containsExactly("null", "1.0", "0.989743318610787");
        assertThat(sql.rowsOfStatement("SELECT 1 AS corr, 2 AS regr_slope")).containsExactly("1, 2"); // still names
    }

    @Test
    void givenPairsWithNullsAFilterOrDistinct_whenTheirCovarianceIsAsked_thenThosePairsLeftOut() throws SQLException {
        String pairs = "(VALUES (1, 2), (2, 3), (4, 7), (4, 7), (NULL, 1), (5, NULL)) t(y, x)";
        assertThat(sql.rowsOfStatement("SELECT COVAR_POP(y, x) FILTER (WHERE y > 1), COVAR_SAMP(DISTINCT y, x), "
            + "REGR_SXX(y, x) FILTER (WHERE y > 9) IS NULL, COVAR_SAMP(y, x) FILTER (WHERE y = 1) FROM " + pairs))
            .containsExactly("1.7777777777777777, 4.0, true, null");
    }

    @Test
    void givenAWindow_whenTheCovarianceOfEachFrameIsAsked_thenAsPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT y, COVAR_POP(y, x) OVER (ORDER BY y), COVAR_SAMP(y, x) OVER "
            + "(ORDER BY y ROWS 1 PRECEDING) FROM (VALUES (1, 2), (2, 3), (4, 7), (5, NULL)) t(y, x) ORDER BY y"))
            .containsExactly("1, 0.0, null", "2, 0.25, 0.5", "4, 2.6666666666666665, 4.0",
                "5, 2.6666666666666665, null");
    }

    @Test
    void givenInfiniteOrHugeValues_whenTheirCovarianceIsAsked_thenNaNOrOutOfRange() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT COVAR_POP(y, x), REGR_SXX(y, x), REGR_SYY(y, x) FROM (VALUES "
            + "(CAST('Infinity' AS DOUBLE), CAST(1 AS DOUBLE)), (1, 2)) t(y, x)")).containsExactly("NaN, 0.5, NaN");
        assertThat(sql.refusal("SELECT COVAR_POP(y, x) FROM (VALUES (1e308, 1e308), (-1e308, -1e308)) t(y, x)")
            .getSQLState()).isEqualTo("22003");
    }
}

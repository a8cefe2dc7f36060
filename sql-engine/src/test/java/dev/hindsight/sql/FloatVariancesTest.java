package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Variances and standard deviations of {@code DOUBLE}s as PostgreSQL computes them ({@link FloatVariances}): given
 * large numbers close together and small ones with a NULL, when their variance is asked for, then PostgreSQL 15's
 * answers for the same values to the last digit. Calcite's sums of squares made the variance of 1000000001,
 * 1000000002 and 1000000003 zero.
 */
class FloatVariancesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String VALUES = "(VALUES (CAST(1000000001 AS DOUBLE), 'a'), (1000000002, 'a'), "
        + "(1000000003, 'a'), (1.5, 'b'), (CAST(NULL AS DOUBLE), 'b'), (2.75, 'b'), (4.0, 'b')) t(x, g)";

    @Test
    void givenDoubles_whenTheirVarianceIsAsked_thenAsPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT g, VAR_SAMP(x), VAR_POP(x), STDDEV_SAMP(x), STDDEV_POP(x), STDDEV(x), "
            + "VARIANCE(x) FROM " + VALUES + " GROUP BY g ORDER BY g")).containsExactly(
                "a, 1.0, 0.6666666666666666, 1.0, 0.816496580927726, 1.0, 1.0",
                "b, 1.5625, 1.0416666666666667, 1.25, 1.0206207261596576, 1.25, 1.5625");
        assertThat(sql.rowsOfStatement("SELECT VAR_SAMP(x) FILTER (WHERE g = 'b'), VAR_POP(x) FILTER (WHERE x > 2) "
            + "FROM " + VALUES)).containsExactly("1.5625, 2.3999999934E17");
    }

    @Test
    void givenDoublesInAWindow_whenTheirVarianceIsAsked_thenAsPostgres() throws SQLException {
        // Calcite's windowed sums of squares: 0.0 in every frame
        assertThat(sql.rowsOfStatement("SELECT VAR_POP(x) OVER (), STDDEV_SAMP(x) OVER (ORDER BY x), VAR_SAMP(x) "
            + "OVER (ORDER BY x ROWS 1 PRECEDING) FROM (VALUES (1000000001e0), (1000000002e0), (1000000003e0)) t(x) "
            + "ORDER BY x")).containsExactly("0.6666666666666666, null, null",
                "0.6666666666666666, 0.7071067811865476, 0.5", "0.6666666666666666, 1.0, 0.5");
        assertThat(sql.rowsOfStatement("SELECT x, VAR_SAMP(x) OVER (ORDER BY x) FROM (VALUES (1.5e0), (NULL), (3e0)) "
            + "t(x) ORDER BY x")).containsExactly("1.5, null", "3.0, 1.125", "null, 1.125");
    }

    @Test
    void givenReals_whenTheirAverageOrVarianceIsAsked_thenADoubleAsPostgres() throws SQLException {
        // of a REAL they were REALs: 1.6666666 where PostgreSQL answers double precision
        assertThat(sql.rowsOfStatement("SELECT AVG(CAST(x AS REAL)), VAR_SAMP(CAST(x AS REAL)), "
            + "STDDEV_POP(CAST(x AS REAL)) FROM (VALUES (1), (2), (2), (7.5)) t(x)"))
            .containsExactly("3.125, 8.729166666666666, 2.55868618630734");
        assertThat(sql.rowsOfStatement("SELECT AVG(CAST(x AS REAL)) OVER (ORDER BY x) "
            + "FROM (VALUES (1), (2), (2)) t(x)"))
            .containsExactly("1.0", "1.6666666666666667", "1.6666666666666667");
    }

    @Test
    void givenOneValueOrNone_whenTheirVarianceIsAsked_thenNullWhereASampleHasTooFew() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT VAR_SAMP(x), VAR_POP(x), STDDEV_SAMP(x), STDDEV_POP(x) "
            + "FROM (VALUES (CAST(7 AS DOUBLE))) t(x)")).containsExactly("null, 0.0, null, 0.0");
        assertThat(sql.rows("SELECT VAR_POP(CAST(seq AS DOUBLE)) FROM events WHERE seq > ?", 100))
            .containsExactly("null");
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code PERCENT_RANK()} and {@code CUME_DIST()} ({@link RelativeRanks}): given values with ties and NULLs in two
 * partitions, when their relative ranks are asked for, in either order, then PostgreSQL 15's answers for the same
 * values (Calcite refused both, 0A000).
 */
class RelativeRanksTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String VALUES = "(VALUES ('a', 1), ('a', 2), ('a', 2), ('a', 4), ('b', 5), "
        + "(CAST(NULL AS VARCHAR), CAST(NULL AS INT)), ('a', CAST(NULL AS INT))) t(p, x)";

    @Test
    void givenTiesAndNulls_whenRelativeRanksAreAsked_thenAsPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT p, x, PERCENT_RANK() OVER (ORDER BY x), CUME_DIST() OVER (ORDER BY x), "
            + "PERCENT_RANK() OVER (PARTITION BY p ORDER BY x DESC), CUME_DIST() OVER (PARTITION BY p ORDER BY x DESC "
            + "NULLS LAST) FROM " + VALUES + " ORDER BY p, x")).containsExactly(
                "a, 1, 0.0, 0.14285714285714285, 1.0, 0.8",
                "a, 2, 0.16666666666666666, 0.42857142857142855, 0.5, 0.6",
                "a, 2, 0.16666666666666666, 0.42857142857142855, 0.5, 0.6",
                "a, 4, 0.5, 0.5714285714285714, 0.25, 0.2",
                "a, null, 0.8333333333333334, 1.0, 0.0, 1.0",
                "b, 5, 0.6666666666666666, 0.7142857142857143, 0.0, 1.0",
                "null, null, 0.8333333333333334, 1.0, 0.0, 1.0");
    }

    @Test
    void givenOneRow_whenRelativeRanksAreAsked_thenZeroAndOne() throws SQLException {
        try (Statement st = sql.connection.createStatement(); ResultSet rs = st.executeQuery("SELECT PERCENT_RANK() "
            + "OVER (ORDER BY x), CUME_DIST() OVER (ORDER BY x) FROM (VALUES (7)) t(x)")) {
            assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("DOUBLE");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isZero();
            assertThat(rs.getDouble(2)).isEqualTo(1.0);
        }
    }

    @Test
    void givenAWindowWithoutOrder_whenRanksAreAsked_thenEveryRowIsAPeerOfEveryOther() throws SQLException {
        // Calcite's validator wanted an ORDER BY (42000); PostgreSQL ranks every row first
        assertThat(sql.rowsOfStatement("SELECT x, RANK() OVER (), DENSE_RANK() OVER (PARTITION BY x), PERCENT_RANK() "
            + "OVER (), CUME_DIST() OVER (), ROW_NUMBER() OVER (ORDER BY x) FROM (VALUES (1), (2)) t(x) ORDER BY x"))
            .containsExactly("1, 1, 1, 0.0, 1.0, 1", "2, 1, 1, 0.0, 1.0, 2");
        // still window functions: checked as such
        assertThat(sql.refusal("SELECT x FROM (VALUES (1)) t(x) WHERE RANK() OVER () = 1").getSQLState())
            .isEqualTo("42000");
        assertThat(sql.refusal("SELECT RANK() OVER (PARTITION BY nosuch) FROM (VALUES (1)) t(x)").getSQLState())
            .isEqualTo("42703");
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An aggregate's {@code FILTER} in a window ({@link WindowFilters}): given rows, when a windowed aggregate is asked
 * for with a filter, then it counts the frame's rows where the condition holds, as PostgreSQL 15 answers for the same
 * rows; Calcite's validator refused it (42000). A window function's filter is refused as PostgreSQL refuses it.
 */
class WindowFiltersTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String ROWS = "(VALUES (1, 'a'), (2, 'a'), (3, 'b'), (NULL, 'b')) t(x, p)";

    @Test
    void givenRows_whenAFilteredAggregateIsAskedOverAWindow_thenOnlyTheRowsTheConditionHolds() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT x, SUM(x) FILTER (WHERE x > 1) OVER (ORDER BY x), COUNT(*) FILTER "
            + "(WHERE x <> 2) OVER (), MIN(x) FILTER (WHERE x > 5) OVER (), COUNT(x) FILTER (WHERE p = 'b') OVER "
            + "(PARTITION BY p), MAX(x) FILTER (WHERE x < 3) OVER (ORDER BY x ROWS 1 PRECEDING) FROM " + ROWS
            + " ORDER BY x")).containsExactly("1, null, 2, null, 0, 1", "2, 2, 2, null, 0, 2", "3, 5, 2, null, 1, 2",
                "null, 5, 2, null, 1, null");
        assertThat(sql.rows("SELECT x, SUM(x) FILTER (WHERE x > ?) OVER (ORDER BY x) FROM " + ROWS + " ORDER BY x",
            2)).containsExactly("1, null", "2, null", "3, 3", "null, 3");
    }

    @Test
    void givenAWindowFunctionOrAnAggregateKeepingNulls_whenFiltered_thenRefused() {
        assertThat(sql.refusal("SELECT ROW_NUMBER() FILTER (WHERE x > 1) OVER () FROM " + ROWS).getMessage())
            .isEqualTo("FILTER is not implemented for non-aggregate window functions");
        assertThat(sql.refusal("SELECT ARRAY_AGG(x) FILTER (WHERE x > 1) OVER () FROM " + ROWS).getSQLState())
            .isEqualTo("0A000");
        assertThat(sql.refusal("SELECT COUNT(*) FILTER (WHERE 1) FROM " + ROWS).getSQLState())
            .as("no condition: PostgreSQL's datatype_mismatch, as a WHERE's (it was 42000)").isEqualTo("42804");
        // a sub-query there Calcite's window cannot compute (an internal error); an aggregate PostgreSQL refuses
        assertThat(sql.refusal("SELECT SUM(x) FILTER (WHERE x IN (SELECT 2)) OVER () FROM " + ROWS).getSQLState())
            .isEqualTo("0A000");
        assertThat(sql.refusal("SELECT p, SUM(SUM(x)) FILTER (WHERE COUNT(*) > 1) OVER () FROM " + ROWS
            + " GROUP BY p").getSQLState()).isEqualTo("42803");
    }
}

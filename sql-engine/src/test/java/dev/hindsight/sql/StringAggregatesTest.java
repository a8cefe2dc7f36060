package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code STRING_AGG} as PostgreSQL's ({@link GatheringAggregates}): given text with a NULL among it, when joined in
 * an order, distinct, filtered, in a correlated sub-query or in a window, then PostgreSQL 15's answers for the same
 * rows. Calcite's sorted by another column in a correlated sub-query and could not run in a window (0A000).
 */
class StringAggregatesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String ROWS = "(VALUES (1, 'x', 'a'), (2, CAST(NULL AS VARCHAR), 'a'), (3, 'y', 'a'), "
        + "(4, 'x', 'a'), (5, 'z', 'b')) u(i, s, p)";

    @Test
    void givenTextAndANull_whenJoined_thenInOrderDistinctAndFilteredAsPostgres() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT p, STRING_AGG(s, ',' ORDER BY i DESC), STRING_AGG(DISTINCT s, '-'), "
            + "STRING_AGG(s, ';') FILTER (WHERE i > 1), STRING_AGG(CASE WHEN i > 1 THEN s END, '/' ORDER BY i DESC) "
            + "FROM " + ROWS + " GROUP BY p ORDER BY p")).containsExactly("a, x,y,x, x-y, y;x, x/y", "b, z, z, z, z");
        assertThat(sql.rowsOfStatement("SELECT STRING_AGG(s, NULL), STRING_AGG(s, '' ORDER BY s DESC NULLS FIRST) "
            + "FROM " + ROWS)).containsExactly("xyxz, zyxx");
        assertThat(sql.refusal("SELECT STRING_AGG(DISTINCT s, ',' ORDER BY i) FROM " + ROWS).getSQLState())
            .isEqualTo("42P10");
    }

    @Test
    void givenACorrelatedSubQuery_whenJoinedInOrder_thenThatOrder() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT t.p, (SELECT STRING_AGG(u.s, ',' ORDER BY u.i DESC) FROM " + ROWS
            + " WHERE u.p = t.p) FROM (VALUES ('a'), ('b'), ('c')) t(p) ORDER BY 1"))
            .containsExactly("a, x,y,x", "b, z", "c, null");
    }

    @Test
    void givenALateralSubQuery_whenJoinedInOrder_thenThatOrder() throws SQLException {
        // Calcite decorrelates a LATERAL join before planning and did not renumber the order: by the outer key
        String lateral = "SELECT t.p, x.s, x.a FROM (VALUES ('a'), ('b')) t(p)%s LATERAL (SELECT STRING_AGG(u.s, ',' "
            + "ORDER BY u.s DESC) s, ARRAY_AGG(u.i ORDER BY u.s, u.i DESC) a FROM " + ROWS + " WHERE u.p = t.p) x%s "
            + "ORDER BY 1";
        for (String[] join : new String[][] {{",", ""}, {" LEFT JOIN", " ON true"}}) {
            assertThat(sql.rowsOfStatement(String.format(lateral, join[0], join[1]))).as(join[0])
                .containsExactly("a, y,x,x, [4, 1, 3, 2]", "b, z, [5]");
        }
    }

    @Test
    void givenAWindow_whenJoined_thenEachRowItsFramesText() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT i, STRING_AGG(s, ',') OVER (PARTITION BY p ORDER BY i) FROM " + ROWS
            + " ORDER BY i")).containsExactly("1, x", "2, x", "3, x,y", "4, x,y,x", "5, z");
        assertThat(sql.refusal("SELECT STRING_AGG(s, ',' ORDER BY i) OVER (PARTITION BY p) FROM " + ROWS)
            .getSQLState()).isEqualTo("0A000"); // as PostgreSQL: no ORDER BY inside a window's aggregate
        assertThat(sql.refusal("SELECT STRING_AGG(s, ',' ORDER BY i) FILTER (WHERE i > 1) OVER () FROM " + ROWS)
            .getSQLState()).isEqualTo("0A000");
    }

    @Test
    void givenNoRows_whenJoined_thenNullEvenOfTextThatIsNeverNull() throws SQLException {
        // p is never NULL: Calcite typed its STRING_AGG NOT NULL, so IS NULL was false over no rows and a ROLLUP
        // over no rows had no total row
        assertThat(sql.rowsOfStatement("SELECT STRING_AGG(p, ','), STRING_AGG(p, ',') IS NULL, "
            + "STRING_AGG(p, ',' ORDER BY i DESC) IS NULL FROM " + ROWS + " WHERE i > 9"))
            .containsExactly("null, true, true");
        assertThat(sql.rowsOfStatement("SELECT p, STRING_AGG(p, ',') FROM " + ROWS + " WHERE i > 9 "
            + "GROUP BY ROLLUP(p)")).containsExactly("null, null");
        // Calcite's one-operand STRING_AGG and LISTAGG (a comma between) too
        assertThat(sql.rowsOfStatement("SELECT STRING_AGG(p) IS NULL, LISTAGG(p, ',') IS NULL FROM " + ROWS
            + " WHERE i > 9")).containsExactly("true, true");
    }

    @Test
    void givenShortText_whenJoined_thenTextOfAnyLength() throws SQLException {
        // typed as the value, CHAR(1): a UNION beside 'xy' cut the answer to two characters
        assertThat(sql.rowsOfStatement("SELECT STRING_AGG(p, ',') FROM " + ROWS + " UNION ALL SELECT 'xy'"))
            .containsExactlyInAnyOrder("a,a,a,a,b", "xy");
        assertThat(sql.rowsOfStatement("SELECT STRING_AGG(p), LISTAGG(p, '-') WITHIN GROUP (ORDER BY i DESC) FROM "
            + ROWS)).containsExactly("a,a,a,a,b, b-a-a-a-a");
    }
}

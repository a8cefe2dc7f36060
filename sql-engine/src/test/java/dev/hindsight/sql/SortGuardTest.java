package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Orders claimed and not there: given rows ordered by two keys, when a column computed from the second (a cast) is
 * what a statement orders, limits or merges by, then the rows are sorted by it, as PostgreSQL 15 answers; where the
 * order is there (a cast of the first key, the log's own order) no sort is added.
 */
class SortGuardTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    private static final String VALUES = "(VALUES (1, 30), (2, 10), (3, 20)) v(id, k)";

    @Test
    void givenRowsOrderedByTwoKeys_whenOrderedByACastOfTheSecond_thenSorted() throws SQLException {
        // Calcite took CAST(k) as ordered, k being a key of the rows' order (id, k): 30, 10, 20 with no sort
        assertThat(sql.rowsOfStatement("SELECT CAST(k AS BIGINT) AS m FROM " + VALUES + " ORDER BY 1"))
            .containsExactly("10", "20", "30");
        assertThat(sql.rowsOfStatement("SELECT CAST(k AS BIGINT) AS m FROM " + VALUES + " ORDER BY 1 LIMIT 1"))
            .containsExactly("10");
        assertThat(sql.rowsOfStatement("SELECT CAST(g AS VARCHAR(5)) FROM (VALUES (1, 'bb'), (2, 'a')) v(id, g) "
            + "ORDER BY 1")).containsExactly("a", "bb");
    }

    @Test
    void givenAUnionOfSuchRows_whenMerged_thenSortedAndDistinct() throws SQLException {
        // merged as if sorted: 0, 2, 1, 2, a duplicate in a UNION
        assertThat(sql.rowsOfStatement("SELECT k FROM (VALUES (1, 2), (2, 1), (3, 2)) v(id, k) "
            + "UNION SELECT CAST(0 AS BIGINT) ORDER BY 1")).containsExactly("0", "1", "2");
        assertThat(sql.rowsOfStatement("SELECT version FROM (SELECT seq, version FROM events ORDER BY seq, version "
            + "LIMIT 6) x UNION SELECT 0.5 ORDER BY 1")).containsExactly("0.5", "1.0", "2.0", "3.0");
        assertThat(sql.rowsOfStatement("SELECT CAST(version AS INTEGER) AS v FROM (SELECT seq, version FROM events "
            + "ORDER BY seq, version LIMIT 6) x ORDER BY 1 LIMIT 3")).containsExactly("1", "1", "1");
    }

    @Test
    void givenANodeClaimingATrueAndAFalseOrder_whenALimitReliesOnTheTrueOne_thenItIsKept() throws SQLException {
        // review: sorted by every order the calc claimed, the last (the false one, by c) won: rows 2 and 3
        assertThat(sql.rowsOfStatement("SELECT id, k, CAST(k AS BIGINT) AS c FROM " + VALUES
            + " WHERE k > 5 ORDER BY id LIMIT 2")).containsExactly("1, 30, 30", "2, 10, 10");
    }

    @Test
    void givenAComputedColumnOfAnOrderedColumnWithNulls_whenOrderedDescending_thenTheNullsComeFirst()
        throws SQLException {
        // -k over rows ordered by k has its NULLs last; Calcite took it for DESC NULLS FIRST, PostgreSQL's DESC
        String ordered = "(SELECT k FROM (VALUES (1), (CAST(NULL AS INTEGER)), (3), (2)) v(k) ORDER BY k LIMIT 10) s";
        assertThat(sql.rowsOfStatement("SELECT -k AS c FROM " + ordered + " ORDER BY c DESC"))
            .containsExactly("null", "-1", "-2", "-3");
        assertThat(sql.rowsOfStatement("SELECT -k AS c FROM " + ordered + " ORDER BY c DESC LIMIT 1"))
            .containsExactly("null");
    }

    @Test
    void givenAFloatingPointColumnWithNaNComputedFromASecondKey_whenOrdered_thenNaNLastAsPostgresql()
        throws SQLException {
        // the sort added was Calcite's, which fails on NaN in a lone key (22018 "Infinite or NaN")
        assertThat(sql.rowsOfStatement("SELECT CAST(k AS REAL) AS f FROM (VALUES (1, CAST('NaN' AS DOUBLE)), "
            + "(2, 1.0E0), (3, -5.0E0)) v(id, k) ORDER BY 1")).containsExactly("-5.0", "1.0", "NaN");
    }

    @Test
    void givenAnOrderThatIsThere_whenReliedOn_thenNoSortIsAdded() throws SQLException {
        assertThat(sql.plan("SELECT CAST(id AS BIGINT) AS m FROM " + VALUES + " ORDER BY 1"))
            .doesNotContain("Sort");
        assertThat(sql.plan("SELECT seq FROM events ORDER BY seq LIMIT 3")).doesNotContain("Sort");
        assertThat(sql.plan("SELECT seq AS a, seq AS b FROM events ORDER BY b LIMIT 3")).as("a column passed twice")
            .doesNotContain("Sort");
        assertThat(sql.plan("SELECT CAST(k AS BIGINT) AS m FROM " + VALUES + " ORDER BY 1")).contains("EnumerableSort");
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names in ORDER BY as PostgreSQL reads them: given the events of streams a (3 events), b (2) and c (1), when the
 * select list names an expression as an input column is named, then a bare ORDER BY of that name sorts by the output
 * column, and the name inside an ORDER BY expression is the input column (psql's orders, written in). Calcite read the
 * alias in both.
 */
class OrderByNamesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenAnAliasNamedAsAnInputColumn_whenItIsInsideAnExpression_thenTheInputColumnSorts() throws SQLException {
        assertThat(sql.rows("SELECT -seq AS seq FROM events ORDER BY seq + 0 LIMIT 2")).containsExactly("-1", "-2");
        assertThat(sql.rows("SELECT -seq AS seq FROM events ORDER BY seq LIMIT 2")).as("a bare name: the alias")
            .containsExactly("-6", "-5");
        assertThat(sql.rows("SELECT -seq AS seq FROM events ORDER BY seq + 0 DESC NULLS LAST LIMIT 2"))
            .containsExactly("-6", "-5");
        assertThat(sql.rows("SELECT -seq AS neg FROM events ORDER BY neg + 0 LIMIT 2")).as("an alias only")
            .containsExactly("-6", "-5");
    }

    /**
     * The input's column, read so, is not grouped, or not selected under DISTINCT: refused as PostgreSQL refuses it
     * (42803, 42P10), where Calcite answered by the alias.
     */
    @Test
    void givenAnAliasNamedAsAnInputColumn_whenTheInputColumnIsNotGroupedOrSelected_thenItIsRefused() {
        assertThat(sql.refusal("SELECT stream_id, COUNT(*) AS seq FROM events GROUP BY stream_id ORDER BY seq + 0")
            .getSQLState()).isEqualTo("42803");
        assertThat(sql.refusal("SELECT DISTINCT -seq AS seq FROM events ORDER BY seq + 0").getSQLState())
            .isEqualTo("42P10");
    }

    @Test
    void givenATextAliasNamedAsAnInputColumn_whenACaseSortsByIt_thenItReadsTheInputColumn() throws SQLException {
        assertThat(sql.rows("SELECT name AS stream_id, seq FROM events ORDER BY CASE WHEN stream_id = 'b' THEN 0 "
            + "ELSE 1 END, seq")).extracting(r -> r.substring(r.indexOf(", ") + 2))
            .containsExactly("4", "5", "1", "2", "3", "6");
    }

    /**
     * A join's inputs: the column {@code USING (x)} or {@code NATURAL} made of theirs is what an ORDER BY expression
     * names (Calcite sorted by the alias: -3 first); a name two inputs have otherwise is ambiguous, as in PostgreSQL.
     */
    @Test
    void givenAJoinedColumnNamedAsAnAlias_whenAnExpressionSortsByIt_thenTheJoinedColumnSortsOrItIsAmbiguous()
        throws SQLException {
        String three = "(VALUES (1), (2), (3))";
        assertThat(sql.rows("SELECT -x AS x FROM " + three + " a(x) JOIN " + three + " b(x) USING (x) ORDER BY x + 0"))
            .containsExactly("-1", "-2", "-3");
        assertThat(sql.rows("SELECT -x AS x FROM " + three + " a(x) NATURAL JOIN " + three + " b(x) ORDER BY x + 0"))
            .containsExactly("-1", "-2", "-3");
        assertThat(sql.rows("SELECT -x AS x FROM (VALUES (1), (4)) a(x) FULL JOIN (VALUES (1), (3)) b(x) USING (x) "
            + "ORDER BY x + 0")).as("an outer join's: both sides' values").containsExactly("-1", "-3", "-4");
        assertThat(sql.refusal("SELECT -a.x AS x FROM " + three + " a(x) JOIN " + three + " b(x) ON a.x = b.x "
            + "ORDER BY x + 0").getSQLState()).isEqualTo("42702");
        assertThat(sql.refusal("SELECT -a.x AS x FROM " + three + " a(x) JOIN " + three + " b(x) USING (x) JOIN "
            + three + " c(x) ON TRUE ORDER BY x + 0").getSQLState()).isEqualTo("42702");
    }
}

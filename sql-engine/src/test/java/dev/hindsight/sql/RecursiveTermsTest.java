package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A recursive term that groups, makes distinct, aggregates or windows the recursive query's own rows is refused, not
 * answered wrongly ({@link RecursiveTerms}); the recursion around it, and such nodes elsewhere, answer as PostgreSQL.
 */
class RecursiveTermsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:1");

    @ParameterizedTest
    @ValueSource(strings = {
        // PostgreSQL: 1, 2, 3, 4 (Calcite's iteration stopped after the first step: 1)
        "SELECT DISTINCT n + 1 FROM t WHERE n < 4",
        "SELECT n + 1 FROM t WHERE n < 4 GROUP BY n",
        "SELECT CAST(ROW_NUMBER() OVER () + n AS INTEGER) FROM t WHERE n < 4",
        // PostgreSQL refuses it (42P19); Calcite answered NULL rows without end
        "SELECT SUM(n) FROM t WHERE n < 5"})
    void aRecursiveTermThatGroupsOrWindowsTheRecursiveRowsIsRefused(String term) {
        SQLException refusal = sql.refusal("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL " + term + ") SELECT n FROM t");
        assertThat(refusal.getSQLState()).isEqualTo("0A000");
        assertThat(refusal.getMessage()).contains("in the recursive term of WITH RECURSIVE");
    }

    @Test
    void theRecursionAnswersAsPostgresqlWithDistinctOutsideItAndAnAggregateOverAnotherTableInside()
        throws SQLException {
        assertThat(sql.rows("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < "
            + "(SELECT MAX(x) FROM (VALUES 4) v(x))) SELECT DISTINCT n FROM t ORDER BY n"))
            .containsExactly("1", "2", "3", "4");
        assertThat(sql.rows("WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT MOD(n + 1, 3) FROM t) "
            + "SELECT n FROM t ORDER BY n")).containsExactly("0", "1", "2");
    }

    @Test
    void aTextLiteralInTheFirstTermGrowsWithTheRecursionAsPostgresqlsTextDoes() throws SQLException {
        // the literal was a CHAR(1), the column cut to the later terms' CHAR(2): a, ab, ab, ab
        assertThat(sql.rows("WITH RECURSIVE t(n, s) AS (SELECT 1, 'a' UNION ALL SELECT n + 1, s || 'b' FROM t "
            + "WHERE n < 4) SELECT s FROM t ORDER BY n")).containsExactly("a", "ab", "abb", "abbb");
        assertThat(sql.rows("WITH RECURSIVE t AS (SELECT 1 AS n, 'x' AS s UNION ALL SELECT n + 1, s || 'y' FROM t "
            + "WHERE n < 3) SELECT s FROM t ORDER BY n")).containsExactly("x", "xy", "xyy");
        assertThat(sql.rows("WITH RECURSIVE t(n, s) AS (VALUES (1, 'p') UNION ALL SELECT n + 1, s || 'q' FROM t "
            + "WHERE n < 3) SELECT s FROM t ORDER BY n")).containsExactly("p", "pq", "pqq");
    }

    @Test
    void anOrderAndLimitOverTheRecursiveRowsAndAnAggregateOverAnotherRecursiveQueryAnswerAsPostgresql()
        throws SQLException {
        assertThat(sql.rows("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM (SELECT n FROM t ORDER BY "
            + "n DESC LIMIT 1) q WHERE n < 6) SELECT n FROM t ORDER BY n"))
            .containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(sql.rows("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5), "
            + "u(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM u WHERE m < (SELECT MAX(n) FROM t)) "
            + "SELECT COUNT(*) FROM u")).containsExactly("5");
        assertThat(sql.rows("WITH RECURSIVE a(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM a WHERE n < (WITH RECURSIVE "
            + "b(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM b WHERE m < 3) SELECT MAX(m) FROM b)) "
            + "SELECT COUNT(*) FROM a")).containsExactly("3");
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code COALESCE(SUM(x), 0)}, the BI tools' total that is 0 rather than NULL, answers the sum beside other aggregates
 * of a group. Calcite's {@code ProjectAggregateMergeRule} made it a {@code $SUM0} but read the column at the new
 * call's place among the calls, not among the aggregate's columns: each group's count came back as its sum, or, the
 * types unlike, an internal error ({@link StandardProgram} plans without that rule). Given streams a (versions 1–3)
 * and b (1).
 */
class SumOrZeroTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:1");

    @Test
    void aGroupsSumOrZeroBesideItsCountIsTheSum() throws SQLException {
        assertThat(sql.rows("SELECT stream_id, COALESCE(SUM(CASE WHEN version > 1 THEN version END), 0), COUNT(*) "
            + "FROM events GROUP BY stream_id ORDER BY 1"))
            .containsExactly("a, 5, 3", "b, 0, 1"); // was a, 3, 3 / b, 1, 1
    }

    @Test
    void aGroupsSumOrZeroBesideAnAggregateOfAnotherTypeAnswers() throws SQLException {
        assertThat(sql.rows("SELECT k, COALESCE(SUM(a), 0), MAX(b), AVG(b) FROM (VALUES (1, 10, 1), (1, NULL, 2), "
            + "(2, NULL, NULL), (3, 5, 7)) t(k, a, b) GROUP BY k ORDER BY 1"))
            .containsExactly("1, 10, 2, 1.5000000000000000", "2, 0, null, null", "3, 5, 7, 7.0000000000000000");
    }

    @Test
    void aSumOrZeroInACorrelatedSubQueryIsZeroForAnOuterRowWithoutRows() throws SQLException {
        assertThat(sql.rows("SELECT s.stream_id, (SELECT COALESCE(SUM(version), 0) FROM events e "
            + "WHERE e.stream_id = s.stream_id AND e.version > 1) FROM streams s ORDER BY 1"))
            .containsExactly("a, 5", "b, 0");
    }

    @Test
    void aSumOrZeroOfALeftJoinAddedToItsCountCountsTheUnmatchedRowOnce() throws SQLException {
        assertThat(sql.rows("SELECT o.k, COALESCE(SUM(u.v), 0) + COUNT(*) FROM (VALUES (1), (2)) o(k) "
            + "LEFT JOIN (VALUES (1, 10), (1, 20)) u(k2, v) ON u.k2 = o.k GROUP BY o.k ORDER BY 1"))
            .containsExactly("1, 32", "2, 1");
    }
}

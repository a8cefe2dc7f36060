package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Set operations nested as a balanced tree, or common table expressions that each name the one before twice, are
 * planned as one flat operation ({@link StandardProgram} merges them before Calcite's cost-based search, which
 * tried every partial merge: 32 branches of {@code UNION ALL} nested five deep did not plan in a minute). The timeout
 * only keeps a regression from hanging the build. Given one stream of three events.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NestedSetOperationsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    /** A balanced tree of {@code operator} {@code depth} deep over reads of the events, the i-th without seq i. */
    private static String tree(String operator, int depth, AtomicInteger leaves) {
        if (depth == 0) {
            return "SELECT seq FROM events WHERE seq <> " + leaves.incrementAndGet();
        }
        return "SELECT seq FROM (" + tree(operator, depth - 1, leaves) + " " + operator + " "
            + tree(operator, depth - 1, leaves) + ")";
    }

    @ParameterizedTest
    @CsvSource({"UNION ALL, 93", "UNION, 3", "INTERSECT, 0", "INTERSECT ALL, 0", "EXCEPT, 1"}) // as PostgreSQL answers
    void thirtyTwoBranchesNestedFiveDeepPlanAndAnswer(String operator, String count) throws SQLException {
        // leaves 1 to 3 each leave out one of the three events: UNION ALL keeps 3 * 32 - 3 rows
        assertThat(sql.rows("SELECT COUNT(*) FROM (" + tree(operator, 5, new AtomicInteger()) + ")"))
            .containsExactly(count);
    }

    @ParameterizedTest
    @CsvSource({"7, 384"})
    void commonTableExpressionsThatEachDoubleTheOneBeforePlanAndAnswer(int levels, String count) throws SQLException {
        StringBuilder with = new StringBuilder("WITH t0 AS (SELECT seq FROM events)");
        for (int i = 1; i <= levels; i++) {
            with.append(", t").append(i).append(" AS (SELECT seq FROM t").append(i - 1)
                .append(" UNION ALL SELECT seq FROM t").append(i - 1).append(')');
        }

        assertThat(sql.rows(with + " SELECT COUNT(*) FROM t" + levels)).containsExactly(count);
    }
}

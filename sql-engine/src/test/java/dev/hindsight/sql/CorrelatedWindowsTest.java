package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A window in a correlated sub-query or a {@code LATERAL} join is computed over the rows of its outer row, as
 * PostgreSQL runs the sub-query per outer row ({@link CorrelatedWindows}); Calcite's decorrelation computed it over the
 * rows of all outer rows together. Given streams a (versions 1–3), b (1–2) and c (1), in that order in the log.
 */
class CorrelatedWindowsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void theLatestEventOfEachStreamByRowNumberInACorrelatedSubQuery() throws SQLException {
        assertThat(sql.rows("SELECT s.stream_id, (SELECT version FROM (SELECT version, ROW_NUMBER() OVER (ORDER BY "
            + "seq DESC) rn FROM events e WHERE e.stream_id = s.stream_id) x WHERE rn = 1) FROM streams s ORDER BY 1"))
            .containsExactly("a, 3", "b, 2", "c, 1"); // was a, null / b, null / c, 1: numbered across the streams
    }

    @Test
    void aCorrelatedConditionThatIsNoEqualityStillFiltersTheWindowsRows() throws SQLException {
        // k = 1: the events past version 1 are a's 2 and 3 and b's 2, so the largest stream count is 2
        assertThat(sql.rows("SELECT o.k, (SELECT MAX(c) FROM (SELECT COUNT(*) OVER (PARTITION BY stream_id) c "
            + "FROM events e WHERE e.version > o.k) x) FROM (VALUES (0), (1), (2)) o(k) ORDER BY 1"))
            .containsExactly("0, 3", "1, 2", "2, 1");
    }

    @Test
    void aLateralJoinsWindowNumbersTheRowsOfItsOuterRowOnly() throws SQLException {
        assertThat(sql.rows("SELECT s.stream_id, MAX(x.rn) FROM streams s CROSS JOIN LATERAL (SELECT ROW_NUMBER() "
            + "OVER (ORDER BY seq DESC) rn FROM events e WHERE e.stream_id = s.stream_id) x GROUP BY s.stream_id "
            + "ORDER BY 1"))
            .containsExactly("a, 3", "b, 2", "c, 1");
    }

    @Test
    void anOuterValueInsideTheWindowedExpressionIsThatOfItsOuterRow() throws SQLException {
        // k = 2: versions up to 2 in log order are 1, 2, 1, 2, 1, their LAGs 0, 1, 2, 1, 2: at most 2, plus k
        assertThat(sql.rows("SELECT o.k, (SELECT MAX(w) FROM (SELECT LAG(version, 1, 0) OVER (ORDER BY seq) + o.k w "
            + "FROM events e WHERE e.version <= o.k) x) FROM (VALUES (1), (2), (3)) o(k) ORDER BY 1"))
            .containsExactly("1, 2", "2, 4", "3, 6");
    }

    @Test
    void aWindowInACorrelatedSubQueryOrLateralJoinIsStillRewrittenAsPostgreSqlsIs() throws SQLException {
        // NTILE(4) of six rows deals 1, 1, 2, 2, 3, 4 as PostgreSQL's (PostgresNtile), summing to 13; split before
        // that step ran (Calcite's 1, 1, 2, 3, 3, 4), they summed to 14
        String ntiles = "(SELECT SUM(t) t FROM (SELECT NTILE(4) OVER (ORDER BY v) t FROM (VALUES (1, 1), (1, 2), "
            + "(1, 3), (1, 4), (1, 5), (1, 6)) u(k2, v) WHERE u.k2 >= o.k) y)";

        assertThat(sql.rows("SELECT o.k, " + ntiles + " FROM (VALUES (1), (2)) o(k) ORDER BY 1"))
            .containsExactly("1, 13", "2, null");
        assertThat(sql.rows("SELECT o.k, x.t FROM (VALUES (1)) o(k) CROSS JOIN LATERAL " + ntiles + " x"))
            .containsExactly("1, 13");
    }

    @Test
    void aWindowOverAnUncorrelatedSubQueryOfACorrelatedOneIsComputedOnce() throws SQLException {
        // the window reads no outer value: its numbering is of all events, the outer value only filters after it
        assertThat(sql.rows("SELECT s.stream_id, (SELECT MIN(rn) FROM (SELECT stream_id, ROW_NUMBER() OVER (ORDER BY "
            + "seq) rn FROM events) x WHERE x.stream_id = s.stream_id) FROM streams s ORDER BY 1"))
            .containsExactly("a, 1", "b, 4", "c, 6");
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A text literal among the branches of a {@code CASE} or {@code COALESCE} whose other branches are numbers, dates or
 * booleans: given such expressions, when run, then PostgreSQL 15's answers (psql's, written in): the literal takes the
 * other branches' type. Calcite made the others text, so {@code MAX(COALESCE(seq, '0'))} of 1 to 12 was 9, the values
 * sorted as text, and arithmetic on them cast the text to an {@code INTEGER} (22018 of 1.5, an internal error of a
 * NULL's branch).
 */
class CaseTextLiteralsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:12");

    @Test
    void givenANumberBesideATextLiteral_whenOrderedOrAggregated_thenAsNumbers() throws SQLException {
        assertThat(sql.rows("SELECT MAX(COALESCE(seq, '0')) FROM events")).containsExactly("12");
        assertThat(sql.rows("SELECT COALESCE(seq, '0') FROM events ORDER BY 1 LIMIT 3"))
            .containsExactly("1", "2", "3");
        assertThat(sql.rows("SELECT CASE WHEN seq > 1 THEN seq ELSE '05' END = 5 FROM events WHERE seq = 1"))
            .containsExactly("true");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE COALESCE(seq, '0') < '10'")).containsExactly("9");
    }

    @Test
    void givenSuchBranches_whenComputedWith_thenInTheOtherBranchesType() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT COALESCE(1.5, '0') + 1, COALESCE(CAST(3000000000 AS BIGINT), '0') + 1, "
            + "COALESCE(CAST(NULL AS INTEGER), '5') + 1, COALESCE(CAST(NULL AS INTEGER), '-5'), "
            + "NOT COALESCE(CAST(NULL AS BOOLEAN), 'yes'), COALESCE(CAST(NULL AS DATE), '2026-12-05') + 1"))
            .containsExactly("2.5, 3000000001, 6, -5, false, 2026-12-06");
        assertThat(sql.rowsOfStatement("SELECT COALESCE(CAST(NULL AS DECIMAL(5, 2)), '1.50') * 2"))
            .containsExactly("3.00");
    }

    @Test
    void givenTextThatIsNoValueOfTheType_whenRunTwice_thenTheBranchesStayTextBothTimes() throws SQLException {
        // a cast of it failed the first run (22018) and, Calcite keeping the compiled plan, every later one with an
        // internal error; '1e2000000000' would have been written out as two billion digits
        String grouped = "SELECT c, COUNT(*) FROM (SELECT CASE WHEN seq = 2 THEN seq ELSE 'abc' END AS c FROM events "
            + "WHERE seq <= 3) t GROUP BY c ORDER BY c";
        for (int run = 0; run < 2; run++) {
            assertThat(sql.rows(grouped)).as("run %d", run).containsExactly("2, 1", "abc, 2");
        }
        assertThat(sql.rows("SELECT CASE WHEN seq = 1 THEN '1e2000000000' ELSE seq END, CASE WHEN seq = 1 THEN "
            + "'3000000000' ELSE CAST(seq AS INTEGER) END, CASE WHEN seq = 1 THEN '1.0' ELSE seq END, "
            + "CASE WHEN seq = 1 THEN 'soon' ELSE CAST(ts AS DATE) END IS NOT NULL FROM events WHERE seq = 1"))
            .containsExactly("1e2000000000, 3000000000, 1.0, true");
        assertThat(sql.rows("SELECT CASE WHEN seq = 1 THEN 'NaN' ELSE CAST(seq AS DOUBLE) END + 1, "
            + "CASE WHEN seq = 1 THEN 'on' ELSE seq > 5 END AND TRUE FROM events WHERE seq = 1"))
            .as("a value of the type: typed").containsExactly("NaN, true");
    }

    @Test
    void givenOnlyTextBranches_whenRun_thenTextAsBefore() throws SQLException {
        assertThat(sql.rows("SELECT COALESCE(stream_id, 'x'), CASE WHEN seq = 1 THEN 'one' ELSE '2' END, "
            + "COALESCE(NULL, '5') FROM events WHERE seq = 1")).containsExactly("a, one, 5");
    }
}

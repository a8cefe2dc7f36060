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
    void givenTextThatIsNoValueOfTheType_whenRun_thenRefusedAsACastOfIt() {
        assertThat(sql.refusal("SELECT CASE WHEN seq = 1 THEN 1 ELSE '4.75' END FROM events WHERE seq = 2")
            .getSQLState()).isEqualTo("22018");
        assertThat(sql.refusal("SELECT COALESCE(CAST(NULL AS DATE), 'soon') FROM events WHERE seq = 2")
            .getSQLState()).startsWith("22");
    }

    @Test
    void givenTextWithAnExponentOrBeyondTheType_whenRun_thenACastOfItAndNoNumberWrittenOut() {
        // '1e2000000000' was written out as two billion digits (OutOfMemoryError) before it was cast; a whole
        // number beyond an INTEGER widened the CASE, one written with a point beside whole numbers made it DECIMAL
        assertThat(sql.refusal("SELECT COALESCE(CAST(NULL AS INTEGER), '1e2000000000')").getSQLState())
            .isEqualTo("22018");
        assertThat(sql.refusal("SELECT COALESCE(CAST(NULL AS INTEGER), '3000000000')").getSQLState())
            .isEqualTo("22003");
        assertThat(sql.refusal("SELECT COALESCE(CAST(NULL AS INTEGER), '1.0')").getSQLState()).isEqualTo("22018");
    }

    @Test
    void givenOnlyTextBranches_whenRun_thenTextAsBefore() throws SQLException {
        assertThat(sql.rows("SELECT COALESCE(stream_id, 'x'), CASE WHEN seq = 1 THEN 'one' ELSE '2' END, "
            + "COALESCE(NULL, '5') FROM events WHERE seq = 1")).containsExactly("a, one, 5");
    }
}

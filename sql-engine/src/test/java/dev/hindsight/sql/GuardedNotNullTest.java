package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code COALESCE(x, …)} in a filter keeps its fallback for a NULL {@code x} whatever it is compared with: Calcite's
 * simplification split the coalesce's {@code CASE} and dropped its {@code x IS NOT NULL}, and the cast of {@code x}
 * to a type without NULL left was 0 for a NULL, so the row passed ({@link GuardedNotNull}). psql's answers written
 * in. Given streams a (versions 1–3) and b (1).
 */
class GuardedNotNullTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:1");

    private static final String NULL_AND_SEVEN =
        "(VALUES (CAST(NULL AS INTEGER), CAST(NULL AS INTEGER)), (7, 1)) v(a, b)";

    @Test
    void aCoalesceComparedWithASubQueryIsItsFallbackForANullOperand() throws SQLException {
        assertThat(sql.rows("SELECT a FROM " + NULL_AND_SEVEN + " WHERE COALESCE(a, 9) <= (SELECT 5)")).isEmpty();
        assertThat(sql.rows("SELECT a FROM " + NULL_AND_SEVEN + " WHERE COALESCE(a, 9) >= (SELECT 8)"))
            .containsExactly("null");
        assertThat(sql.rows("SELECT a, b FROM " + NULL_AND_SEVEN + " WHERE COALESCE(a, b) <= (SELECT 5)")).isEmpty();
        assertThat(sql.rows("SELECT a, b FROM " + NULL_AND_SEVEN + " WHERE COALESCE(a, b, 0) <= (SELECT 5)"))
            .containsExactly("null, null");
        // compared with another table's column, as plainly
        assertThat(sql.rows("SELECT v.b FROM " + NULL_AND_SEVEN + " JOIN (VALUES (1, 5), (2, 5)) s(k, m) "
            + "ON s.k = v.b OR v.b IS NULL WHERE COALESCE(v.a, 9) <= s.m")).isEmpty();
        // over the log, beside a scalar sub-query of it
        assertThat(sql.rows("SELECT s.stream_id FROM streams s LEFT JOIN (SELECT stream_id, version FROM events "
            + "WHERE version > 2) e ON e.stream_id = s.stream_id WHERE COALESCE(e.version, 9) <= "
            + "(SELECT MAX(version) FROM events) ORDER BY 1")).containsExactly("a");
    }

    @Test
    void aCoalesceStillAnswersItsFirstValueOrItsFallbackWithTheirScale() throws SQLException {
        assertThat(sql.rows("SELECT COALESCE(a, 9), COALESCE(a, b, 3), COALESCE(CAST(NULL AS VARCHAR), 'x') FROM "
            + NULL_AND_SEVEN + " ORDER BY 1")).containsExactly("7, 7, x", "9, 3, x");
        assertThat(sql.rows("SELECT SUM(COALESCE(d, 0)), MIN(COALESCE(d, 0)) FROM (VALUES (CAST(NULL AS "
            + "DECIMAL(5, 2))), (7.5)) v(d)")).containsExactly("7.50, 0.00");
    }
}

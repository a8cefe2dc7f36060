package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code VALUES} column of literals some with an exponent is a {@code DOUBLE}, as such a literal is here
 * ({@link ApproximateValues}; in PostgreSQL a {@code numeric}); any use of such a list was {@code XX000}. Given one
 * stream of three events.
 */
class ApproximateValuesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @Test
    void aColumnOfExactAndApproximateLiteralsIsADouble() throws SQLException {
        assertThat(sql.rows("SELECT x FROM (VALUES (1.5e0), (1), (-3)) t(x) ORDER BY x"))
            .containsExactly("-3.0", "1.0", "1.5");
        assertThat(sql.rows("SELECT COUNT(*), SUM(x) FROM (VALUES (1), (2e0)) t(x)")).containsExactly("2, 3.0");
        assertThat(sql.rowsOfStatement("VALUES (1, 'a'), (1e20, 'b')")).containsExactly("1.0, a", "1.0E20, b");
        assertThat(sql.rows("SELECT v FROM (VALUES (1.5e0), (2), (NULL)) t(v) ORDER BY v NULLS LAST"))
            .containsExactly("1.5", "2.0", "null"); // a NULL among them was XX000 still
    }

    @Test
    void otherColumnsAndListsOfOneKindKeepTheirTypes() throws SQLException {
        assertThat(sql.rows("SELECT x + 0, y FROM (VALUES (1, 2e0), (2, 3e0)) t(x, y) ORDER BY 1"))
            .containsExactly("1, 2.0", "2, 3.0");
        assertThat(sql.rows("SELECT x FROM (VALUES (1.5), (2)) t(x) ORDER BY x")).containsExactly("1.5", "2.0");
    }
}

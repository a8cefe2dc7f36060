package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ROUND}, {@code TRUNC} and {@code SIGN} of a {@code DECIMAL} answer at their type's scale, so equal numbers
 * group, match and are distinct as one ({@link DecimalScales}); psql's row counts written in. Given no events.
 */
class DecimalScalesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String X = "(VALUES (CAST('1.25' AS DECIMAL(10,4)), 1), (CAST('1.3' AS DECIMAL(10,4)), 2), "
        + "(CAST('-2.5' AS DECIMAL(10,4)), 3)) t(x, n)";

    @Test
    void aRoundedDecimalIsOneWithTheSameNumberAtItsTypesScale() throws SQLException {
        assertThat(sql.rows("SELECT ROUND(x, 1) FROM " + X + " WHERE n = 1 UNION SELECT CAST('1.3' AS DECIMAL(10,4))"))
            .containsExactly("1.3000");
        assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT ROUND(x, 1) FROM " + X + " WHERE n = 1 INTERSECT "
            + "SELECT CAST('1.3' AS DECIMAL(10,4))) s")).containsExactly("1");
        assertThat(sql.rows("SELECT r, COUNT(*) FROM (SELECT CASE WHEN n = 1 THEN ROUND(x, 1) ELSE x END r FROM " + X
            + " WHERE n < 3) s GROUP BY r")).containsExactly("1.3000, 2");
        assertThat(sql.rows("SELECT COUNT(DISTINCT v) FROM (SELECT ROUND(x) v FROM " + X + " WHERE n = 3 UNION ALL "
            + "SELECT CAST(-3 AS DECIMAL(10,4))) s")).containsExactly("1");
    }

    @Test
    void aTruncatedDecimalAndASignAreAtTheirTypesScaleToo() throws SQLException {
        assertThat(sql.rows("SELECT TRUNC(x, 1), SIGN(x), ROUND(x, -1), ROUND(x, 30) FROM " + X + " WHERE n = 3"))
            .containsExactly("-2.5000, -1.0000, 0.0000, -2.5000");
        assertThat(sql.rows("SELECT SIGN(x) FROM " + X + " WHERE n = 3 EXCEPT SELECT CAST(-1 AS DECIMAL(10,4))"))
            .isEmpty();
        assertThat(sql.rows("SELECT ROUND(25, -1), TRUNC(25.77), SIGN(-3), ROUND(CAST(NULL AS DECIMAL(5,2)), 1)"))
            .containsExactly("30, 25.00, -1, null");
    }
}

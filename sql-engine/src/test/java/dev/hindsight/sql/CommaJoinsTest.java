package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A comma in {@code FROM} binds more loosely than {@code JOIN}, as in PostgreSQL and the SQL standard: {@code a, b
 * RIGHT JOIN c ON …} is {@code a} times {@code (b RIGHT JOIN c)}. Calcite's grammar joined from the left whatever the
 * separator, so an outer join after a comma took the tables before the comma as its left side and answered other
 * rows. Given one stream of three events.
 */
class CommaJoinsTest {

    private static final String A = "(VALUES 1, 2) a(x)";
    private static final String B = "(VALUES 1) b(y)";
    private static final String C = "(VALUES 1, 2) c(z)";

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @Test
    void anOuterJoinAfterACommaJoinsOnlyTheTableBeforeIt() throws SQLException {
        // PostgreSQL: 2 x (b RIGHT JOIN c: (1, 1), (NULL, 2)) = 4 rows; joined from the left it was 3
        assertThat(sql.rows("SELECT a.x, b.y, c.z FROM " + A + ", " + B + " RIGHT JOIN " + C + " ON b.y = c.z"
            + " ORDER BY 1, 3"))
            .containsExactly("1, 1, 1", "1, null, 2", "2, 1, 1", "2, null, 2");
        // 2 x (b FULL JOIN c: (1, 1), (NULL, 2)); joined from the left it was 3
        assertThat(sql.rows("SELECT COUNT(*), COUNT(b.y) FROM " + A + ", " + B + " FULL JOIN " + C + " ON b.y = c.z"))
            .containsExactly("4, 2");
    }

    /** Nested, the merged column named bare would be 42702 (CommonColumns merges the outermost join's only). */
    @Test
    void anInnerUsingJoinAfterACommaStillAnswersItsMergedColumnNamedBare() throws SQLException {
        assertThat(sql.rows("SELECT j FROM (VALUES (1)) a(x), (VALUES (2)) b(j) JOIN (VALUES (2)) c(j) USING (j)"))
            .containsExactly("2");
    }

    @Test
    void joinsBeforeAndAfterACommaEachStayWithTheirTables() throws SQLException {
        assertThat(sql.rows("SELECT COUNT(*) FROM " + A + " JOIN " + C + " ON a.x = c.z, " + B
            + " FULL JOIN events e ON b.y = e.version")).containsExactly("6");
        assertThat(sql.rows("SELECT COUNT(*) FROM events e1, events e2, events e3 JOIN events e4 USING (seq)"))
            .containsExactly("27");
    }

    @Test
    void aJoinConditionInANestedGroupCannotNameATableBeforeTheComma() {
        // PostgreSQL: 42P01, invalid reference to FROM-clause entry for table "a"
        SQLException refusal = sql.refusal("SELECT 1 FROM " + A + ", " + B + " RIGHT JOIN " + C + " ON a.x = c.z");

        assertThat(refusal.getSQLState()).isEqualTo("42P01");
        assertThat(refusal.getMessage()).contains("'a'");
    }

    @Test
    void aLateralSubQueryInAGroupOfInnerJoinsStillSeesTheTablesBeforeTheComma() throws SQLException {
        // PostgreSQL lets it; Calcite's validator would not see e1 from inside a nested join, so the group stays flat
        assertThat(sql.rows("SELECT e1.seq, e4.version FROM events e1, LATERAL (SELECT e1.seq AS s) l"
            + " JOIN events e4 ON e4.seq = l.s ORDER BY 1")).containsExactly("1, 1", "2, 2", "3, 3");
    }
}

package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The grand total of {@code ROLLUP}, {@code CUBE} and {@code GROUPING SETS} with {@code ()} ({@link EmptyInputTotals}):
 * given no rows, when grouped so, then one row of NULL groups, {@code COUNT} 0 and {@code GROUPING(…)} all ones, as
 * PostgreSQL 15 answers (Calcite's answered no row); given rows, then the total as before, once.
 */
class EmptyInputTotalsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2", "b:1");

    @Test
    void givenNoRows_whenRolledUp_thenOneGrandTotalRow() throws SQLException {
        assertThat(sql.rows("SELECT stream_id, COUNT(*), GROUPING(stream_id), SUM(seq), MIN(name) FROM events "
            + "WHERE seq > ? GROUP BY ROLLUP(stream_id)", 100)).containsExactly("null, 0, 1, null, null");
        assertThat(sql.rows("SELECT stream_id, name, COUNT(seq), GROUPING(stream_id, name), GROUP_ID() FROM events "
            + "WHERE seq > ? GROUP BY CUBE(stream_id, name)", 100)).containsExactly("null, null, 0, 3, 0");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE seq > ? GROUP BY GROUPING SETS ((stream_id), ())",
            100)).containsExactly("0");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE seq > ? GROUP BY ROLLUP(stream_id) "
            + "HAVING COUNT(*) > 0", 100)).isEmpty();
    }

    @Test
    void givenACorrelatedSubQuery_whenRolledUp_thenOneTotalForEachOuterRow() throws SQLException {
        // decorrelated, Calcite joins a total to every outer row already: a second one would be counted
        assertThat(sql.rowsOfStatement("SELECT k, (SELECT COUNT(*) FROM (SELECT u.x, COUNT(*) c FROM (VALUES (1, 10), "
            + "(1, 11)) u(k, x) WHERE u.k = t.k GROUP BY ROLLUP(u.x)) s) FROM (VALUES (1), (2), (3)) t(k) ORDER BY k"))
            .containsExactly("1, 3", "2, 1", "3, 1");
    }

    @Test
    void givenRows_whenRolledUp_thenTheTotalOnce() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT stream_id, COUNT(*), GROUPING(stream_id) FROM events "
            + "GROUP BY ROLLUP(stream_id) ORDER BY GROUPING(stream_id), stream_id"))
            .containsExactly("a, 2, 0", "b, 1, 0", "null, 3, 1");
    }

    @Test
    void givenTheTotalSetWrittenTwice_whenGroupingIsAsked_thenNotSupportedNotAnInternalError() throws SQLException {
        // Calcite answers a set written twice as a union whose row types it finds not to meet: it was XX000
        for (String asked : new String[] {"GROUPING(stream_id)", "GROUPING(stream_id) + 0", "GROUP_ID()"}) {
            assertThat(sql.refusal("SELECT stream_id, " + asked + " FROM events GROUP BY GROUPING SETS ((), "
                + "(stream_id), ())").getSQLState()).as(asked).isEqualTo("0A000");
        }
        assertThat(sql.rowsOfStatement("SELECT stream_id, COUNT(*) FROM events GROUP BY GROUPING SETS ((), "
            + "(stream_id), ()) ORDER BY stream_id")).as("without GROUPING: the total twice, as PostgreSQL")
            .containsExactly("a, 2", "b, 1", "null, 3", "null, 3");
    }
}

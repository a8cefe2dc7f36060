package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Several quantified comparisons in one statement answer as each does alone ({@link SubQueryRemoval}). Calcite's
 * removal finds the count columns it adds by name, and the second of two in a filter or a select list read the
 * first's. One comparison alone was right, so it is the oracle: given random value lists with NULLs, when two are
 * combined with AND or OR in a WHERE, or put side by side in a select list, then the rows are those the single ones
 * give (a failing run is named by its seed; {@code -Dhindsight.seed=N} reruns it).
 */
class SubQueryRemovalTest {

    private static final String[] OPERATORS = {"=", "<>", "<", "<=", ">", ">="};
    private static final String ROWS = "(VALUES (0), (1), (2), (3), (CAST(NULL AS INTEGER))) u(s)";

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @Test
    void givenTwoQuantifiedComparisonsInOneFilter_whenRun_thenTheRowsAreThoseBothKeep() throws SQLException {
        // as PostgreSQL: 1 < ALL (2, 3) and 1 = ALL (1); Calcite's plan read the first's counts for the second
        assertThat(sql.rowsOfStatement("SELECT s FROM (VALUES (0), (1), (2)) u(s) WHERE s < ALL (SELECT v FROM "
            + "(VALUES (2), (3)) t(v)) AND s = ALL (SELECT v FROM (VALUES (1)) t(v))")).containsExactly("1");
        assertThat(sql.rowsOfStatement("SELECT s, s <> ANY (VALUES (1), (NULL)), s <> ANY (VALUES (2), (2)) "
            + "FROM (VALUES (1)) u(s)")).containsExactly("1, null, true");
    }

    @Test
    void givenComparisonsThatReadARowFromOutside_whenInOneConjunct_thenLeftWholeAndAnswered() throws SQLException {
        // a project of no correlation would take u.k for its own; left as a filter, which is not split again
        assertThat(sql.rowsOfStatement("SELECT u.k FROM (VALUES (1), (2)) u(k) WHERE EXISTS (SELECT 1 FROM "
            + "(VALUES (1, 5, 7), (2, 0, 0)) t(k, a, b) WHERE t.k = u.k AND (t.a > ALL (SELECT v FROM (VALUES (1, 3), "
            + "(2, 9)) w(k, v) WHERE w.k = u.k) OR t.b = ALL (SELECT v FROM (VALUES (1, 7)) w(k, v) WHERE w.k = u.k))) "
            + "ORDER BY 1")).containsExactly("1", "2");
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 20)
    void combinedComparisonsAnswerAsEachAlone(long seed) throws SQLException {
        Random random = new Random(seed);
        String first = comparison(random);
        String second = comparison(random);
        List<String> firstRows = rows(first);
        List<String> secondRows = rows(second);
        List<String> both = new ArrayList<>(firstRows);
        both.retainAll(secondRows);
        List<String> either = new ArrayList<>(firstRows);
        secondRows.stream().filter(r -> !either.contains(r)).forEach(either::add);
        assertThat(rows(first + " AND " + second)).as("seed %d: %s AND %s", seed, first, second)
            .containsExactlyInAnyOrderElementsOf(both);
        assertThat(rows("(" + first + " OR " + second + ")")).as("seed %d: %s OR %s", seed, first, second)
            .containsExactlyInAnyOrderElementsOf(either);
        assertThat(sql.rowsOfStatement("SELECT s, " + first + ", " + second + " FROM " + ROWS))
            .as("seed %d: both in the select list", seed)
            .containsExactlyInAnyOrderElementsOf(sideBySide(first, second));
    }

    private List<String> rows(String condition) throws SQLException {
        return sql.rowsOfStatement("SELECT s FROM " + ROWS + " WHERE " + condition);
    }

    private List<String> sideBySide(String first, String second) throws SQLException {
        List<String> a = sql.rowsOfStatement("SELECT s, " + first + " FROM " + ROWS + " ORDER BY s");
        List<String> b = sql.rowsOfStatement("SELECT " + second + " FROM " + ROWS + " ORDER BY s");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i) + ", " + b.get(i));
        }
        return out;
    }

    /** {@code s op ANY|ALL (values)}: 0 to 3 values of 0 to 3 or NULL. */
    private static String comparison(Random random) {
        int n = random.nextInt(4);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(random.nextInt(5) == 0 ? "(CAST(NULL AS INTEGER))" : "(" + random.nextInt(4) + ")");
        }
        String subQuery = n == 0 ? "SELECT v FROM (VALUES (1)) t(v) WHERE v > 1"
            : "SELECT v FROM (VALUES " + values.stream().collect(Collectors.joining(", ")) + ") t(v)";
        return "s " + OPERATORS[random.nextInt(OPERATORS.length)] + (random.nextBoolean() ? " ALL (" : " ANY (")
            + subQuery + ")";
    }
}

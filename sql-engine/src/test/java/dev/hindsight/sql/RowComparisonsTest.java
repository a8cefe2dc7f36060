package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Two row values compared by order are compared field by field, as PostgreSQL does: the first pair that is not equal
 * decides, a NULL met before one makes the answer unknown; equality, inequality and distinctness go field by field
 * too ({@link RowComparisons}). Calcite compared them as wholes, a NULL above every value.
 */
class RowComparisonsTest {

    private static final String[] OPERATORS = {"<", "<=", ">", ">=", "=", "<>", "IS DISTINCT FROM",
        "IS NOT DISTINCT FROM"};

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:1");

    /** PostgreSQL's answer: "true", "false" or "null". */
    private static String expected(Integer[] a, Integer[] b, String op) {
        if (op.contains("DISTINCT")) {
            boolean distinct = false;
            for (int i = 0; i < a.length; i++) {
                distinct |= a[i] == null ? b[i] != null : !a[i].equals(b[i]);
            }
            return String.valueOf(distinct != op.contains("NOT"));
        }
        if (op.equals("=") || op.equals("<>")) {
            String equal = "true";
            for (int i = 0; i < a.length; i++) {
                if (a[i] != null && b[i] != null && !a[i].equals(b[i])) {
                    equal = "false";
                    break;
                }
                if (a[i] == null || b[i] == null) {
                    equal = "null";
                }
            }
            return op.equals("=") || equal.equals("null") ? equal : String.valueOf(equal.equals("false"));
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null) {
                return "null";
            }
            if (!a[i].equals(b[i])) {
                int c = Integer.compare(a[i], b[i]);
                return String.valueOf(op.startsWith("<") ? c < 0 : c > 0);
            }
        }
        return String.valueOf(op.length() == 2);
    }

    private static Integer[] row(Random random, int width) {
        Integer[] row = new Integer[width];
        for (int i = 0; i < width; i++) {
            row[i] = random.nextInt(5) == 0 ? null : random.nextInt(3);
        }
        return row;
    }

    private static String sqlRow(Integer[] row, boolean typed) {
        List<String> fields = new ArrayList<>();
        for (Integer v : row) {
            fields.add(v == null ? (typed ? "CAST(NULL AS INTEGER)" : "NULL") : v.toString());
        }
        return "(" + String.join(", ", fields) + ")";
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 3)
    void eachComparisonOfTwoRowsAnswersAsPostgresqlFieldByField(long seed) throws SQLException {
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            int width = 2 + random.nextInt(2);
            Integer[] a = row(random, width);
            Integer[] b = row(random, width);
            String op = OPERATORS[random.nextInt(OPERATORS.length)];
            // the left row from a table's columns (evaluated per row), the right one written out as constants
            String columns = String.join(", ", List.of("x", "y", "z").subList(0, width));
            String query = "SELECT (" + columns + ") " + op + " " + sqlRow(b, random.nextBoolean()) + " FROM (VALUES "
                + sqlRow(a, true) + ") t(" + columns + ")";
            assertThat(sql.rows(query)).as(query).containsExactly(expected(a, b, op));
        }
    }

    @Test
    void aWhereClauseDropsTheRowsWhoseComparisonIsUnknown() throws SQLException {
        // (NULL, 1) >= (0, 0) is unknown, (1, NULL) >= (0, 0) true (1 > 0 decides), (0, NULL) >= (0, 0) unknown
        assertThat(sql.rows("SELECT a FROM (VALUES (CAST(NULL AS INTEGER), 1), (1, NULL), (0, NULL), (0, 0)) t(a, b) "
            + "WHERE (a, b) >= (0, 0) ORDER BY a")).containsExactly("0", "1");
    }

    @Test
    void parametersAreBoundOnceAndComparedFieldByField() throws SQLException {
        // keyset paging: the rows after (stream, version) = ('a', 1)
        assertThat(sql.rows("SELECT stream_id, version FROM (VALUES ('a', 1), ('a', 2), ('b', 0), ('a', 0)) "
            + "t(stream_id, version) WHERE (stream_id, version) > (?, ?) ORDER BY 1, 2", "a", 1))
            .containsExactly("a, 2", "b, 0");
    }

    @Test
    void parametersOnTheLeftTakeTheTypesOfTheFieldsTheyAreComparedWith() throws SQLException {
        // typed as text there before, and the rows were compared as wholes: (1, 1) > (1, 2) was true
        assertThat(sql.rows("SELECT (1, ?) > (1, 2), (?, 1) <= (1, 1)", 1, 1)).containsExactly("false, true");
        assertThat(sql.rows("SELECT (1, ?) IS DISTINCT FROM (1, 2), (?, 1) IS NOT DISTINCT FROM (1, 1)", 3, 1))
            .containsExactly("true, true");
        assertThat(sql.rows("SELECT COUNT(*) FROM (VALUES (1, 2), (1, 3), (2, 0)) t(a, b) WHERE (?, ?) < (a, b)",
            1L, 2L)).containsExactly("2");
    }

    @Test
    void aRowInAListOfRowsOfParametersTakesTheirTypesFromItsFields() throws SQLException {
        // the batch lookup JDBI and jOOQ write: 42804 "Values in expression list must have compatible types" before
        String t = "(VALUES ('a', 1), ('b', 2), ('a', 2)) t(s, v)";
        assertThat(sql.rows("SELECT COUNT(*) FROM " + t + " WHERE (s, v) IN ((?, ?), (?, ?))", "a", 1L, "b", 2L))
            .containsExactly("2");
        assertThat(sql.rows("SELECT COUNT(*) FROM " + t + " WHERE (s, v) NOT IN ((?, ?))", "a", 1))
            .containsExactly("2");
    }

    @Test
    void rowsOfTextAndTimestampsCompareTheirFieldsByTheirOwnOrder() throws SQLException {
        assertThat(sql.rows("SELECT ('b', TIMESTAMP '2026-01-01 00:00:00') < ('b', TIMESTAMP '2026-01-02 00:00:00'), "
            + "('b', CAST(NULL AS TIMESTAMP)) > ('a', TIMESTAMP '2026-01-01 00:00:00')")).containsExactly("true, true");
    }
}

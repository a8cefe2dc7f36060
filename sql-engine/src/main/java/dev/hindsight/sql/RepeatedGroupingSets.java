package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ROLLUP} and {@code CUBE} whose grouping sets repeat keep every one, as PostgreSQL's do: {@code CUBE(x, x)} is
 * the sets {@code (x, x), (x), (x), ()}, each grouped once, so each value of x three times and the total once.
 * Calcite expands them into a set of key sets, which keeps one of each ({@code CUBE(x, x)} answered 3 rows where
 * PostgreSQL answers 7; {@code ROLLUP(a, (a, b))} too); its explicit {@code GROUPING SETS} keep repeats, so such an
 * element is written as those before validation. Elements without repeats are left to Calcite.
 *
 * <pre>
 *   ROLLUP(e1, …, en)   (e1 … en), (e1 … en-1), …, (e1), ()
 *   CUBE(e1, …, en)     every subset of the elements, each the union of its elements' columns
 * </pre>
 */
final class RepeatedGroupingSets {

    /** PostgreSQL's limit of grouping sets one element expands to; past it Calcite's own expansion answers. */
    private static final int MAX_SETS = 4096;

    private RepeatedGroupingSets() {
    }

    /** {@code group} (a select's {@code GROUP BY}, or null) with each repeating ROLLUP or CUBE written out. */
    static SqlNodeList expanded(SqlNodeList group) {
        if (group == null) {
            return null;
        }
        List<SqlNode> items = new ArrayList<>(group.size());
        boolean changed = false;
        for (SqlNode item : group) {
            SqlNode written = item.getKind() == SqlKind.ROLLUP || item.getKind() == SqlKind.CUBE
                ? writtenOut((SqlCall) item) : item;
            changed |= written != item;
            items.add(written);
        }
        return changed ? new SqlNodeList(items, group.getParserPosition()) : group;
    }

    private static SqlNode writtenOut(SqlCall element) {
        List<List<SqlNode>> columns = new ArrayList<>();
        for (SqlNode operand : element.getOperandList()) {
            columns.add(operand.getKind() == SqlKind.ROW ? ((SqlCall) operand).getOperandList() : List.of(operand));
        }
        int n = columns.size();
        if (element.getKind() == SqlKind.CUBE && n > 12) {
            return element;
        }
        List<List<SqlNode>> sets = new ArrayList<>();
        if (element.getKind() == SqlKind.ROLLUP) {
            for (int k = n; k >= 0; k--) {
                sets.add(union(columns.subList(0, k), -1));
            }
        } else {
            for (int mask = (1 << n) - 1; mask >= 0; mask--) {
                sets.add(union(columns, mask));
            }
        }
        if (sets.size() > MAX_SETS || !repeats(sets)) {
            return element;
        }
        SqlParserPos pos = element.getParserPosition();
        List<SqlNode> rows = new ArrayList<>(sets.size());
        for (List<SqlNode> set : sets) {
            rows.add(SqlStdOperatorTable.ROW.createCall(pos, set));
        }
        return SqlStdOperatorTable.GROUPING_SETS.createCall(pos, rows);
    }

    /** The columns of the elements {@code mask} picks (-1: all of them; a CUBE has at most 12), in order. */
    private static List<SqlNode> union(List<List<SqlNode>> columns, int mask) {
        List<SqlNode> set = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (mask == -1 || (mask & (1 << i)) != 0) {
                set.addAll(columns.get(i));
            }
        }
        return set;
    }

    /** Whether two of {@code sets} group by the same columns (as text: the validator has not named them yet). */
    private static boolean repeats(List<List<SqlNode>> sets) {
        Set<Set<String>> seen = new HashSet<>();
        for (List<SqlNode> set : sets) {
            Set<String> keys = new TreeSet<>();
            set.forEach(column -> keys.add(column.toString()));
            if (!seen.add(keys)) {
                return true;
            }
        }
        return false;
    }
}

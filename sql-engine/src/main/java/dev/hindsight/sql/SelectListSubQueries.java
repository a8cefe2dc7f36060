package dev.hindsight.sql;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * Whether a statement has a sub-query in a select list ({@code SELECT x, (SELECT COUNT(*) … WHERE … = t.k) FROM (SELECT
 * … AS k, UPPER(…) AS x FROM events) t}), an {@code ORDER BY} or a {@code GROUP BY}: Calcite's converter then must not
 * merge a select list into the select list below it. It merges the two first, then, finding the sub-query
 * correlated, makes the select list again over the input it had, with the merged expressions, which read the columns
 * of the input's input: {@code t.x} was
 * {@code UPPER} of another column of {@code events} (a wrong value, NULLs where a JSON value was read), or an internal
 * error where no such column was (an index out of bounds). {@link HindsightPreparingStmt} turns the merge off
 * ({@code RelBuilder}'s {@code bloat} -1) for such statements; the planner merges the select lists later.
 */
final class SelectListSubQueries {

    private SelectListSubQueries() {
    }

    /**
     * Whether {@code statement}, as parsed, has a query inside a select list's, an {@code ORDER BY}'s or a
     * {@code GROUP BY}'s item. Each node is looked at once: the
     * parser shares nodes ({@code CASE x WHEN 1 … WHEN 3 …} names {@code x} in each comparison), so a walk of every
     * path through a nest of them would be exponential.
     */
    static boolean in(SqlNode statement) {
        Set<SqlNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<SqlNode> selectItems = new ArrayDeque<>();
        Deque<SqlNode> nodes = new ArrayDeque<>();
        nodes.push(statement);
        while (!nodes.isEmpty()) {
            SqlNode node = nodes.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof SqlSelect select) {
                for (SqlNode list : new SqlNode[] {select.getSelectList(), select.getOrderList(), select.getGroup()}) {
                    if (list != null) {
                        selectItems.push(list);
                    }
                }
            } else if (node instanceof SqlOrderBy orderBy) {
                selectItems.push(orderBy.orderList);
            }
            children(node, nodes);
        }
        Set<SqlNode> inItems = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!selectItems.isEmpty()) {
            SqlNode node = selectItems.pop();
            if (!inItems.add(node)) {
                continue;
            }
            if (node != statement && node.getKind().belongsTo(SqlKind.QUERY)) {
                return true;
            }
            children(node, selectItems);
        }
        return false;
    }

    private static void children(SqlNode node, Deque<SqlNode> into) {
        if (node instanceof SqlNodeList list) {
            list.forEach(child -> {
                if (child != null) {
                    into.push(child);
                }
            });
        } else if (node instanceof SqlCall call) {
            call.getOperandList().forEach(child -> {
                if (child != null) {
                    into.push(child);
                }
            });
        }
    }
}

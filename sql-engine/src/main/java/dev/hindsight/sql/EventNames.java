package dev.hindsight.sql;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * The event names a projection's {@code WHERE} admits, when it says ({@code name = 'x'}, {@code name IN (…)}, or an
 * OR of those, AND-ed with anything): the runner then skips every other event without decoding it. Empty when the
 * condition does not pin the name.
 */
final class EventNames {

    private EventNames() {
    }

    static Set<String> of(RexBuilder rex, RexNode condition) {
        for (RexNode conjunct : RelOptUtil.conjunctions(RexUtil.expandSearch(rex, null, condition))) {
            Set<String> names = new LinkedHashSet<>();
            boolean all = true;
            for (RexNode d : RelOptUtil.disjunctions(conjunct)) {
                String n = nameEquals(d);
                if (n == null) {
                    all = false;
                    break;
                }
                names.add(n);
            }
            if (all && !names.isEmpty()) {
                return Set.copyOf(names);
            }
        }
        return Set.of();
    }

    private static String nameEquals(RexNode node) {
        if (node.getKind() != SqlKind.EQUALS) {
            return null;
        }
        RexCall call = (RexCall) node;
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        if (b instanceof RexInputRef) {
            RexNode t = a;
            a = b;
            b = t;
        }
        a = RexUtil.removeCast(a);
        b = RexUtil.removeCast(b);
        if (a instanceof RexInputRef ref && ref.getIndex() == EventsTable.NAME && b instanceof RexLiteral lit) {
            return lit.getValueAs(String.class);
        }
        return null;
    }
}

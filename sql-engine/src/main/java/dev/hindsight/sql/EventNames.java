package dev.hindsight.sql;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

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
        a = textAsItIs(a);
        b = textAsItIs(b);
        if (a instanceof RexInputRef ref && ref.getIndex() == EventsTable.NAME && b instanceof RexLiteral lit
            && SqlTypeUtil.inCharFamily(lit.getType())) {
            return lit.getValueAs(String.class);
        }
        return null;
    }

    /**
     * {@code node} without the casts that keep a text's value: to a {@code VARCHAR} at least as long. Any other cast
     * is the query's to answer: one to a shorter text admits every name it cuts to the literal, one to a {@code CHAR}
     * names with trailing spaces, one to a number compares a number literal (read as a name: an internal error).
     */
    private static RexNode textAsItIs(RexNode node) {
        while (node.getKind() == SqlKind.CAST) {
            RexNode operand = ((RexCall) node).getOperands().get(0);
            RelDataType to = node.getType();
            RelDataType from = operand.getType();
            boolean keeps = to.getSqlTypeName() == SqlTypeName.VARCHAR && SqlTypeUtil.inCharFamily(from)
                && (to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
                    || to.getPrecision() >= from.getPrecision());
            if (!keeps) {
                return node;
            }
            node = operand;
        }
        return node;
    }
}

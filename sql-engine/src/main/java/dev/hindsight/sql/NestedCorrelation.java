package dev.hindsight.sql;

import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * Whether a plan has a correlated sub-query inside another that reads a value of a row further out than the one
 * around it: {@code WHERE NOT EXISTS (SELECT … FROM u WHERE u.k = o.k AND NOT EXISTS (SELECT … FROM w WHERE w.x = u.v
 * AND w.y = o.k))}, the "for all" of relational division. Calcite's decorrelation gets such a plan wrong (the one
 * above answered every outer row: it replaced {@code o.k} by the equal {@code w.y}, NULL on just the rows NOT EXISTS
 * keeps, or failed with an internal error for the same in {@code LATERAL} joins), so a plan that has one is left
 * correlated ({@link StandardProgram}, {@link HindsightPreparingStmt#decorrelate}): each sub-query runs once per row
 * around it, as PostgreSQL runs them.
 */
final class NestedCorrelation {

    private NestedCorrelation() {
    }

    /**
     * Whether {@code rel} reads an outer row past the nearest: the right side of a correlate, or a sub-query of a
     * node that correlates it (a filter's {@code NOT EXISTS}), uses a variable that neither defines.
     */
    static boolean in(RelNode rel) {
        return EveryNode.anyOf(rel, NestedCorrelation::readsPastNearest);
    }

    private static boolean readsPastNearest(RelNode node) {
        if (node instanceof Correlate correlate) {
            Set<CorrelationId> outer = RelOptUtil.getVariablesUsed(correlate.getRight());
            outer.remove(correlate.getCorrelationId());
            return !outer.isEmpty();
        }
        boolean[] found = {false};
        if (!node.getVariablesSet().isEmpty()) {
            node.accept(new RexShuttle() {
                @Override
                public RexNode visitSubQuery(RexSubQuery subQuery) {
                    Set<CorrelationId> outer = RelOptUtil.getVariablesUsed(subQuery.rel);
                    outer.removeAll(node.getVariablesSet());
                    found[0] |= !outer.isEmpty();
                    return subQuery;
                }
            });
        }
        return found[0];
    }
}

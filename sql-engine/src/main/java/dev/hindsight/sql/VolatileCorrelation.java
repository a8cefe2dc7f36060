package dev.hindsight.sql;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Whether a correlated sub-query reads a row whose values are computed anew each time they are computed
 * ({@code random()}): such a plan is left correlated, run per row as written. Calcite's decorrelation joins the
 * sub-query's answers back to the outer rows on their values, computing the outer rows twice, so
 * {@code FROM (SELECT stream_id, random() r FROM streams) a WHERE EXISTS (… a.r < 2)} matched no row: the two
 * {@code random()}s differ.
 */
final class VolatileCorrelation {

    private VolatileCorrelation() {
    }

    static boolean in(RelNode rel) {
        return EveryNode.anyOf(rel, node -> node instanceof Correlate correlate
            && EveryNode.anyOf(correlate.getLeft(), VolatileCorrelation::computesVolatile));
    }

    private static boolean computesVolatile(RelNode node) {
        boolean[] found = {false};
        node.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                found[0] |= !call.getOperator().isDeterministic();
                return super.visitCall(call);
            }
        });
        return found[0];
    }
}

package dev.hindsight.sql;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * A rewrite of every node of a plan, bottom up, the plans of sub-queries in its expressions included (an {@code IN}
 * list or {@code EXISTS} is a {@link RexSubQuery} until Calcite's optimisation removes it, and a plain
 * {@link RelHomogeneousShuttle} does not enter those). Each node is given to the rewrite once its inputs and its
 * sub-queries have been rewritten.
 */
final class EveryNode extends RelHomogeneousShuttle {

    private final UnaryOperator<RelNode> rewrite;
    private final RexShuttle subQueries = new RexShuttle() {
        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            RelNode rel = subQuery.rel.accept(EveryNode.this);
            return super.visitSubQuery(rel == subQuery.rel ? subQuery : subQuery.clone(rel));
        }
    };

    EveryNode(UnaryOperator<RelNode> rewrite) {
        this.rewrite = rewrite;
    }

    /** Whether any node of {@code rel}, the plans of its sub-queries included, is one {@code test} accepts. */
    static boolean anyOf(RelNode rel, Predicate<RelNode> test) {
        boolean[] found = {false};
        rel.accept(new EveryNode(node -> {
            found[0] = found[0] || test.test(node);
            return node;
        }));
        return found[0];
    }

    @Override
    public RelNode visit(RelNode other) {
        return rewrite.apply(super.visit(other).accept(subQueries));
    }
}

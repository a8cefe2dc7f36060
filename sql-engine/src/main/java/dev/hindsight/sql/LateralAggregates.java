package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * An inner {@code LATERAL} over an aggregate of no grouping ({@code CROSS JOIN LATERAL (SELECT MAX(x.v) AS v FROM x
 * WHERE x.k = t.k) l}) keeps every outer row, as the one row such an aggregate always answers does: made a left
 * correlation before Calcite's decorrelation, which is the same for a right side of exactly one row. Calcite's made
 * the inner one an inner join with the rows grouped by the correlated key, which has no row for a key without rows,
 * so outer rows were lost (PostgreSQL: the row, with NULL; a {@code LEFT JOIN LATERAL … ON TRUE} answered right).
 */
final class LateralAggregates {

    private LateralAggregates() {
    }

    /** {@code rel} with each such correlation a left one; else itself. */
    static RelNode asLeft(RelNode rel) {
        return rel.accept(new EveryNode(LateralAggregates::asLeftIfOneRow));
    }

    private static RelNode asLeftIfOneRow(RelNode node) {
        if (!(node instanceof Correlate correlate) || correlate.getJoinType() != JoinRelType.INNER
            || !oneRowAlways(correlate.getRight())) {
            return node;
        }
        Correlate left = correlate.copy(correlate.getTraitSet(), correlate.getLeft(), correlate.getRight(),
            correlate.getCorrelationId(), correlate.getRequiredColumns(), JoinRelType.LEFT);
        // a left correlation types the aggregate's columns nullable; a COUNT stays what it was (it is 0, not NULL,
        // for an outer row without rows: the decorrelation counts so)
        RexBuilder rex = node.getCluster().getRexBuilder();
        List<RelDataTypeField> was = correlate.getRowType().getFieldList();
        List<RexNode> out = new ArrayList<>();
        for (int i = 0; i < was.size(); i++) {
            out.add(rex.makeCast(was.get(i).getType(), rex.makeInputRef(left, i), true, false));
        }
        return LogicalProject.create(left, List.of(), out, correlate.getRowType().getFieldNames(), Set.of());
    }

    /** Whether {@code rel} answers exactly one row whatever its input: an aggregate of no grouping, projected. */
    private static boolean oneRowAlways(RelNode rel) {
        RelNode r = rel;
        while (r instanceof Project project) {
            r = project.getInput();
        }
        return r instanceof Aggregate aggregate && aggregate.getGroupSet().isEmpty()
            && aggregate.getGroupType() == Aggregate.Group.SIMPLE;
    }
}

package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * A grouping by constants alone ({@code SELECT DISTINCT 'x' FROM t WHERE …}) as a count of the rows, kept if there
 * are any, before Calcite's decorrelation, which answered one row where there were none:
 *
 * <pre>
 *   Aggregate(group: k1, k2)                 Project('x', 7)
 *     Project(k1: 'x', k2: 7)        →          Filter(n &gt; 0)
 *       input                                     Aggregate(no group, n: COUNT(*))
 *                                                   input
 * </pre>
 *
 * Why: the decorrelator takes constant group keys out of an aggregate whose input it rewrote, and adds them back
 * above; with no key and no call left, Calcite's {@code RelBuilder} makes the aggregate the one row an empty grouping
 * answers whatever its input, so {@code SELECT DISTINCT 'x' FROM order_detail a WHERE EXISTS (… a.order_id AND
 * 1 = 2)} answered {@code x} (PostgreSQL: no row). The count keeps the input's emptiness in the plan.
 */
final class ConstantGroups {

    private ConstantGroups() {
    }

    /**
     * {@code rel} with each grouping by constants alone above a correlation counted; else itself. Only above one: the
     * {@code Aggregate(true)} Calcite makes of an {@code EXISTS} sub-query, below its correlation, is one the
     * decorrelator keys by the outer columns (a semi-join); counted, it became a second read of the outer rows.
     */
    static RelNode counted(RelNode rel) {
        if (!EveryNode.anyOf(rel, Correlate.class::isInstance)) {
            return rel;
        }
        return rel.accept(new EveryNode(ConstantGroups::countedIfConstant));
    }

    private static RelNode countedIfConstant(RelNode node) {
        if (!(node instanceof Aggregate aggregate) || !aggregate.getAggCallList().isEmpty()
            || aggregate.getGroupType() != Aggregate.Group.SIMPLE || aggregate.getGroupSet().isEmpty()
            || !(aggregate.getInput() instanceof Project project)
            || !EveryNode.anyOf(project.getInput(), Correlate.class::isInstance)) {
            return node;
        }
        List<RexNode> constants = new ArrayList<>();
        for (int key : aggregate.getGroupSet()) {
            if (!(project.getProjects().get(key) instanceof RexLiteral literal)) {
                return node;
            }
            constants.add(literal);
        }
        RelBuilder b = RelFactories.LOGICAL_BUILDER.create(node.getCluster(), null);
        b.push(project.getInput()).aggregate(b.groupKey(), b.countStar("n"));
        return b.filter(b.greaterThan(b.field(0), b.literal(0)))
            .project(constants, aggregate.getRowType().getFieldNames(), true)
            .build();
    }
}

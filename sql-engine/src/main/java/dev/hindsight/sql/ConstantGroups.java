package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

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
     * {@code rel} with each grouping by constants alone counted where it sits above a correlation or reads no
     * correlated value; else itself. Not below a correlation whose value it reads: the {@code Aggregate(true)} Calcite
     * makes of an {@code EXISTS} sub-query there is one the decorrelator keys by the outer columns (a semi-join);
     * counted, it became a second read of the outer rows. One that reads none is rewritten all the same: the
     * {@code EXISTS} of an uncorrelated sub-query beside a correlated one ({@code WHERE NOT EXISTS (SELECT … x > 100)}
     * with {@code (SELECT MAX(x) … t1.a)} in the select list) was made true for every row.
     */
    static RelNode counted(RelNode rel) {
        if (!EveryNode.anyOf(rel, Correlate.class::isInstance)) {
            return rel;
        }
        return rel.accept(new EveryNode(node -> withConstantsAbove(countedIfConstant(node))));
    }

    /**
     * A grouping by constants and other keys above a correlation, the constants put back above it rather than
     * grouped by ({@code SELECT DISTINCT 'k', 'j', CASE WHEN EXISTS (… o.x) …}): the decorrelator takes them out and
     * puts them back itself, but in the wrong places when there are two or more (it inserts each at its index from
     * the last one down, so each later insertion moves the ones before: {@code 'k', 'j', d} came back as
     * {@code 'k', d, 'j'}, or a statement failed with an index out of bounds). Here they are out before it looks.
     */
    private static RelNode withConstantsAbove(RelNode node) {
        if (!(node instanceof Aggregate aggregate) || aggregate.getGroupType() != Aggregate.Group.SIMPLE
            || !(aggregate.getInput() instanceof Project project)
            || !EveryNode.anyOf(project.getInput(), Correlate.class::isInstance)) {
            return node;
        }
        ImmutableBitSet.Builder grouped = ImmutableBitSet.builder();
        boolean constant = false;
        for (int key : aggregate.getGroupSet()) {
            if (project.getProjects().get(key) instanceof RexLiteral) {
                constant = true;
            } else {
                grouped.set(key);
            }
        }
        ImmutableBitSet keys = grouped.build();
        if (!constant || keys.isEmpty()) {
            return node; // constants alone: counted above, or with calls, whose grouping is one row per input
        }
        Aggregate narrower = aggregate.copy(aggregate.getTraitSet(), project, keys, null, aggregate.getAggCallList());
        RexBuilder rex = node.getCluster().getRexBuilder();
        List<RelDataTypeField> fields = aggregate.getRowType().getFieldList();
        List<RexNode> out = new ArrayList<>();
        int kept = 0;
        for (int key : aggregate.getGroupSet()) {
            RexNode value = project.getProjects().get(key) instanceof RexLiteral literal ? literal
                : rex.makeInputRef(narrower, kept++);
            out.add(rex.ensureType(fields.get(out.size()).getType(), value, true));
        }
        for (int call = 0; call < aggregate.getAggCallList().size(); call++) {
            out.add(rex.makeInputRef(narrower, keys.cardinality() + call));
        }
        return LogicalProject.create(narrower, List.of(), out, aggregate.getRowType().getFieldNames(), Set.of());
    }

    private static RelNode countedIfConstant(RelNode node) {
        if (!(node instanceof Aggregate aggregate) || !aggregate.getAggCallList().isEmpty()
            || aggregate.getGroupType() != Aggregate.Group.SIMPLE || aggregate.getGroupSet().isEmpty()
            || !(aggregate.getInput() instanceof Project project)
            || (!EveryNode.anyOf(project.getInput(), Correlate.class::isInstance)
                && !RelOptUtil.getVariablesUsed(project).isEmpty())) {
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

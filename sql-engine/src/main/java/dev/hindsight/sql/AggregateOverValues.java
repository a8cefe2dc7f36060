package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * An aggregate rewritten to compute some of its calls over values of its own making, in the shape the steps that do
 * so share ({@link Percentiles}, {@link FloatVariances}):
 *
 * <pre>
 *   Project(each column cast back to the aggregate's type where it differs; the aggregate's names)
 *     Aggregate(the same groups, the new calls)
 *       Project(the input's columns, then the values the new calls read)
 *         the input
 * </pre>
 */
final class AggregateOverValues {

    private AggregateOverValues() {
    }

    /**
     * {@code aggregate} computing {@code calls} over its input's columns and {@code below} after them (the values a
     * call reads are numbered from the input's column count), typed as {@code aggregate} was.
     */
    static RelNode of(LogicalAggregate aggregate, List<RexNode> below, List<AggregateCall> calls) {
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        List<RexNode> columns = new ArrayList<>(rex.identityProjects(aggregate.getInput().getRowType()));
        columns.addAll(below);
        RelNode project = LogicalProject.create(aggregate.getInput(), List.of(), columns, (List<String>) null,
            Set.of());
        RelNode computed = aggregate.copy(aggregate.getTraitSet(), project, aggregate.getGroupSet(),
            aggregate.getGroupSets(), calls);
        List<RexNode> above = new ArrayList<>();
        for (int i = 0; i < computed.getRowType().getFieldCount(); i++) {
            RexNode field = RexInputRef.of(i, computed.getRowType());
            RelDataType wanted = aggregate.getRowType().getFieldList().get(i).getType();
            above.add(field.getType().equals(wanted) ? field : rex.makeCast(wanted, field, true, false));
        }
        return LogicalProject.create(computed, List.of(), above, aggregate.getRowType().getFieldNames(), Set.of());
    }
}

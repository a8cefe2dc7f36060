package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
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
 *     Aggregate(the same groups, the calls, the chosen ones rewritten)
 *       Project(the input's columns, then the values the rewritten calls read)
 *         the input
 * </pre>
 */
final class AggregateOverValues {

    /** The values below the aggregate a rewrite adds, each read by the position {@link #add} gives it. */
    static final class Values {
        private final int first;
        private final List<RexNode> added = new ArrayList<>();

        private Values(int first) {
            this.first = first;
        }

        /** {@code value} computed below the aggregate; its position there, for an aggregate call's arguments. */
        int add(RexNode value) {
            added.add(value);
            return first + added.size() - 1;
        }
    }

    /** One chosen call, computed over values it adds. */
    interface Rewrite {
        AggregateCall of(AggregateCall call, Values values);
    }

    private AggregateOverValues() {
    }

    /**
     * {@code aggregate} with each call that is {@code chosen} rewritten, typed as {@code aggregate} was; the aggregate
     * itself when none is.
     */
    static RelNode rewrite(LogicalAggregate aggregate, Predicate<AggregateCall> chosen, Rewrite rewrite) {
        if (aggregate.getAggCallList().stream().noneMatch(chosen)) {
            return aggregate;
        }
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        RelNode input = aggregate.getInput();
        Values values = new Values(input.getRowType().getFieldCount());
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            calls.add(chosen.test(call) ? rewrite.of(call, values) : call);
        }
        List<RexNode> columns = new ArrayList<>(rex.identityProjects(input.getRowType()));
        columns.addAll(values.added);
        RelNode project = LogicalProject.create(input, List.of(), columns, (List<String>) null, Set.of());
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

package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;
import org.apache.calcite.util.mapping.Mappings;

/**
 * {@code Aggregate} straight over a scan ({@code SELECT COUNT(*) FROM events}, {@code GROUP BY stream_id}) → the same
 * aggregate over a scan of only the columns it uses: no project sits between them for {@link LogTableProjectScanRule}.
 */
final class LogTableAggregateScanRule extends RelRule<RuleConfig<LogTableAggregateScanRule>> {

    /** The operands and the description plans name the rule by. */
    static final RuleConfig<LogTableAggregateScanRule> CONFIG = RuleConfig.of(LogTableAggregateScanRule::new)
        .withOperandSupplier(b -> b.operand(LogicalAggregate.class)
            .oneInput(s -> s.operand(LogTableScan.class).noInputs()))
        .withDescription("LogTableAggregateScanRule");

    private LogTableAggregateScanRule(RuleConfig<LogTableAggregateScanRule> config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalAggregate aggregate = call.rel(0);
        LogTableScan scan = call.rel(1);
        if (scan.fields != null) {
            return;
        }
        int[] newPosition = ColumnNarrowing.of(scan, ImmutableBitSet.of(RelOptUtil.getAllFields(aggregate)));
        if (newPosition == null) {
            return;
        }
        int[] columns = ColumnNarrowing.columnsOf(newPosition);
        Mappings.TargetMapping mapping = Mappings.target(i -> newPosition[i], newPosition.length, columns.length);
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall c : aggregate.getAggCallList()) {
            calls.add(c.transform(mapping));
        }
        List<ImmutableBitSet> groupSets = new ArrayList<>();
        for (ImmutableBitSet g : aggregate.getGroupSets()) {
            groupSets.add(ColumnNarrowing.remap(g, newPosition));
        }
        call.transformTo(aggregate.copy(aggregate.getTraitSet(),
            scan.withFields(ImmutableIntList.of(columns)), ColumnNarrowing.remap(aggregate.getGroupSet(), newPosition),
            groupSets, calls));
    }
}

package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.logical.LogicalSort;

/**
 * {@code Sort(seq DESC)} over a scan → the same sort over a scan that reads the log backwards, which the planner then
 * drops as already sorted: {@code ORDER BY seq DESC LIMIT n} reads n events, not the whole log.
 */
final class LogTableSortDescScanRule extends RelRule<RuleConfig<LogTableSortDescScanRule>> {

    /** The operands and the description plans name the rule by. */
    static final RuleConfig<LogTableSortDescScanRule> CONFIG = RuleConfig.of(LogTableSortDescScanRule::new)
        .withOperandSupplier(b -> b.operand(LogicalSort.class)
            .oneInput(s -> s.operand(LogTableScan.class).noInputs()))
        .withDescription("LogTableSortDescScanRule");

    private LogTableSortDescScanRule(RuleConfig<LogTableSortDescScanRule> config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalSort sort = call.rel(0);
        LogTableScan scan = call.rel(1);
        List<RelFieldCollation> order = sort.getCollation().getFieldCollations();
        if (scan.descending || scan.seqField() < 0 || order.size() != 1
            || order.get(0).getFieldIndex() != scan.seqField()
            || order.get(0).getDirection() != RelFieldCollation.Direction.DESCENDING) {
            return;
        }
        call.transformTo(sort.copy(sort.getTraitSet(), scan.withDescending(), sort.getCollation(), sort.offset,
            sort.fetch));
    }
}

package dev.hindsight.sql;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * {@code Snapshot(LogTableScan)} → the scan with its {@code AS OF} point, since Calcite's enumerable convention cannot
 * execute a snapshot at all. {@code AS OF SEQUENCE n} arrives as a call of the marker function
 * {@link AsOfSequenceFunction} and becomes the scan's seq point; any other period is a timestamp.
 */
final class LogTableSnapshotScanRule extends RelRule<RuleConfig<LogTableSnapshotScanRule>> {

    /** The operands and the description plans name the rule by. */
    static final RuleConfig<LogTableSnapshotScanRule> CONFIG = RuleConfig.of(LogTableSnapshotScanRule::new)
        .withOperandSupplier(b -> b.operand(LogicalSnapshot.class)
            .oneInput(s -> s.operand(LogTableScan.class).noInputs()))
        .withDescription("LogTableSnapshotScanRule");

    private LogTableSnapshotScanRule(RuleConfig<LogTableSnapshotScanRule> config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalSnapshot snapshot = call.rel(0);
        LogTableScan scan = call.rel(1);
        RexNode period = snapshot.getPeriod();
        if (scan.hasAsOf() || RexUtil.containsInputRef(period)) {
            return; // a period from another table is a temporal join, which the log tables do not offer
        }
        if (period instanceof RexCall marker
            && marker.getOperator().getName().equalsIgnoreCase(AsOfSequenceFunction.NAME)) {
            call.transformTo(scan.withAsOf(null, marker.getOperands().get(0))); // AS OF SEQUENCE n
        } else {
            call.transformTo(scan.withAsOf(period, null));
        }
    }
}

package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rex.RexUtil;

/**
 * {@code Snapshot(Project(x))} → {@code Project(Snapshot(x))}, so that {@link LogTableSnapshotScanRule} still finds the
 * snapshot straight over the scan: the field trimmer puts a project between them whenever not every column is used.
 */
final class LogTableSnapshotProjectTransposeRule extends RelRule<RuleConfig<LogTableSnapshotProjectTransposeRule>> {

    /** The operands and the description plans name the rule by. */
    static final RuleConfig<LogTableSnapshotProjectTransposeRule> CONFIG =
        RuleConfig.of(LogTableSnapshotProjectTransposeRule::new)
            .withOperandSupplier(b -> b.operand(LogicalSnapshot.class)
                .oneInput(p -> p.operand(LogicalProject.class).anyInputs()))
            .withDescription("LogTableSnapshotProjectTransposeRule");

    private LogTableSnapshotProjectTransposeRule(RuleConfig<LogTableSnapshotProjectTransposeRule> config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalSnapshot snapshot = call.rel(0);
        LogicalProject project = call.rel(1);
        if (RexUtil.containsInputRef(snapshot.getPeriod())) {
            return;
        }
        // copy, not RelBuilder: the copies keep their traits (the seq collation), so they land in the same subsets
        RelNode below = snapshot.copy(snapshot.getTraitSet(), project.getInput(), snapshot.getPeriod());
        call.transformTo(project.copy(project.getTraitSet(), List.of(below)));
    }
}

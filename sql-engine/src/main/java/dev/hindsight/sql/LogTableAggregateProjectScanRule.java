package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;

/**
 * {@code Aggregate(Project(LogTableScan))} → as {@link LogTableProjectScanRule}, and a {@code CAST(JSON_VALUE(..) AS
 * DECIMAL)} the aggregate reads is computed by the scan too, as a cache. Only here: the project sits straight between
 * the scan and the aggregate, so it is evaluated for every scanned row in either plan and the cache changes no error.
 * Elsewhere the planner may move the project above a filter or a window, where the fallback cast would run on fewer
 * rows than Calcite's plain plan casts, and fail on fewer.
 */
final class LogTableAggregateProjectScanRule extends RelRule<RuleConfig<LogTableAggregateProjectScanRule>> {

    /** The operands and the description plans name the rule by. */
    static final RuleConfig<LogTableAggregateProjectScanRule> CONFIG =
        RuleConfig.of(LogTableAggregateProjectScanRule::new)
            .withOperandSupplier(b -> b.operand(LogicalAggregate.class)
                .oneInput(p -> p.operand(LogicalProject.class)
                    .oneInput(s -> s.operand(LogTableScan.class).noInputs())))
            .withDescription("LogTableAggregateProjectScanRule");

    private LogTableAggregateProjectScanRule(RuleConfig<LogTableAggregateProjectScanRule> config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalAggregate aggregate = call.rel(0);
        RelNode pushed = LogTableProjectScanRule.pushProject(call.rel(1), call.rel(2), true);
        if (pushed != null) {
            call.transformTo(aggregate.copy(aggregate.getTraitSet(), List.of(pushed)));
        }
    }
}

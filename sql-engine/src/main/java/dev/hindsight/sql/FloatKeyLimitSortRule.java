package dev.hindsight.sql;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSortRule;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalSort;

/**
 * Calcite's {@code EnumerableLimitSortRule} for a sort with a floating-point key, making a {@link FloatKeyLimitSort}
 * in place of Calcite's top-n. {@link HindsightPrepare} adds it to every planner beside Calcite's rule, which takes
 * the other sorts.
 */
final class FloatKeyLimitSortRule extends EnumerableLimitSortRule {

    static final FloatKeyLimitSortRule INSTANCE = new FloatKeyLimitSortRule(
        EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE.config
            .withOperandSupplier(b -> b.operand(LogicalSort.class)
                .predicate(sort -> sort.fetch != null && FloatKeySort.ordersFloat(sort)).anyInputs())
            .withDescription("FloatKeyLimitSortRule")
            .as(EnumerableLimitSortRule.Config.class));

    private FloatKeyLimitSortRule(Config config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalSort sort = call.rel(0);
        RelNode input = sort.getInput();
        RelNode enumerable = convert(call.getPlanner(), input,
            input.getTraitSet().replace(EnumerableConvention.INSTANCE));
        call.transformTo(FloatKeyLimitSort.of(enumerable, sort.getCollation(), sort.offset, sort.fetch));
    }
}

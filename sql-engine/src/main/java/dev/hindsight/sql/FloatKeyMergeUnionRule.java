package dev.hindsight.sql;

import org.apache.calcite.adapter.enumerable.EnumerableMergeUnionRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Sort;

/**
 * Calcite's {@code EnumerableMergeUnionRule}, but for a sort whose only key is a floating-point number: Calcite's
 * merge of sorted inputs compares such a key by way of {@code BigDecimal}s, which NaN and the infinities have none of
 * (22018, see {@link FloatKeySort}); the union is then sorted whole by a {@link FloatKeySort}. {@link HindsightPrepare}
 * puts it in place of Calcite's in every planner.
 */
final class FloatKeyMergeUnionRule extends EnumerableMergeUnionRule {

    FloatKeyMergeUnionRule() {
        super((Config) Config.DEFAULT_CONFIG.withDescription("FloatKeyMergeUnionRule"));
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        return !FloatKeySort.ordersOneFloat(sort) && super.matches(call);
    }
}

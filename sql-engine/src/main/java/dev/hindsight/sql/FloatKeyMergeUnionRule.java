package dev.hindsight.sql;

import org.apache.calcite.adapter.enumerable.EnumerableMergeUnionRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;

/**
 * Calcite's {@code EnumerableMergeUnionRule}, but for a sort with a floating-point key: Calcite's merge of sorted
 * inputs compares a lone such key by way of {@code BigDecimal}s, which NaN and the infinities have none of (22018),
 * and one of several with {@code -0} below {@code 0} (see {@link FloatKeySort}); the union is then sorted whole by a
 * {@link FloatKeySort}. Nor for a limit of a {@code UNION} (not {@code ALL}), which Calcite's gave each input, losing
 * rows. {@link HindsightPrepare} puts it in place of Calcite's in every planner.
 */
final class FloatKeyMergeUnionRule extends EnumerableMergeUnionRule {

    FloatKeyMergeUnionRule() {
        super((Config) Config.DEFAULT_CONFIG.withDescription("FloatKeyMergeUnionRule"));
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        Union union = call.rel(1);
        // Calcite's rule gives each input the limit: right for UNION ALL, but a UNION's inputs may each have fewer
        // distinct rows in their first n than the union has (UNION … ORDER BY 1 LIMIT 10 answered 2 rows of 7)
        boolean limitOfDistinct = sort.fetch != null && !union.all;
        return !FloatKeySort.ordersFloat(sort) && !limitOfDistinct && super.matches(call);
    }
}

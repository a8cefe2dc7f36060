package dev.hindsight.sql;

import org.apache.calcite.adapter.enumerable.EnumerableMergeUnionRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.sql.type.SqlTypeName;

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
        if (sort.getCollation().getFieldCollations().size() == 1) {
            RelFieldCollation key = sort.getCollation().getFieldCollations().get(0);
            SqlTypeName type = sort.getRowType().getFieldList().get(key.getFieldIndex()).getType().getSqlTypeName();
            if (SqlTypeName.APPROX_TYPES.contains(type)) {
                return false;
            }
        }
        return super.matches(call);
    }
}

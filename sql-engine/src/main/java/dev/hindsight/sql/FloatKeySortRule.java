package dev.hindsight.sql;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Sort;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's {@code EnumerableSortRule}, making a {@link FloatKeySort} where a key of the sort is a floating-point
 * number. {@link HindsightPrepare} puts it in place of Calcite's in every planner.
 */
final class FloatKeySortRule extends ConverterRule {

    static final Config CONFIG = Config.INSTANCE
        .withConversion(Sort.class, Convention.NONE, EnumerableConvention.INSTANCE, "FloatKeySortRule")
        .withRuleFactory(FloatKeySortRule::new);

    /** Calcite's rule, as the public class it extends: its own class is not public. */
    private static final ConverterRule CALCITE = EnumerableRules.ENUMERABLE_SORT_RULE;

    private FloatKeySortRule(Config config) {
        super(config);
    }

    @Override
    public @Nullable RelNode convert(RelNode rel) {
        RelNode sort = CALCITE.convert(rel);
        return sort instanceof EnumerableSort s && FloatKeySort.ordersFloat(s)
            ? new FloatKeySort(s.getCluster(), s.getTraitSet(), s.getInput(), s.getCollation(), s.offset, s.fetch)
            : sort;
    }
}

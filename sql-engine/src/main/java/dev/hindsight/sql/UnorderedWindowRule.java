package dev.hindsight.sql;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's {@code EnumerableWindowRule}, with the window's output claiming no order. Calcite 1.42 takes a window to
 * keep its input's order, but its enumerable window hands rows out in the order of its own partitions and sort keys:
 * over the log (read in {@code seq} order) a window ordered otherwise ({@code SUM(seq) OVER (ORDER BY seq DESC
 * ROWS 1 PRECEDING)}) left the plan believing its rows were still in {@code seq} order, so the statement's
 * {@code ORDER BY seq} was dropped as done already, and {@code LIMIT} kept the wrong rows. Calcite fixed the same
 * later (CALCITE-7620: a window reports no collation). {@link LogTableRules#register} puts this rule in place of
 * Calcite's.
 */
final class UnorderedWindowRule extends ConverterRule {

    static final Config CONFIG = Config.INSTANCE
        .withConversion(LogicalWindow.class, Convention.NONE, EnumerableConvention.INSTANCE,
            "UnorderedWindowRule")
        .withRuleFactory(UnorderedWindowRule::new);

    /** Calcite's rule, as the public class it extends: its own class is not public. */
    private static final ConverterRule CALCITE = EnumerableRules.ENUMERABLE_WINDOW_RULE;

    private UnorderedWindowRule(Config config) {
        super(config);
    }

    @Override
    public @Nullable RelNode convert(RelNode rel) {
        RelNode window = CALCITE.convert(rel);
        return window == null ? null
            : window.copy(window.getTraitSet().replace(RelCollationTraitDef.INSTANCE.getDefault()), window.getInputs());
    }
}

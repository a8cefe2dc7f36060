package dev.hindsight.sql;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/**
 * The logical {@link LogTableScan}, with all the planner pushed into it, → its physical twin
 * {@link EnumerableLogTableScan}.
 */
final class LogTableScanToEnumerableRule extends ConverterRule {

    /** The conversion and the description plans name the rule by. */
    static final Config CONFIG = Config.INSTANCE
        .withConversion(LogTableScan.class, Convention.NONE, EnumerableConvention.INSTANCE,
            "LogTableScanToEnumerableRule")
        .withRuleFactory(LogTableScanToEnumerableRule::new);

    private LogTableScanToEnumerableRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        return new EnumerableLogTableScan((LogTableScan) rel, EnumerableLogTableScan.enumerableTraits(rel));
    }
}

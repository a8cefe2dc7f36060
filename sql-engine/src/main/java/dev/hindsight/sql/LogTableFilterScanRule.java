package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * {@code Filter(LogTableScan)} → a scan with {@code stream_id = c}, {@code seq} comparisons, {@code name = c} and the
 * seq range of {@code ts} bounds pushed into it, under a residual filter of the rest (none if nothing is left). A
 * condition on an event's JSON that the scan can test on the raw bytes ({@link JsonPrefilter}) narrows the scan too,
 * and stays in the filter.
 */
final class LogTableFilterScanRule extends RelRule<RuleConfig<LogTableFilterScanRule>> {

    /** The operands and the description plans name the rule by. */
    static final RuleConfig<LogTableFilterScanRule> CONFIG = RuleConfig.of(LogTableFilterScanRule::new)
        .withOperandSupplier(b -> b.operand(LogicalFilter.class)
            .oneInput(s -> s.operand(LogTableScan.class).noInputs()))
        .withDescription("LogTableFilterScanRule");

    private LogTableFilterScanRule(RuleConfig<LogTableFilterScanRule> config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        LogTableScan scan = call.rel(1);
        RexBuilder rex = filter.getCluster().getRexBuilder();
        RexNode streamId = scan.streamId;
        RexNode seqLo = scan.seqLo;
        RexNode seqHi = scan.seqHi;
        RexNode name = scan.name;
        RexNode tsLo = scan.tsLo;
        RexNode tsHi = scan.tsHi;
        List<RexNode> residual = new ArrayList<>();
        List<JsonPrefilter.Needle> needles = new ArrayList<>();
        boolean pushed = false;
        for (RexNode c : RelOptUtil.conjunctions(RexUtil.expandSearch(rex, null, filter.getCondition()))) {
            JsonPrefilter.Needle needle = JsonPrefilter.needleOf(c, scan);
            if (needle != null && !scan.needles.contains(needle) && !needles.contains(needle)) {
                needles.add(needle); // only narrows the scan: the condition stays
                pushed = true;
            }
            Comparison cmp = Comparison.of(c, scan);
            if (cmp == null) {
                residual.add(c);
                continue;
            }
            LogTable t = scan.logTable;
            if (cmp.column == t.streamIdColumn() && cmp.kind == SqlKind.EQUALS && streamId == null) {
                streamId = cmp.value;
                pushed = true;
            } else if (cmp.column == t.nameColumn() && cmp.kind == SqlKind.EQUALS && name == null) {
                name = cmp.value;
                pushed = true;
            } else if (cmp.column == t.seqColumn() && cmp.kind == SqlKind.EQUALS && seqLo == null
                && seqHi == null) {
                seqLo = cmp.value;
                seqHi = cmp.value;
                pushed = true;
            } else if (cmp.column == t.seqColumn() && isLowerBound(cmp.kind) && seqLo == null) {
                seqLo = cmp.value;
                pushed = true;
                if (cmp.kind == SqlKind.GREATER_THAN) {
                    residual.add(c); // pushed as an inclusive bound; the strict part stays a filter
                }
            } else if (cmp.column == t.seqColumn() && isUpperBound(cmp.kind) && seqHi == null) {
                seqHi = cmp.value;
                pushed = true;
                if (cmp.kind == SqlKind.LESS_THAN) {
                    residual.add(c);
                }
            } else if (cmp.column == t.tsColumn() && cmp.kind != SqlKind.EQUALS
                && (isLowerBound(cmp.kind) ? tsLo == null : tsHi == null)) {
                // the seq range of the ts bound; the comparison itself stays, for strictness and precision
                if (isLowerBound(cmp.kind)) {
                    tsLo = cmp.value;
                } else {
                    tsHi = cmp.value;
                }
                pushed = true;
                residual.add(c);
            } else {
                residual.add(c);
            }
        }
        if (!pushed) {
            return;
        }
        LogTableScan newScan = scan.withFilter(streamId, seqLo, seqHi, name, tsLo, tsHi);
        if (!needles.isEmpty()) {
            newScan = newScan.withNeedles(needles);
        }
        call.transformTo(residual.isEmpty() ? newScan
            : filter.copy(filter.getTraitSet(), newScan, RexUtil.composeConjunction(rex, residual)));
    }

    private static boolean isLowerBound(SqlKind kind) {
        return kind == SqlKind.GREATER_THAN_OR_EQUAL || kind == SqlKind.GREATER_THAN;
    }

    private static boolean isUpperBound(SqlKind kind) {
        return kind == SqlKind.LESS_THAN_OR_EQUAL || kind == SqlKind.LESS_THAN;
    }

    /** {@code column op value}, with the column on the left, where value is known before the scan starts. */
    private record Comparison(int column, SqlKind kind, RexNode value) {

        /** The comparison, its column as a column of the table (the scan may produce only some). */
        static Comparison of(RexNode node, LogTableScan scan) {
            if (!(node instanceof RexCall call) || call.getOperands().size() != 2) {
                return null;
            }
            SqlKind kind = call.getKind();
            if (kind != SqlKind.EQUALS && !isLowerBound(kind) && !isUpperBound(kind)) {
                return null;
            }
            RexNode a = call.getOperands().get(0);
            RexNode b = call.getOperands().get(1);
            if (a instanceof RexInputRef ref && isConstant(b)) {
                return new Comparison(scan.tableColumn(ref.getIndex()), kind, b);
            }
            if (b instanceof RexInputRef ref && isConstant(a)) {
                return new Comparison(scan.tableColumn(ref.getIndex()), kind.reverse(), a);
            }
            return null;
        }

        private static boolean isConstant(RexNode n) {
            if ((n instanceof RexLiteral lit && !lit.isNull()) || n instanceof RexDynamicParam) {
                return true;
            }
            // a deterministic call of constants is known before the scan too: a cast, the ISO text a cast of text to
            // TIMESTAMP reads, a TIMESTAMP '… 12:07:00' of whole seconds (rounded to its type's digits by a call of
            // ours: only casts were taken, so a literal without a fraction read the whole log), CURRENT_TIMESTAMP
            // and arithmetic on it (its value is the statement's); the scan computes it once, as it does a parameter
            return n instanceof RexCall call && !(call instanceof RexOver) && !(call instanceof RexSubQuery)
                && call.getOperator().isDeterministic() && call.getOperands().stream().allMatch(Comparison::isConstant);
        }
    }
}

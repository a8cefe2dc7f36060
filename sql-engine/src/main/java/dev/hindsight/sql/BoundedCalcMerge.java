package dev.hindsight.sql;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.rules.CalcMergeRule;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Calcite's merge of a calc into the calc below it, made only while the merged expressions, written out, do not
 * copy more than {@link #MAX_COPIES} terms. Each time the upper calc names a column of the lower one, the merge writes
 * that column's expression in its place: {@code SELECT NULLIF(x, 99) AS x FROM (SELECT NULLIF(x, 99) AS x FROM …)}
 * doubles with each level ({@code NULLIF} names {@code x} twice), and so does Calcite's work to merge (its program
 * builder visits an expression once per naming), which, unlike its merge of projects ({@code bloat}), has no bound:
 * forty such levels, in five sub-queries of eight, did not plan in two minutes (now about 1.5 s). Left apart, the two
 * calcs run one after the other, each computing its expressions once.
 */
final class BoundedCalcMerge extends CalcMergeRule {

    /** The most terms a merge may copy. */
    static final long MAX_COPIES = 10_000;

    /** The rule, in place of Calcite's {@code CoreRules.CALC_MERGE}. */
    static final BoundedCalcMerge RULE = new BoundedCalcMerge();

    /** Beyond any limit, where a count stops, so that no sum of counts overflows. */
    private static final long CEILING = 1L << 40;

    private BoundedCalcMerge() {
        super(CalcMergeRule.Config.DEFAULT.withDescription("BoundedCalcMerge").as(CalcMergeRule.Config.class));
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        RexProgram top = ((Calc) call.rel(0)).getProgram();
        RexProgram bottom = ((Calc) call.rel(1)).getProgram();
        long[] bottomColumns = outputs(bottom, ones(bottom.getInputRowType().getFieldCount())); // condition last
        long apart = sum(outputs(top, ones(top.getInputRowType().getFieldCount()))) + sum(bottomColumns);
        long merged = sum(outputs(top, bottomColumns));
        if (merged - apart <= MAX_COPIES) {
            super.onMatch(call);
        }
    }

    /**
     * The terms of each of {@code program}'s outputs, its condition last, written out, where its input column
     * {@code i} is {@code inputs[i]} terms.
     */
    private static long[] outputs(RexProgram program, long[] inputs) {
        List<RexNode> exprs = program.getExprList();
        long[] locals = new long[exprs.size()];
        for (int i = 0; i < exprs.size(); i++) {
            locals[i] = terms(exprs.get(i), locals, inputs);
        }
        List<RexLocalRef> projects = program.getProjectList();
        long[] outputs = new long[projects.size() + 1];
        for (int i = 0; i < projects.size(); i++) {
            outputs[i] = locals[projects.get(i).getIndex()];
        }
        RexLocalRef condition = program.getCondition();
        outputs[projects.size()] = condition == null ? 0 : locals[condition.getIndex()];
        return outputs;
    }

    private static long terms(RexNode expr, long[] locals, long[] inputs) {
        if (expr instanceof RexLocalRef ref) {
            return locals[ref.getIndex()];
        }
        if (expr instanceof RexInputRef ref) {
            return inputs[ref.getIndex()];
        }
        if (expr instanceof RexCall call) {
            long terms = 1;
            for (RexNode operand : call.getOperands()) {
                terms = Math.min(CEILING, terms + terms(operand, locals, inputs));
            }
            return terms;
        }
        return 1;
    }

    private static long[] ones(int n) {
        long[] ones = new long[n];
        Arrays.fill(ones, 1);
        return ones;
    }

    private static long sum(long[] terms) {
        long sum = 0;
        for (long t : terms) {
            sum = Math.min(CEILING, sum + t);
        }
        return sum;
    }
}

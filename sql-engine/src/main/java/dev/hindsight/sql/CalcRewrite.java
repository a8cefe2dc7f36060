package dev.hindsight.sql;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A rewrite of calls, run as a step after the statement's optimisation on the expressions of every
 * {@link EnumerableCalc}, the condition of every join and the values pushed into every scan of the log of the plan
 * ({@link #program}): after, so that the rules of
 * the optimisation, which match the shapes of the expressions the statement wrote (the scan's rules match
 * {@code CAST(JSON_VALUE(…))}), never see the rewritten ones. A calc none of whose calls {@code mayApply} to is left
 * as it is (nearly every statement's); the others' programs are expanded (their expressions refer to each other),
 * rewritten, and normalised again.
 */
final class CalcRewrite {

    private final Predicate<RexCall> mayApply;
    private final BiFunction<RexBuilder, RexCall, @Nullable RexNode> rewrite;

    private CalcRewrite(Predicate<RexCall> mayApply, BiFunction<RexBuilder, RexCall, @Nullable RexNode> rewrite) {
        this.mayApply = mayApply;
        this.rewrite = rewrite;
    }

    /**
     * The rewrite of a call, its operands already rewritten, into its new form ({@code null} keeps it); a calc is
     * rewritten if one of its calls, whose operands refer to the calc's other expressions, {@code mayApply}.
     */
    static CalcRewrite of(Predicate<RexCall> mayApply, BiFunction<RexBuilder, RexCall, @Nullable RexNode> rewrite) {
        return new CalcRewrite(mayApply, rewrite);
    }

    /** The step: this rewrite in every calc of the plan; stateless. */
    Program program() {
        return (planner, rel, traits, materializations, lattices) -> rel.accept(new EveryNode(this::rewritten));
    }

    /** {@code expression} rewritten, bottom up, for expressions compiled outside a plan. */
    RexNode in(RexBuilder rex, RexNode expression) {
        return expression.accept(shuttle(rex));
    }

    /** The rewrite of every call of an expression, bottom up; an expression with nothing to rewrite is returned. */
    private RexShuttle shuttle(RexBuilder rex) {
        return new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                RexNode visited = super.visitCall(call);
                RexNode rewritten = visited instanceof RexCall c ? rewrite.apply(rex, c) : null;
                return rewritten != null ? rewritten : visited;
            }
        };
    }

    private RelNode rewritten(RelNode node) {
        if (node instanceof Join join) { // a condition of both sides stays in the join (a nested loop's, say)
            return join.accept(shuttle(join.getCluster().getRexBuilder()));
        }
        if (node instanceof EnumerableLogTableScan scan) { // a bound pushed into the scan, computed as its filter is
            return scan.accept(shuttle(scan.getCluster().getRexBuilder()));
        }
        if (!(node instanceof EnumerableCalc calc)
            || calc.getProgram().getExprList().stream().noneMatch(e -> e instanceof RexCall c && mayApply.test(c))) {
            return node;
        }
        RexProgram program = calc.getProgram();
        RexBuilder rex = calc.getCluster().getRexBuilder();
        List<RexNode> projects = program.getProjectList().stream()
            .map(p -> in(rex, program.expandLocalRef(p))).toList();
        RexNode condition = program.getCondition() == null ? null
            : in(rex, program.expandLocalRef(program.getCondition()));
        return calc.copy(calc.getTraitSet(), calc.getInput(), RexProgram.create(
            program.getInputRowType(), projects, condition, program.getOutputRowType(), rex));
    }
}

package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.Optionality;

/**
 * A {@code SUM} into a {@code BIGINT} that fails with 22003 when the sum is beyond one, instead of wrapping: Calcite
 * adds with Java's {@code +}, so a {@code SUM} past 2^63 answered a negative number (a wrong answer, not an error),
 * where PostgreSQL's sum of {@code bigint} is a {@code numeric} that does not overflow. A {@link Program} step run
 * after the statement's optimisation ({@link HindsightPreparingStmt#getProgram}), so that the sums Calcite makes of an
 * {@code AVG} are checked too: every {@code SUM} and {@code $SUM0} of a hash aggregate whose result is a {@code BIGINT}
 * is {@link CheckedSum}. A {@code SUM} in a window ({@code OVER}, and the sum of a windowed {@code AVG}, which
 * Calcite's conversion writes as one) is a {@link CheckedSum} too, by {@link #WINDOWS}, a step before the
 * optimisation, while windows are still calls in the select list ({@code SUM(x) OVER (ORDER BY x)} of two rows of
 * 9000000000000000000 was -446744073709551616).
 */
final class CheckedSums implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new CheckedSums();

    /** The step for windows, before the optimisation; stateless. */
    static final Program WINDOWS = (planner, rel, requiredOutputTraits, materializations, lattices) -> {
        RexShuttle windows = new WindowedSums(rel.getCluster().getRexBuilder());
        return rel.accept(new EveryNode(node -> node.accept(windows)));
    };

    /** SUM, typed as Calcite types its own (the plan's types must stay what they were). */
    private static final SqlAggFunction SUM = checked("HINDSIGHT_CHECKED_SUM", ReturnTypes.AGG_SUM);
    /** $SUM0, the SUM that is 0 over no values, which Calcite makes of COUNT-guarded sums. */
    private static final SqlAggFunction SUM0 = checked("HINDSIGHT_CHECKED_SUM0", ReturnTypes.AGG_SUM_EMPTY_IS_ZERO);

    private CheckedSums() {
    }

    private static SqlAggFunction checked(String name, SqlReturnTypeInference type) {
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, type,
            InferTypes.FIRST_KNOWN, null, AggregateFunctionImpl.create(CheckedSum.class), false, false,
            Optionality.FORBIDDEN);
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        return rel.accept(new EveryNode(CheckedSums::checked));
    }

    private static RelNode checked(RelNode node) {
        if (!(node instanceof EnumerableAggregate aggregate)) {
            return node;
        }
        List<AggregateCall> calls = new ArrayList<>(aggregate.getAggCallList().size());
        boolean changed = false;
        for (AggregateCall call : aggregate.getAggCallList()) {
            SqlKind kind = call.getAggregation().getKind();
            if ((kind == SqlKind.SUM || kind == SqlKind.SUM0) && !call.isDistinct()
                && call.getType().getSqlTypeName() == SqlTypeName.BIGINT) {
                SqlAggFunction checked = kind == SqlKind.SUM ? SUM : SUM0;
                calls.add(AggregateCall.create(call.getParserPosition(), checked, false, call.isApproximate(),
                    call.ignoreNulls(), call.rexList, call.getArgList(), call.filterArg, call.distinctKeys,
                    call.getCollation(), call.getType(), call.getName()));
                changed = true;
            } else {
                calls.add(call);
            }
        }
        return changed ? aggregate.copy(aggregate.getTraitSet(), aggregate.getInput(), aggregate.getGroupSet(),
            aggregate.getGroupSets(), calls) : node;
    }

    /** One node's windowed {@code SUM}s into a {@code BIGINT}, checked. */
    private static final class WindowedSums extends RexShuttle {
        private final RexBuilder rex;

        WindowedSums(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            SqlKind kind = over.getOperator().getKind();
            if ((kind != SqlKind.SUM && kind != SqlKind.SUM0) || over.isDistinct()
                || over.getType().getSqlTypeName() != SqlTypeName.BIGINT || !(visited instanceof RexOver call)) {
                return visited;
            }
            return WindowCalls.withOperator(rex, call, kind == SqlKind.SUM ? SUM : SUM0);
        }
    }
}

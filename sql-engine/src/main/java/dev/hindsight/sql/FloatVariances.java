package dev.hindsight.sql;

import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.Optionality;

/**
 * {@code VAR_POP}, {@code VAR_SAMP}, {@code STDDEV_POP} and {@code STDDEV_SAMP} of floating-point numbers computed as
 * PostgreSQL computes them ({@link FloatVariance}), not by Calcite's expansion into sums of squares, which loses every
 * digit of a small variance of large numbers. A {@link Program} step before the statement's optimisation
 * ({@link HindsightPreparingStmt#getProgram}, before Calcite's expansion): each such call of a {@code DOUBLE} or
 * {@code REAL} becomes the aggregate over its value as a {@code DOUBLE}, cast back to the call's type above
 * ({@link AggregateOverValues}); in a window ({@code OVER}) the same aggregate of it. Of exact numbers they stay
 * Calcite's (exact there; in a window {@link WindowedVariance}'s).
 */
final class FloatVariances implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new FloatVariances();

    private static final Map<SqlKind, SqlUserDefinedAggFunction> FUNCTIONS = Map.of(
        SqlKind.VAR_POP, function("HINDSIGHT_VAR_POP", FloatVariance.Population.class),
        SqlKind.VAR_SAMP, function("HINDSIGHT_VAR_SAMP", FloatVariance.Sample.class),
        SqlKind.STDDEV_POP, function("HINDSIGHT_STDDEV_POP", FloatVariance.PopulationDeviation.class),
        SqlKind.STDDEV_SAMP, function("HINDSIGHT_STDDEV_SAMP", FloatVariance.SampleDeviation.class));

    private FloatVariances() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        Windows windows = new Windows(rel.getCluster().getRexBuilder());
        return rel.accept(new EveryNode(node -> (node instanceof LogicalAggregate aggregate ? rewrite(aggregate)
            : node).accept(windows)));
    }

    private static RelNode rewrite(LogicalAggregate aggregate) {
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType dbl = types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), true);
        RelDataType input = aggregate.getInput().getRowType();
        return AggregateOverValues.rewrite(aggregate, call -> rewritable(aggregate, call), (call, values) -> {
            int x = values.add(rex.makeCast(dbl, RexInputRef.of(call.getArgList().get(0), input), true, false));
            return AggregateCall.create(call.getParserPosition(), FUNCTIONS.get(call.getAggregation().getKind()),
                call.isDistinct(), false, false, List.of(), List.of(x), call.filterArg, null, RelCollations.EMPTY,
                dbl, call.getName());
        });
    }

    private static boolean rewritable(LogicalAggregate aggregate, AggregateCall call) {
        return FUNCTIONS.containsKey(call.getAggregation().getKind()) && call.getArgList().size() == 1
            && SqlTypeUtil.isApproximateNumeric(aggregate.getInput().getRowType().getFieldList()
                .get(call.getArgList().get(0)).getType());
    }

    /**
     * One node's windowed calls of floating-point numbers, each as the aggregate it becomes ({@link WindowedVariance}
     * leaves them unexpanded).
     */
    private static final class Windows extends RexShuttle {
        private final RexBuilder rex;

        Windows(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            return visited instanceof RexOver call && FUNCTIONS.containsKey(call.getAggOperator().getKind())
                && call.getOperands().size() == 1
                && SqlTypeUtil.isApproximateNumeric(call.getOperands().get(0).getType())
                ? WindowCalls.overDoubles(rex, call, FUNCTIONS.get(call.getAggOperator().getKind())) : visited;
        }
    }

    private static SqlUserDefinedAggFunction function(String name, Class<?> implementation) {
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE), null, null,
            AggregateFunctionImpl.create(implementation), false, false, Optionality.FORBIDDEN);
    }
}

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
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.Optionality;

/**
 * {@code COVAR_POP(y, x)}, {@code COVAR_SAMP}, {@code REGR_SXX} and {@code REGR_SYY} as PostgreSQL's: a
 * {@code DOUBLE} of any numbers, computed as PostgreSQL computes it ({@link FloatCovariance}). Calcite types them as
 * their arguments and expands them into sums of products in that type: of integers the answer was cut to an integer
 * ({@code COVAR_POP} of (1, 2), (2, 3), (4, 7): 2, not 2.67), of {@code DECIMAL}s to their scale and wrong beyond it,
 * of large {@code DOUBLE}s 0; in a window its expansion did not compile (an internal error). The validator finds
 * this class's functions in place of Calcite's ({@link #FUNCTIONS}, by {@link ReplacedOperators}), typed
 * {@code DOUBLE}, NULL over no rows; a {@link Program} step before the statement's optimisation
 * ({@link HindsightPreparingStmt#getProgram}) turns each call, in an aggregate ({@link AggregateOverValues}) and in a
 * window, into the aggregate of its arguments as {@code DOUBLE}s. A pair with a NULL is left out, as PostgreSQL's.
 */
final class FloatCovariances implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new FloatCovariances();

    private static final SqlReturnTypeInference NULLABLE_DOUBLE =
        ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE);

    /** The validator's functions, in place of Calcite's of the same names, each with the aggregate it becomes. */
    static final Map<SqlAggFunction, SqlUserDefinedAggFunction> FUNCTIONS = Map.of(
        typed(SqlKind.COVAR_POP), computed("HINDSIGHT_COVAR_POP", FloatCovariance.Population.class),
        typed(SqlKind.COVAR_SAMP), computed("HINDSIGHT_COVAR_SAMP", FloatCovariance.Sample.class),
        typed(SqlKind.REGR_SXX), computed("HINDSIGHT_REGR_SXX", FloatCovariance.SquaresOfX.class),
        typed(SqlKind.REGR_SYY), computed("HINDSIGHT_REGR_SYY", FloatCovariance.SquaresOfY.class));

    private FloatCovariances() {
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
        RelDataType input = aggregate.getInput().getRowType();
        return AggregateOverValues.rewrite(aggregate, call -> FUNCTIONS.containsKey(call.getAggregation()),
            (call, values) -> {
                List<Integer> args = call.getArgList().stream()
                    .map(arg -> values.add(asDouble(rex, RexInputRef.of(arg, input)))).toList();
                return AggregateCall.create(call.getParserPosition(), FUNCTIONS.get(call.getAggregation()),
                    call.isDistinct(), false, false, List.of(), args, call.filterArg, null, RelCollations.EMPTY,
                    call.getType(), call.getName());
            });
    }

    private static RexNode asDouble(RexBuilder rex, RexNode value) {
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType dbl = types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE),
            value.getType().isNullable());
        return rex.makeCast(dbl, value, true, false);
    }

    /** One node's windowed calls, each as the aggregate it becomes. */
    private static final class Windows extends RexShuttle {
        private final RexBuilder rex;

        Windows(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            return visited instanceof RexOver call && FUNCTIONS.containsKey(call.getAggOperator())
                ? WindowCalls.overDoubles(rex, call, FUNCTIONS.get(call.getAggOperator())) : visited;
        }
    }

    /** Calcite's function of {@code kind}, but typed a {@code DOUBLE}, NULL over no rows, as PostgreSQL's. */
    private static SqlAggFunction typed(SqlKind kind) {
        return SqlBasicAggFunction.create(kind, NULLABLE_DOUBLE, OperandTypes.NUMERIC_NUMERIC)
            .withFunctionType(SqlFunctionCategory.NUMERIC);
    }

    private static SqlUserDefinedAggFunction computed(String name, Class<?> implementation) {
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            NULLABLE_DOUBLE, null, null, AggregateFunctionImpl.create(implementation), false, false,
            Optionality.FORBIDDEN);
    }
}

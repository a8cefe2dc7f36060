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
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The step of the aggregates computed as PostgreSQL's {@code double precision} ({@link FloatVariances},
 * {@link FloatCovariances}), run before the statement's optimisation ({@link HindsightPreparingStmt#getProgram}):
 * each call its {@link Choice} picks, in an aggregate ({@link AggregateOverValues}) and in a window, becomes the chosen
 * aggregate of its operands cast to {@code DOUBLE}s, typed a {@code DOUBLE} that is NULL over no rows.
 */
final class DoubleAggregates implements Program {

    /** Which aggregate computes a call. */
    interface Choice {
        /** The aggregate computing a call of {@code function} of operands of {@code types}, or {@code null}. */
        @Nullable SqlAggFunction of(SqlAggFunction function, List<RelDataType> types);
    }

    private final Choice choice;

    DoubleAggregates(Choice choice) {
        this.choice = choice;
    }

    /** The choice, by the called function's kind, of one of {@code functions} for a call of one floating value. */
    static Choice ofOneFloat(Map<SqlKind, ? extends SqlAggFunction> functions) {
        return (function, types) -> types.size() == 1 && SqlTypeUtil.isApproximateNumeric(types.get(0))
            ? functions.get(function.getKind()) : null;
    }

    /** The aggregate Calcite finds in {@code implementation} (init, add, result), typed a DOUBLE, NULL over no rows. */
    static SqlUserDefinedAggFunction nullableDouble(String name, Class<?> implementation) {
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE), null, null,
            AggregateFunctionImpl.create(implementation), false, false, Optionality.FORBIDDEN);
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        Windows windows = new Windows(rel.getCluster().getRexBuilder());
        return rel.accept(new EveryNode(node -> (node instanceof LogicalAggregate aggregate ? rewrite(aggregate)
            : node).accept(windows)));
    }

    private RelNode rewrite(LogicalAggregate aggregate) {
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType dbl = types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), true);
        RelDataType input = aggregate.getInput().getRowType();
        return AggregateOverValues.rewrite(aggregate, call -> chosen(call, input) != null, (call, values) -> {
            List<Integer> args = call.getArgList().stream()
                .map(arg -> values.add(asDouble(rex, RexInputRef.of(arg, input)))).toList();
            return AggregateCall.create(call.getParserPosition(), chosen(call, input), call.isDistinct(), false,
                false, List.of(), args, call.filterArg, null, RelCollations.EMPTY, dbl, call.getName());
        });
    }

    private @Nullable SqlAggFunction chosen(AggregateCall call, RelDataType input) {
        return choice.of(call.getAggregation(),
            call.getArgList().stream().map(arg -> input.getFieldList().get(arg).getType()).toList());
    }

    /** {@code value} cast to a {@code DOUBLE}, NULL where it may be. */
    private static RexNode asDouble(RexBuilder rex, RexNode value) {
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType dbl = types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE),
            value.getType().isNullable());
        return rex.makeCast(dbl, value, true, false);
    }

    /** One node's windowed calls, each as the aggregate that computes it, over the same window. */
    private final class Windows extends RexShuttle {
        private final RexBuilder rex;

        Windows(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            if (!(visited instanceof RexOver call)) {
                return visited;
            }
            SqlAggFunction computed = choice.of(call.getAggOperator(),
                call.getOperands().stream().map(RexNode::getType).toList());
            return computed == null ? visited : WindowCalls.withOperator(rex, call, computed,
                call.getOperands().stream().map(operand -> asDouble(rex, operand)).toList());
        }
    }
}

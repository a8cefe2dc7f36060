package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.Optionality;

/**
 * {@code PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x)} and {@code PERCENTILE_DISC} of numbers, as PostgreSQL's:
 * Calcite validates them but has no implementation (0A000, "not enough rules"), and types {@code PERCENTILE_CONT}
 * as {@code x}'s type, where PostgreSQL's is a DOUBLE ({@link #CONT} takes its place, {@link #typed}). A
 * {@link Program} step before the statement's optimisation ({@link HindsightPreparingStmt#getProgram}) turns each
 * such call into an aggregate of {@link PercentileValues} over {@code x} (a DOUBLE for CONT, as PostgreSQL computes
 * it; for DISC an exact number stays exact, as a DECIMAL, cast back to {@code x}'s type above), {@code f} and the
 * order's direction. Of other types ({@code ts}, text) they stay Calcite's, refused.
 */
final class Percentiles implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new Percentiles();

    /** {@code PERCENTILE_CONT} typed as PostgreSQL types it: a DOUBLE, NULL over no rows. */
    static final SqlAggFunction CONT = SqlBasicAggFunction.create(SqlKind.PERCENTILE_CONT,
            ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE), OperandTypes.UNIT_INTERVAL_NUMERIC_LITERAL)
        .withFunctionType(SqlFunctionCategory.SYSTEM)
        .withGroupOrder(Optionality.MANDATORY)
        .withPercentile(true)
        .withAllowsFraming(false);

    /** {@code PERCENTILE_DISC} as Calcite's, of {@code x}'s type, but NULL over no rows (Calcite's was 0). */
    static final SqlAggFunction DISC = SqlBasicAggFunction.create(SqlKind.PERCENTILE_DISC,
            ((SqlReturnTypeInference) Percentiles::orderedType).andThen(SqlTypeTransforms.FORCE_NULLABLE),
            OperandTypes.UNIT_INTERVAL_NUMERIC_LITERAL)
        .withFunctionType(SqlFunctionCategory.SYSTEM)
        .withGroupOrder(Optionality.MANDATORY)
        .withPercentile(true)
        .withAllowsFraming(false);

    private static final SqlUserDefinedAggFunction CONT_VALUES = values("HINDSIGHT_PERCENTILE_CONT",
        PercentileValues.Continuous.class, ReturnTypes.DOUBLE);
    private static final SqlUserDefinedAggFunction DISC_VALUES = values("HINDSIGHT_PERCENTILE_DISC",
        PercentileValues.Discrete.class, ReturnTypes.DOUBLE);
    private static final SqlUserDefinedAggFunction DISC_EXACT = values("HINDSIGHT_PERCENTILE_DISC_EXACT",
        PercentileValues.ExactDiscrete.class, ReturnTypes.ARG0);

    private Percentiles() {
    }

    /**
     * {@code call} with {@link #CONT} and {@link #DISC} in place of Calcite's, which its parser writes (keywords,
     * looked up in no operator table).
     */
    static SqlCall typed(SqlCall call) {
        if (call instanceof SqlBasicCall basic && SqlStdOperatorTable.PERCENTILE_CONT.equals(basic.getOperator())) {
            basic.setOperator(CONT);
        } else if (call instanceof SqlBasicCall basic
            && SqlStdOperatorTable.PERCENTILE_DISC.equals(basic.getOperator())) {
            basic.setOperator(DISC);
        }
        return call;
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        return rel.accept(new EveryNode(node -> node instanceof LogicalAggregate aggregate ? rewrite(aggregate)
            : node));
    }

    private static RelNode rewrite(LogicalAggregate aggregate) {
        RelDataType input = aggregate.getInput().getRowType();
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType dbl = types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), true);
        return AggregateOverValues.rewrite(aggregate, call -> rewritable(aggregate, call), (call, values) -> {
            RelFieldCollation order = call.collation.getFieldCollations().get(0);
            RexNode x = RexInputRef.of(order.getFieldIndex(), input);
            boolean cont = call.getAggregation().getKind() == SqlKind.PERCENTILE_CONT;
            // CONT through DOUBLEs, as PostgreSQL's (float8); DISC keeps an exact number exact, as a DECIMAL
            boolean exact = !cont && SqlTypeUtil.isExactNumeric(x.getType());
            RelDataType valueType = !exact ? dbl : types.createTypeWithNullability(SqlTypeUtil.isDecimal(x.getType())
                ? x.getType() : types.createSqlType(SqlTypeName.DECIMAL, 19, 0), true);
            List<Integer> args = List.of(values.add(rex.makeCast(valueType, x, true, false)),
                values.add(rex.makeCast(dbl, RexInputRef.of(call.getArgList().get(0), input))),
                values.add(rex.makeLiteral(order.direction.isDescending())));
            return AggregateCall.create(cont ? CONT_VALUES : exact ? DISC_EXACT : DISC_VALUES, false, false, false,
                List.of(), args, call.filterArg, null, RelCollations.EMPTY, valueType, call.getName());
        });
    }

    /** Whether {@code call} is a percentile this step computes: of a number, one fraction, one order. */
    private static boolean rewritable(LogicalAggregate aggregate, AggregateCall call) {
        SqlKind kind = call.getAggregation().getKind();
        if ((kind != SqlKind.PERCENTILE_CONT && kind != SqlKind.PERCENTILE_DISC) || call.getArgList().size() != 1
            || call.collation.getFieldCollations().size() != 1) {
            return false;
        }
        int x = call.collation.getFieldCollations().get(0).getFieldIndex();
        RelDataType type = aggregate.getInput().getRowType().getFieldList().get(x).getType();
        RelDataType fraction = aggregate.getInput().getRowType().getFieldList().get(call.getArgList().get(0))
            .getType();
        return SqlTypeUtil.isNumeric(type) && SqlTypeUtil.isNumeric(fraction);
    }

    /**
     * The type of the column a {@code PERCENTILE_DISC} is ordered by. Calcite cannot say it again for a call with a
     * {@code FILTER} (its aggregate's binding has no order: an {@code UnsupportedOperationException}, which Calcite's
     * own {@code PERCENTILE_DISC} met too): refused with 0A000 instead.
     */
    private static RelDataType orderedType(SqlOperatorBinding binding) {
        try {
            return binding.getCollationType();
        } catch (UnsupportedOperationException e) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "PERCENTILE_DISC with FILTER is not supported: "
                + "filter the rows in a subquery or write the value as CASE WHEN … THEN x END");
        }
    }

    /** The aggregate of {@code implementation}'s init, add and result, typed by {@code type}, NULL over no rows. */
    private static SqlUserDefinedAggFunction values(String name, Class<?> implementation,
                                                    SqlReturnTypeInference type) {
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            type.andThen(SqlTypeTransforms.FORCE_NULLABLE), null, null,
            AggregateFunctionImpl.create(implementation), false, false, Optionality.FORBIDDEN);
    }
}

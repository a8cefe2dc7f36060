package dev.hindsight.sql;

import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.Optionality;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code VAR_POP}, {@code VAR_SAMP}, {@code STDDEV_POP} and {@code STDDEV_SAMP} of floating-point numbers computed as
 * PostgreSQL computes them ({@link FloatVariance}), not by Calcite's expansion into sums of squares, which loses every
 * digit of a small variance of large numbers. A {@link DoubleAggregates} step before the statement's optimisation
 * ({@link HindsightPreparingStmt#getProgram}, before Calcite's expansion): each such call of a {@code DOUBLE} or
 * {@code REAL} becomes the aggregate over its value as a {@code DOUBLE}, cast back to the call's type above
 * ({@link AggregateOverValues}); in a window ({@code OVER}) the same aggregate of it. Of exact numbers they stay
 * Calcite's (exact there; in a window {@link WindowedVariance}'s).
 */
final class FloatVariances {

    /** The step; stateless. */
    static final Program PROGRAM = new DoubleAggregates(FloatVariances::computed);

    private static final Map<SqlKind, SqlUserDefinedAggFunction> FUNCTIONS = Map.of(
        SqlKind.VAR_POP, function("HINDSIGHT_VAR_POP", FloatVariance.Population.class),
        SqlKind.VAR_SAMP, function("HINDSIGHT_VAR_SAMP", FloatVariance.Sample.class),
        SqlKind.STDDEV_POP, function("HINDSIGHT_STDDEV_POP", FloatVariance.PopulationDeviation.class),
        SqlKind.STDDEV_SAMP, function("HINDSIGHT_STDDEV_SAMP", FloatVariance.SampleDeviation.class));

    private FloatVariances() {
    }

    /** The aggregate of a floating-point number's variance ({@link WindowedVariance} leaves a windowed one whole). */
    private static @Nullable SqlAggFunction computed(SqlAggFunction function, List<RelDataType> types) {
        return types.size() == 1 && SqlTypeUtil.isApproximateNumeric(types.get(0)) ? FUNCTIONS.get(function.getKind())
            : null;
    }

    private static SqlUserDefinedAggFunction function(String name, Class<?> implementation) {
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE), null, null,
            AggregateFunctionImpl.create(implementation), false, false, Optionality.FORBIDDEN);
    }
}

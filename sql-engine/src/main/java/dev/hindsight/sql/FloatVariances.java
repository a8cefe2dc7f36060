package dev.hindsight.sql;

import java.util.Map;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;

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

    private static final Map<SqlKind, SqlUserDefinedAggFunction> FUNCTIONS = Map.of(
        SqlKind.VAR_POP, DoubleAggregates.nullableDouble("HINDSIGHT_VAR_POP", FloatVariance.Population.class),
        SqlKind.VAR_SAMP, DoubleAggregates.nullableDouble("HINDSIGHT_VAR_SAMP", FloatVariance.Sample.class),
        SqlKind.STDDEV_POP,
        DoubleAggregates.nullableDouble("HINDSIGHT_STDDEV_POP", FloatVariance.PopulationDeviation.class),
        SqlKind.STDDEV_SAMP,
        DoubleAggregates.nullableDouble("HINDSIGHT_STDDEV_SAMP", FloatVariance.SampleDeviation.class));

    /** The step; stateless. */
    static final Program PROGRAM = new DoubleAggregates(DoubleAggregates.ofOneFloat(FloatVariances.FUNCTIONS));

    private FloatVariances() {
    }
}

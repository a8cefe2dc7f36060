package dev.hindsight.sql;

import java.util.Map;
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
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.Optionality;

/**
 * {@code COVAR_POP(y, x)}, {@code COVAR_SAMP}, {@code REGR_SXX} and {@code REGR_SYY} as PostgreSQL's: a
 * {@code DOUBLE} of any numbers, computed as PostgreSQL computes it ({@link FloatCovariance}); so are
 * {@code CORR}, {@code REGR_SXY}, {@code REGR_AVGX}, {@code REGR_AVGY}, {@code REGR_SLOPE}, {@code REGR_INTERCEPT}
 * and {@code REGR_R2}, which Calcite has not (its parser reserved their names; Hindsight's does not). Calcite types
 * the first four as their arguments and expands them into sums of products in that type: of integers the answer was
 * cut to an integer ({@code COVAR_POP} of (1, 2), (2, 3), (4, 7): 2, not 2.67), of {@code DECIMAL}s to their scale
 * and wrong beyond it, of large {@code DOUBLE}s 0; in a window its expansion did not compile (an internal error).
 * The validator finds this class's functions in place of Calcite's ({@link #FUNCTIONS}, by
 * {@link ReplacedOperators}), typed {@code DOUBLE}, NULL over no rows; a {@link DoubleAggregates} step before the
 * statement's optimisation ({@link HindsightPreparingStmt#getProgram}) turns each call, in an aggregate
 * ({@link AggregateOverValues}) and in a window, into the aggregate of its arguments as {@code DOUBLE}s. A pair with
 * a NULL is left out, as PostgreSQL's.
 */
final class FloatCovariances {

    /** The step; stateless. */
    static final Program PROGRAM = new DoubleAggregates(
        (function, types) -> FloatCovariances.FUNCTIONS.get(function)); // every call of these, of any numbers

    private static final SqlReturnTypeInference NULLABLE_DOUBLE =
        ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE);

    /**
     * The validator's functions, in place of Calcite's of the same names (the first four; the others Calcite has
     * not), each with the aggregate it becomes.
     */
    static final Map<SqlAggFunction, SqlUserDefinedAggFunction> FUNCTIONS = Map.ofEntries(
        function("COVAR_POP", SqlKind.COVAR_POP, FloatCovariance.Population.class),
        function("COVAR_SAMP", SqlKind.COVAR_SAMP, FloatCovariance.Sample.class),
        function("REGR_SXX", SqlKind.REGR_SXX, FloatCovariance.SquaresOfX.class),
        function("REGR_SYY", SqlKind.REGR_SYY, FloatCovariance.SquaresOfY.class),
        function("REGR_SXY", SqlKind.OTHER_FUNCTION, FloatCovariance.Products.class),
        function("REGR_AVGX", SqlKind.OTHER_FUNCTION, FloatCovariance.AverageOfX.class),
        function("REGR_AVGY", SqlKind.OTHER_FUNCTION, FloatCovariance.AverageOfY.class),
        function("REGR_SLOPE", SqlKind.OTHER_FUNCTION, FloatCovariance.Slope.class),
        function("REGR_INTERCEPT", SqlKind.OTHER_FUNCTION, FloatCovariance.Intercept.class),
        function("REGR_R2", SqlKind.OTHER_FUNCTION, FloatCovariance.Determination.class),
        function("CORR", SqlKind.OTHER_FUNCTION, FloatCovariance.Correlation.class));

    private FloatCovariances() {
    }

    /**
     * The function {@code name}, of {@code kind} (Calcite's, where it has one), typed a {@code DOUBLE}, NULL over no
     * rows, as PostgreSQL's, with the aggregate of {@code implementation} it becomes.
     */
    private static Map.Entry<SqlAggFunction, SqlUserDefinedAggFunction> function(String name, SqlKind kind,
                                                                               Class<?> implementation) {
        SqlAggFunction typed = SqlBasicAggFunction.create(name, kind, NULLABLE_DOUBLE, OperandTypes.NUMERIC_NUMERIC)
            .withFunctionType(SqlFunctionCategory.NUMERIC);
        SqlUserDefinedAggFunction computed = new SqlUserDefinedAggFunction(new SqlIdentifier("HINDSIGHT_" + name,
            SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, NULLABLE_DOUBLE, null, null,
            AggregateFunctionImpl.create(implementation), false, false, Optionality.FORBIDDEN);
        return Map.entry(typed, computed);
    }
}

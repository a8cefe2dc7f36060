package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A standard deviation's square root taken exactly, to its type's scale, rounded half away from zero as PostgreSQL's
 * numeric {@code sqrt}: Calcite writes {@code STDDEV_*} as {@code CAST(POWER(variance, 0.5) AS DECIMAL(p, s))}, a
 * square root in a {@code double}, so 16 significant digits were right and the rest of the scale padding
 * ({@code STDDEV_SAMP} of 10000 … 60000 was 18708.2869338697060000, PostgreSQL 18708.2869338697069279…). Put in place
 * of that cast over an exact variance by {@link DecimalDivision#PROGRAM} (Calcite's rewrite of a grouped
 * {@code STDDEV_*}) and written directly by {@link WindowedVariance} (a windowed one):
 *
 * <pre>
 *   CAST(POWER(v, 0.5) AS DECIMAL(p, s))   →   HINDSIGHT_DECIMAL_SQRT(v, s)      (v a DECIMAL)
 * </pre>
 *
 * Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out
public final class DecimalSquareRoot {

    /** The function; its type is its first operand's (a caller casts it to the type it wants). */
    static final SqlOperator SQRT = HindsightConvertlets.function("HINDSIGHT_DECIMAL_SQRT",
        ReturnTypes.ARG0_NULLABLE, List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER),
        types -> List.of(types.createSqlType(SqlTypeName.DECIMAL), types.createSqlType(SqlTypeName.INTEGER)),
        DecimalSquareRoot.class, "sqrt");

    private DecimalSquareRoot() {
    }

    /** Whether {@code call} may be the square root of a DECIMAL ({@link #exact} decides). */
    static boolean mayApply(RexCall call) {
        return SqlStdOperatorTable.POWER.equals(call.getOperator())
            && call.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.DECIMAL;
    }

    /** {@code call} as an exact square root, if it is {@code CAST(POWER(decimal, 0.5) AS DECIMAL(p, s))}; else null. */
    static @Nullable RexNode exact(RexBuilder rex, RexCall call) {
        if (call.getKind() != SqlKind.CAST || call.getType().getSqlTypeName() != SqlTypeName.DECIMAL
            || !(call.getOperands().get(0) instanceof RexCall power) || !mayApply(power)
            || !(power.getOperands().get(1) instanceof RexLiteral half)
            || half.getValueAs(BigDecimal.class) == null || half.getValueAs(BigDecimal.class).compareTo(HALF) != 0) {
            return null;
        }
        return rex.makeCall(call.getType(), SQRT, List.of(power.getOperands().get(0),
            rex.makeExactLiteral(BigDecimal.valueOf(call.getType().getScale()))));
    }

    private static final BigDecimal HALF = new BigDecimal("0.5");

    /**
     * The square root of {@code x} to {@code scale} fraction digits, half away from zero; 2201F for a negative
     * {@code x} (PostgreSQL's SQLState for a power that has no real value).
     */
    public static BigDecimal sqrt(BigDecimal x, int scale) {
        if (x.signum() < 0) {
            throw SqlErrors.of(SqlErrors.INVALID_ARGUMENT_FOR_POWER, "cannot take the square root of a negative "
                + "number: " + x.toPlainString());
        }
        int integerDigits = Math.max(1, (x.precision() - x.scale() + 1) / 2 + 1);
        // truncated past the digits kept, then rounded once: truncation never crosses the half, so this is exact
        BigDecimal root = x.sqrt(new MathContext(integerDigits + Math.max(scale, 0) + 4, RoundingMode.DOWN));
        return root.setScale(scale, RoundingMode.HALF_UP);
    }
}

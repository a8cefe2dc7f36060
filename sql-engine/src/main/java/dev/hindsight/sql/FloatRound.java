package dev.hindsight.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code ROUND(x)} of a {@code DOUBLE} or {@code REAL} rounds a half to the even whole number, as PostgreSQL's
 * {@code round(double precision)} does on every common platform ({@code round(2.5::float8)} is 2, {@code -2.5} gives
 * -2); Calcite's rounded it away from zero (3, -3). {@code ROUND} of a {@code DECIMAL}, and {@code ROUND(x, n)}, keep
 * Calcite's rule, half away from zero, as PostgreSQL's {@code numeric} has it; {@code ROUND(n, places)} of an integer
 * is refused beyond its type ({@link #integerToPlaces}). Public for Calcite's function registry.
 */
public final class FloatRound {

    private static final SqlUserDefinedFunction HALF_EVEN = HindsightConvertlets.function("HINDSIGHT_ROUND_HALF_EVEN",
        ReturnTypes.DOUBLE_NULLABLE, SqlTypeFamily.NUMERIC, types -> types.createSqlType(SqlTypeName.DOUBLE),
        FloatRound.class, "halfEven");

    private FloatRound() {
    }

    /** The convertlet of a ROUND: this class's for one floating-point operand, else {@code next}. */
    static SqlRexConvertlet round(SqlRexConvertlet next) {
        return (cx, call) -> {
            RelDataType x = cx.getValidator().getValidatedNodeType(call.operand(0));
            if (call.operandCount() == 2 && SqlTypeUtil.isIntType(x)) {
                return integerToPlaces(cx, call, x);
            }
            if (call.operandCount() != 1) {
                return next.convertCall(cx, call);
            }
            if (!SqlTypeUtil.isApproximateNumeric(x)) {
                return next.convertCall(cx, call);
            }
            RexBuilder rex = cx.getRexBuilder();
            // as a DOUBLE, the function's one Java type (a nullable REAL is a Float there)
            RexNode asDouble = rex.makeCast(cx.getTypeFactory().createTypeWithNullability(
                cx.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), x.isNullable()),
                cx.convertExpression(call.operand(0)));
            return rex.makeCast(cx.getValidator().getValidatedNodeType(call), rex.makeCall(HALF_EVEN, asDouble),
                true, false);
        };
    }

    /**
     * {@code ROUND(n, places)} of an integer, as a DECIMAL rounded and cast back, so that a result beyond the type is
     * 22003 (the cast's check): Calcite's rounded in the integer and wrapped, {@code ROUND(2147483647, -1)}
     * -2147483646 (PostgreSQL answers a numeric, 2147483650).
     */
    private static RexNode integerToPlaces(SqlRexContext cx, SqlCall call, RelDataType x) {
        RexBuilder rex = cx.getRexBuilder();
        RelDataType decimal = cx.getTypeFactory().createTypeWithNullability(
            cx.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, 19, 0), x.isNullable());
        RexNode rounded = rex.makeCall(call.getOperator(), rex.makeCast(decimal, cx.convertExpression(call.operand(0))),
            cx.convertExpression(call.operand(1)));
        return rex.makeCast(cx.getValidator().getValidatedNodeType(call), rounded, true, false);
    }

    /** {@link Math#rint}: the nearest whole number, a half to the even one; NaN and infinities as they are. */
    public static Double halfEven(Double x) {
        return x == null ? null : Math.rint(x);
    }
}

package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * A cast of a number with a fraction to an integer type rounds first, as PostgreSQL's does, and then checks the range:
 * a {@code DOUBLE} or {@code REAL} half to even ({@link Math#rint}: {@code CAST(2.5::float8 AS int)} is 2, 3.5 gives
 * 4), a {@code DECIMAL} with a scale half away from zero (Calcite's {@code ROUND}: 2.5 gives 3, -1.5 gives -2), so
 * also an {@code AVG}, {@code STDDEV_*} or {@code VAR_*} of integers, a {@code numeric} in PostgreSQL.
 * Without it Calcite rounded a floating-point cast by the type system's mode when it ran and truncated it when the
 * planner folded a constant (3.5 gave 3), and checked a DECIMAL's range before rounding, so 2147483647.5 wrapped to
 * -2147483648 instead of failing with 22003. Only casts written in the statement (and the validator's implicit ones)
 * pass a convertlet; a cast Calcite adds while converting takes the type system's mode. Public for Calcite's
 * function registry.
 */
public final class IntegerCast {

    private static final SqlUserDefinedFunction RINT = HindsightConvertlets.function("HINDSIGHT_RINT",
        ReturnTypes.DOUBLE_NULLABLE, SqlTypeFamily.NUMERIC, types -> types.createSqlType(SqlTypeName.DOUBLE),
        IntegerCast.class, "rint");

    private static final SqlUserDefinedFunction RINT_BIGINT = HindsightConvertlets.function("HINDSIGHT_RINT_BIGINT",
        ReturnTypes.BIGINT_NULLABLE, SqlTypeFamily.NUMERIC, types -> types.createSqlType(SqlTypeName.DOUBLE),
        IntegerCast.class, "rintToLong");

    /** 2^63, the first {@code DOUBLE} beyond a {@code BIGINT} (-2^63 is one). */
    private static final double TWO_TO_63 = 0x1p63;

    private IntegerCast() {
    }

    /** The convertlet of a CAST: rounding first when it casts a number with a fraction to an integer. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            boolean floating = from != null && SqlTypeUtil.isApproximateNumeric(from);
            boolean fraction = from != null && from.getSqlTypeName() == SqlTypeName.DECIMAL && from.getScale() > 0;
            if ((!floating && !fraction) || cast.operandCount() != 2
                || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return next.convertCall(cx, cast);
            }
            RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
            if (!SqlTypeUtil.isIntType(to)) {
                return next.convertCall(cx, cast);
            }
            if (floating && to.getSqlTypeName() == SqlTypeName.BIGINT) {
                // the double's own value: Calcite's cast read it through its shortest text, 2^60 as
                // 1152921504606846980, and took -2^63 for an overflow
                return cx.getRexBuilder().makeCast(to, cx.getRexBuilder().makeCall(RINT_BIGINT,
                    cx.convertExpression(cast.operand(0))));
            }
            return cx.getRexBuilder().makeCast(to, cx.getRexBuilder().makeCall(
                floating ? RINT : SqlStdOperatorTable.ROUND, cx.convertExpression(cast.operand(0))));
        };
    }

    /**
     * {@link Math#rint}: the nearest whole number, a half to the even one; {@code null} for SQL NULL. NaN, which no
     * integer holds, is an error with SQLState 22003 (Calcite's cast made it 0).
     */
    public static Double rint(Double x) {
        if (x != null && Double.isNaN(x)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "NaN is out of range for an integer");
        }
        return x == null ? null : Math.rint(x);
    }

    /**
     * {@link #rint} as the {@code BIGINT} it exactly is; 22003 beyond the type, as PostgreSQL's "bigint out of
     * range" (an infinity too).
     */
    public static Long rintToLong(Double x) {
        Double whole = rint(x);
        if (whole == null) {
            return null;
        }
        if (whole >= TWO_TO_63 || whole < -TWO_TO_63) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range: " + x);
        }
        return (long) whole.doubleValue();
    }
}

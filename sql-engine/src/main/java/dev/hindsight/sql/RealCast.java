package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * A number cast to {@code REAL} that the type cannot hold is 22003, as PostgreSQL's {@code float8} to {@code float4}
 * ("value out of range: overflow" for one beyond ±3.4e38, "underflow" for one not zero that became zero): Calcite's
 * cast answered {@code Infinity} and 0 ({@code CAST(CAST('1e39' AS DOUBLE) AS REAL)}), where a text or a parameter
 * cast was already refused. Public for Calcite's function registry.
 */
public final class RealCast {

    private static final SqlUserDefinedFunction OF_DOUBLE = HindsightConvertlets.function("HINDSIGHT_REAL_OF_DOUBLE",
        ReturnTypes.explicit(SqlTypeName.REAL).andThen(SqlTypeTransforms.TO_NULLABLE),
        SqlTypeFamily.NUMERIC, types -> types.createSqlType(SqlTypeName.DOUBLE), RealCast.class, "ofDouble");

    private RealCast() {
    }

    /** The convertlet of a CAST: a number other than a {@code REAL} cast to one is checked; else {@code next}'s. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            if (from == null || !SqlTypeUtil.isNumeric(from) || from.getSqlTypeName() == SqlTypeName.REAL
                || SqlTypeUtil.isIntType(from) || cast.operandCount() != 2
                || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return next.convertCall(cx, cast); // an integer up to a BIGINT is within a REAL's range
            }
            RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
            if (to.getSqlTypeName() != SqlTypeName.REAL) {
                return next.convertCall(cx, cast);
            }
            RexBuilder rex = cx.getRexBuilder();
            RelDataType asDouble = cx.getTypeFactory().createTypeWithNullability(
                cx.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), from.isNullable());
            return rex.makeCast(to, rex.makeCall(OF_DOUBLE, rex.makeCast(asDouble,
                cx.convertExpression(cast.operand(0)))), true, false);
        };
    }

    /** {@code x} as a {@code REAL}; 22003 where it is beyond the type or too small for it. */
    public static Float ofDouble(Double x) {
        if (x == null) {
            return null;
        }
        float f = x.floatValue();
        if (Float.isInfinite(f) && !x.isInfinite()) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow (" + x
                + " is beyond a REAL)");
        }
        if (f == 0.0f && x != 0.0) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow (" + x
                + " is too small for a REAL)");
        }
        return f;
    }
}

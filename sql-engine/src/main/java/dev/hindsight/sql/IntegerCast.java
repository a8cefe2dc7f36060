package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * A {@code DOUBLE} or {@code REAL} cast to an integer type rounds half to even, as PostgreSQL's does
 * ({@code CAST(2.5::float8 AS int)} is 2, 3.5 gives 4, -2.5 gives -2): the value goes through {@link Math#rint}
 * first. Without it Calcite rounded such a cast by the type system's mode when it ran (half away from zero: 2.5 gave
 * 3) and truncated it when the planner folded a constant (3.5 gave 3). A {@code DECIMAL} needs nothing here: the type
 * system's mode, half away from zero, is PostgreSQL's numeric rounding ({@link HindsightTypeSystem#roundingMode}).
 * Only casts written in the statement (and the validator's implicit ones) pass a convertlet; a cast Calcite adds
 * while converting takes the type system's mode. Public for Calcite's function registry.
 */
public final class IntegerCast {

    private static final SqlUserDefinedFunction RINT = new SqlUserDefinedFunction(
        new SqlIdentifier("HINDSIGHT_RINT", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.DOUBLE_NULLABLE, null,
        OperandTypes.operandMetadata(List.of(SqlTypeFamily.NUMERIC),
            types -> List.of(types.createSqlType(SqlTypeName.DOUBLE)), i -> "x", i -> false),
        ScalarFunctionImpl.create(IntegerCast.class, "rint"));

    private IntegerCast() {
    }

    /** The convertlet of a CAST: through {@link #rint} when it casts a floating-point number to an integer. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            if (from == null || !SqlTypeUtil.isApproximateNumeric(from) || cast.operandCount() != 2
                || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return next.convertCall(cx, cast);
            }
            // as TimestampText: a cast the validator's implicit coercion wrote has no type of its own, only its spec
            RelDataType known = cx.getValidator().getValidatedNodeTypeIfKnown(cast);
            RelDataType to = known != null ? known : cx.getTypeFactory().createTypeWithNullability(
                spec.deriveType(cx.getValidator()), from.isNullable());
            if (!SqlTypeUtil.isIntType(to)) {
                return next.convertCall(cx, cast);
            }
            return cx.getRexBuilder().makeCast(to,
                cx.getRexBuilder().makeCall(RINT, cx.convertExpression(cast.operand(0))));
        };
    }

    /** {@link Math#rint}: the nearest whole number, a half to the even one; {@code null} for SQL NULL. */
    public static Double rint(Double x) {
        return x == null ? null : Math.rint(x);
    }
}

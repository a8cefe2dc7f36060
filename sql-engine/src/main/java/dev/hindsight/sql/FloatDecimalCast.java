package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code CAST(x AS DECIMAL(p, s))} of a {@code DOUBLE} or {@code REAL} as PostgreSQL's: the value to its 15
 * significant digits ({@code REAL}: 6), as its cast to {@code numeric} takes them, then rounded to the scale, half
 * away from zero. Calcite's cast of a computed value took its binary value, so {@code CAST(CAST(3 AS DOUBLE) * 0.1
 * AS DECIMAL(20, 17))} was 0.30000000000000004 (PostgreSQL 0.30000000000000000), a {@code REAL}'s 2.675 to two places
 * 2.67 (2.68: the float is 2.6749999523162841796875), its 1.15 to one place 1.1 (1.2); a literal Calcite folds from
 * its decimal text. The cast of no precision did so already ({@link UnconstrainedNumeric}). A value beyond the type
 * is 22003 in PostgreSQL's words; NaN and the infinities 22003 too (a {@code DECIMAL} holds none; PostgreSQL's
 * {@code numeric} keeps NaN). Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class FloatDecimalCast {

    private static final SqlUserDefinedFunction OF_DOUBLE = function("ofDouble", SqlTypeName.DOUBLE);
    private static final SqlUserDefinedFunction OF_REAL = function("ofReal", SqlTypeName.REAL);

    private FloatDecimalCast() {
    }

    /** A CAST's convertlet: {@code next}'s, but of a floating-point value to a {@code DECIMAL} this class's. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RexNode converted = next.convertCall(cx, cast);
            if (!(converted instanceof RexCall c) || c.getKind() != SqlKind.CAST
                || c.getType().getSqlTypeName() != SqlTypeName.DECIMAL) {
                return converted;
            }
            RexNode value = c.getOperands().get(0);
            SqlTypeName from = value.getType().getSqlTypeName();
            if (!SqlTypeName.APPROX_TYPES.contains(from)) {
                return converted;
            }
            RexBuilder rex = cx.getRexBuilder();
            RelDataType type = c.getType();
            return rex.makeCall(type, from == SqlTypeName.REAL ? OF_REAL : OF_DOUBLE, List.of(value,
                rex.makeExactLiteral(BigDecimal.valueOf(type.getPrecision())),
                rex.makeExactLiteral(BigDecimal.valueOf(type.getScale()))));
        };
    }

    /** A {@code DOUBLE} to its 15 significant digits, then to {@code DECIMAL(precision, scale)}. */
    public static BigDecimal ofDouble(double value, int precision, int scale) {
        return of(value, UnconstrainedNumeric.DOUBLE_DIGITS, precision, scale);
    }

    /** A {@code REAL} to its 6 significant digits, then to {@code DECIMAL(precision, scale)}. */
    public static BigDecimal ofReal(float value, int precision, int scale) {
        return of(value, UnconstrainedNumeric.REAL_DIGITS, precision, scale);
    }

    private static BigDecimal of(double value, int digits, int precision, int scale) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "cannot convert " + value + " to numeric("
                + precision + ", " + scale + ")");
        }
        BigDecimal decimal = UnconstrainedNumeric.significant(value, digits);
        BigDecimal fitted = decimal.setScale(scale, RoundingMode.HALF_UP);
        if (fitted.precision() - fitted.scale() > precision - scale) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow: a field with "
                + "precision " + precision + ", scale " + scale + " must round to an absolute value less than 10^"
                + (precision - scale) + " (" + decimal.toPlainString() + ")");
        }
        return fitted;
    }

    private static SqlUserDefinedFunction function(String method, SqlTypeName from) {
        return HindsightConvertlets.function("HINDSIGHT_FLOAT_TO_DECIMAL", ReturnTypes.ARG0_NULLABLE,
            List.of(SqlTypeFamily.ANY, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
            types -> List.of(types.createSqlType(from), types.createSqlType(SqlTypeName.INTEGER),
                types.createSqlType(SqlTypeName.INTEGER)), FloatDecimalCast.class, method);
    }
}

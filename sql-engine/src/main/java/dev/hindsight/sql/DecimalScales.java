package dev.hindsight.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code ROUND}, {@code TRUNCATE} ({@code trunc}) and {@code SIGN} of a {@code DECIMAL} answer values at their type's
 * scale, as every other {@code DECIMAL} value is: Calcite types them as their operand but answers the value at the
 * places asked for ({@code ROUND(x, 1)} of a {@code DECIMAL(10,4)} 1.25 was 1.3, not 1.3000; a {@code SIGN} -1), and
 * grouping, {@code DISTINCT} and set operations compare a value with its scale, so {@code ROUND(x, 1) UNION SELECT
 * CAST(1.3 AS DECIMAL(10,4))} answered two rows (PostgreSQL: one) and an {@code INTERSECT} none. Public for Calcite's
 * function registry.
 */
public final class DecimalScales {

    private static final SqlUserDefinedFunction AT_SCALE = HindsightConvertlets.function("HINDSIGHT_AT_SCALE",
        ReturnTypes.ARG0, List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER),
        types -> List.of(types.createSqlType(SqlTypeName.DECIMAL), types.createSqlType(SqlTypeName.INTEGER)),
        DecimalScales.class, "atScale");

    private DecimalScales() {
    }

    /** Whether {@code operator}'s {@code DECIMAL} answers are set to their type's scale here. */
    static boolean applies(SqlOperator operator) {
        return SqlStdOperatorTable.ROUND.equals(operator) || SqlStdOperatorTable.TRUNCATE.equals(operator)
            || SqlStdOperatorTable.SIGN.equals(operator);
    }

    /** {@code next}'s conversion, its value set to its type's scale where that is a {@code DECIMAL}. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, call) -> {
            RexNode converted = next.convertCall(cx, call);
            RelDataType type = converted.getType();
            if (type.getSqlTypeName() != SqlTypeName.DECIMAL) {
                return converted;
            }
            RexBuilder rex = cx.getRexBuilder();
            return rex.makeCall(type, AT_SCALE, List.of(converted, rex.makeExactLiteral(
                BigDecimal.valueOf(type.getScale()), cx.getTypeFactory().createSqlType(SqlTypeName.INTEGER))));
        };
    }

    /** {@code value} at {@code scale} places: only zeros are added or taken (the value has no more places). */
    public static BigDecimal atScale(BigDecimal value, int scale) {
        return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
    }
}

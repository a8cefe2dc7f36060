package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code EXTRACT(HOUR FROM interval)} of an interval of hours, minutes or seconds as PostgreSQL answers it: all its
 * hours ({@code INTERVAL '36' HOUR} is 36, {@code INTERVAL '1' HOUR * 30} 30), since such an interval has no days to
 * carry them into. Calcite counted them modulo 24 whatever the interval (12, 6), where PostgreSQL does so only for an
 * interval with days ({@code INTERVAL '1 12' DAY TO HOUR} is 12, here too), so the value and its hours disagreed
 * ({@code 100:00:00}, hour 4).
 */
final class IntervalHours {

    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    private IntervalHours() {
    }

    /** The convertlet of an {@code EXTRACT}: as above for the hours of an interval without days, else {@code next}. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, call) -> {
            if (!(call.operand(0) instanceof SqlIntervalQualifier unit) || unit.timeUnitRange.startUnit != TimeUnit.HOUR
                || unit.timeUnitRange.endUnit != null) {
                return next.convertCall(cx, call);
            }
            RelDataType operand = cx.getValidator().getValidatedNodeType(call.operand(1));
            if (operand.getSqlTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME
                || operand.getIntervalQualifier() == null
                || operand.getIntervalQualifier().getStartUnit() == TimeUnit.DAY) {
                return next.convertCall(cx, call);
            }
            RexBuilder rex = cx.getRexBuilder();
            RelDataType type = cx.getValidator().getValidatedNodeType(call);
            RexNode millis = rex.makeReinterpretCast(cx.getTypeFactory().createTypeWithNullability(
                cx.getTypeFactory().createSqlType(SqlTypeName.BIGINT), operand.isNullable()),
                cx.convertExpression(call.operand(1)), rex.makeLiteral(false));
            // toward zero, as PostgreSQL's: '-90' MINUTE is hour -1
            return rex.makeCall(type, SqlStdOperatorTable.DIVIDE_INTEGER,
                List.of(millis, rex.makeExactLiteral(MILLIS_PER_HOUR)));
        };
    }
}

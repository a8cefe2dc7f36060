package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code TIMESTAMPDIFF(unit, from, to)}, which BI tools write through JDBC's escape ({@code {fn TIMESTAMPDIFF(
 * SQL_TSI_DAY, …)}}), counted on the values, where Calcite counted on their representations:
 * <ul>
 *   <li>a {@code DATE} beside a {@code TIMESTAMP} is that day's midnight, as a {@code DATE} cast to one; Calcite
 *       subtracted its count of days from the other's milliseconds ({@code TIMESTAMPDIFF(DAY, TIMESTAMP '2024-01-03
 *       09:00:00', DATE '2024-01-01')} was -19725, with the date first 22003); a {@code TIME} beside another type is
 *       42883, as it has no day to count from;</li>
 *   <li>{@code MILLISECOND}, {@code MICROSECOND} and {@code NANOSECOND} count the fraction of a second too: Calcite
 *       took whole seconds, then scaled them (200 ms apart across a second's boundary was 0, 1.5 s was 1000000
 *       microseconds).</li>
 * </ul>
 * Whole units, cut toward zero (months and the units of months were not, counted backwards: one more when the
 * later point's time of day was the earlier); the answer keeps Calcite's type ({@code INTEGER}, {@code BIGINT} for
 * nanoseconds): 22003 beyond it.
 */
final class TimestampDiffs {

    private static final long MILLIS_PER_WEEK = 7L * 24 * 60 * 60 * 1000;

    private TimestampDiffs() {
    }

    /** Whether {@code call} is {@code TIMESTAMPDIFF}. */
    static boolean applies(SqlCall call) {
        return SqlStdOperatorTable.TIMESTAMP_DIFF.equals(call.getOperator());
    }

    /** The call as above; BigQuery's order of operands and custom time frames as Calcite converts them. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet standard) {
        return (cx, call) -> {
            if (!(call.operand(0) instanceof SqlIntervalQualifier qualifier)) {
                return standard.convertCall(cx, call);
            }
            // JDBC's SQL_TSI_DAY is a frame's name for DAY; a custom frame has no unit
            TimeUnit unit = cx.getValidator().validateTimeFrame(qualifier).unit();
            if (unit == null) {
                return standard.convertCall(cx, call);
            }
            RexBuilder rex = cx.getRexBuilder();
            RelDataTypeFactory types = cx.getTypeFactory();
            RexNode from = cx.convertExpression(call.operand(1));
            RexNode to = cx.convertExpression(call.operand(2));
            RelDataType common = commonType(from.getType(), to.getType());
            if (common != null) {
                from = rex.makeCast(types.createTypeWithNullability(common, from.getType().isNullable()), from);
                to = rex.makeCast(types.createTypeWithNullability(common, to.getType().isNullable()), to);
            }
            RelDataType answer = cx.getValidator().getValidatedNodeType(call);
            SqlParserPos pos = call.getParserPosition();
            boolean nullable = from.getType().isNullable() || to.getType().isNullable();
            switch (unit) {
                case NANOSECOND, MICROSECOND, MILLISECOND, WEEK -> {
                    // an interval of days and times is its milliseconds as it stands; a cast would count its seconds
                    RexNode millis = rex.makeReinterpretCast(
                        types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), nullable),
                        difference(rex, types, TimeUnit.SECOND, from, to, nullable), rex.makeLiteral(false));
                    long multiplier = unit == TimeUnit.NANOSECOND ? 1_000_000
                        : unit == TimeUnit.MICROSECOND ? 1_000 : 1;
                    long divider = unit == TimeUnit.WEEK ? MILLIS_PER_WEEK : 1;
                    return rex.makeCast(pos, answer, rex.multiplyDivide(pos, millis, BigDecimal.valueOf(multiplier),
                        BigDecimal.valueOf(divider)), true, false);
                }
                case MONTH, QUARTER, YEAR, DECADE, CENTURY, MILLENNIUM -> { // Calcite counted a DECADE's years
                    // months counted from the earlier point to the later: Calcite's count backwards took one month
                    // more when the later point's time of day was the earlier (-1 for a month less an hour)
                    RexNode forward = months(rex, types, pos, answer, from, to, nullable);
                    RexNode backward = rex.makeCall(SqlStdOperatorTable.UNARY_MINUS,
                        months(rex, types, pos, answer, to, from, nullable));
                    RexNode count = rex.makeCall(SqlStdOperatorTable.CASE,
                        rex.makeCall(SqlStdOperatorTable.LESS_THAN, to, from), backward, forward);
                    return unit == TimeUnit.MONTH ? count
                        : rex.multiplyDivide(pos, count, BigDecimal.ONE, unit.multiplier);
                }
                default -> {
                    return rex.makeCast(pos, answer, difference(rex, types, unit, from, to, nullable), true, false);
                }
            }
        };
    }

    /** The whole months from {@code from} to {@code to}, of the answer's type. */
    private static RexNode months(RexBuilder rex, RelDataTypeFactory types, SqlParserPos pos, RelDataType answer,
                                  RexNode from, RexNode to, boolean nullable) {
        return rex.makeCast(pos, answer, difference(rex, types, TimeUnit.MONTH, from, to, nullable), true, false);
    }

    /** {@code to - from} as an interval of {@code unit}. */
    private static RexNode difference(RexBuilder rex, RelDataTypeFactory types, TimeUnit unit, RexNode from,
                                      RexNode to, boolean nullable) {
        RelDataType interval = types.createTypeWithNullability(
            types.createSqlIntervalType(new SqlIntervalQualifier(unit, null, SqlParserPos.ZERO)), nullable);
        return rex.makeCall(interval, SqlStdOperatorTable.MINUS_DATE, List.of(to, from));
    }

    /**
     * The type a {@code DATE} beside a {@code TIMESTAMP} is counted in, the other's; {@code null} if the operands need
     * no cast (alike, or others Calcite counts as they are).
     *
     * @throws RuntimeException 42883 for a {@code TIME} beside another type
     */
    private static RelDataType commonType(RelDataType a, RelDataType b) {
        SqlTypeName x = a.getSqlTypeName();
        SqlTypeName y = b.getSqlTypeName();
        if (x == y) {
            return null;
        }
        if (isTime(x) || isTime(y)) {
            throw SqlErrors.of(SqlErrors.UNDEFINED_FUNCTION, "TIMESTAMPDIFF(unit, " + x + ", " + y + ") does not "
                + "exist: a TIME has no day to count from; give both operands one type (CAST(… AS TIMESTAMP))");
        }
        return x == SqlTypeName.DATE ? b : y == SqlTypeName.DATE ? a : null;
    }

    private static boolean isTime(SqlTypeName type) {
        return type == SqlTypeName.TIME || type == SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE
            || type == SqlTypeName.TIME_TZ;
    }
}

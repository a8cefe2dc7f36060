package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code CAST(ts AS VARCHAR)} as PostgreSQL writes it: {@code 2026-11-01 10:00:00.123}, the fraction kept and its
 * trailing zeros dropped ({@code 10:00:00} on a whole second); a TIME likewise ({@code 10:00:00.25}). Calcite 1.42
 * formats a TIMESTAMP or TIME cast to text at precision 0 whatever the source's precision, dropping the milliseconds
 * every event's {@code ts} has.
 * {@link HindsightConvertlets} sends every cast here first. Public for Calcite's function registry.
 */
public final class TimestampText {

    private static final SqlUserDefinedFunction FORMAT = HindsightConvertlets.function("HINDSIGHT_TIMESTAMP_TEXT",
        ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.TIMESTAMP, types -> types.createSqlType(SqlTypeName.TIMESTAMP, 3),
        TimestampText.class, "format");
    private static final SqlUserDefinedFunction FORMAT_TIME = HindsightConvertlets.function("HINDSIGHT_TIME_TEXT",
        ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.TIME, types -> types.createSqlType(SqlTypeName.TIME, 3),
        TimestampText.class, "formatTime");

    private TimestampText() {
    }

    /** The convertlet of a CAST: this class's when it casts a TIMESTAMP to text, else {@code standard}. */
    static SqlRexConvertlet cast(SqlRexConvertlet standard) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            boolean time = from != null && from.getSqlTypeName() == SqlTypeName.TIME;
            if (from == null || (from.getSqlTypeName() != SqlTypeName.TIMESTAMP && !time)
                || cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return standard.convertCall(cx, cast);
            }
            RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
            if (to.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
                return standard.convertCall(cx, cast);
            }
            RexNode text = cx.getRexBuilder().makeCall(
                cx.getTypeFactory().createTypeWithNullability(
                    cx.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), from.isNullable()),
                time ? FORMAT_TIME : FORMAT, List.of(cx.convertExpression(cast.operand(0))));
            return cx.getRexBuilder().makeCast(to, text); // VARCHAR(n) truncates, CHAR(n) pads, as declared
        };
    }

    /** A TIMESTAMP (UTC milliseconds since the epoch, Calcite's internal form) as PostgreSQL's text. */
    public static String format(Long utcMillis) {
        return utcMillis == null ? null : withoutTrailingZeros(DateTimeUtils.unixTimestampToString(utcMillis, 3));
    }

    /** A TIME (milliseconds of the day, Calcite's internal form) as PostgreSQL's text: {@code 10:00:00.25}. */
    public static String formatTime(Integer millisOfDay) {
        return millisOfDay == null ? null : withoutTrailingZeros(DateTimeUtils.unixTimeToString(millisOfDay, 3));
    }

    private static String withoutTrailingZeros(String text) {
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        return text.charAt(end - 1) == '.' ? text.substring(0, end - 1) : text.substring(0, end);
    }
}

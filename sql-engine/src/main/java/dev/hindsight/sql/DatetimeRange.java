package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.time.LocalDate;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;

/**
 * A {@code DATE} or {@code TIMESTAMP} a statement computes is checked to lie in years 1 to 9999, the range a SQL
 * date has (and the one Calcite writes: four digits of year), else 22008, as PostgreSQL's "date out of range".
 * Calcite's arithmetic went on past it unchecked and printed the year modulo 10,000: {@code DATE '9999-12-31' + 1}
 * was 0000-01-01, {@code DATE '2026-11-01' + INTERVAL '3000000' DAY(7)} 0240-07-22 (year 10240 inside), and
 * {@code + 2147483647} days {@code )+(--0)-0.}. Every call whose value is a date or timestamp, but a cast (Calcite
 * checks a cast of text; a cast of a date or timestamp stays in range) and what only picks one of its operands, is
 * wrapped in {@link #date} or {@link #timestamp} after the optimisation ({@link #PROGRAM}), as is what a projection's
 * reads compute ({@link #checkedIn}). Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out
public final class DatetimeRange {

    /** 0001-01-01 and 9999-12-31 as days since 1970-01-01, Calcite's value of a DATE. */
    private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private static final SqlUserDefinedFunction DATE = HindsightConvertlets.function("HINDSIGHT_DATE_RANGE",
        ReturnTypes.ARG0, SqlTypeFamily.DATE, types -> types.createSqlType(SqlTypeName.DATE), DatetimeRange.class,
        "date");
    private static final SqlUserDefinedFunction TIMESTAMP = HindsightConvertlets.function(
        "HINDSIGHT_TIMESTAMP_RANGE", ReturnTypes.ARG0, SqlTypeFamily.TIMESTAMP,
        types -> types.createSqlType(SqlTypeName.TIMESTAMP), DatetimeRange.class, "timestamp");

    private static final CalcRewrite CHECK = CalcRewrite.of(DatetimeRange::computes, DatetimeRange::checked);

    /** The step run after the optimisation: the dates and timestamps every calc computes checked; stateless. */
    static final Program PROGRAM = CHECK.program();

    private DatetimeRange() {
    }

    /** {@code expression} with the dates and timestamps it computes checked, for expressions outside a plan. */
    static RexNode checkedIn(RexBuilder rex, RexNode expression) {
        return CHECK.in(rex, expression);
    }

    /** Whether {@code call} computes a date or timestamp that may lie outside the range. */
    private static boolean computes(RexCall call) {
        SqlTypeName type = call.getType().getSqlTypeName();
        if (type != SqlTypeName.DATE && type != SqlTypeName.TIMESTAMP) {
            return false;
        }
        SqlKind kind = call.getKind();
        return !call.getOperands().isEmpty() // CURRENT_DATE and the like are today
            && kind != SqlKind.CAST && kind != SqlKind.CASE && kind != SqlKind.COALESCE && kind != SqlKind.NULLIF
            && kind != SqlKind.GREATEST && kind != SqlKind.LEAST && !DATE.equals(call.getOperator())
            && !TIMESTAMP.equals(call.getOperator());
    }

    private static RexNode checked(RexBuilder rex, RexCall call) {
        if (!computes(call)) {
            return null;
        }
        SqlUserDefinedFunction check = call.getType().getSqlTypeName() == SqlTypeName.DATE ? DATE : TIMESTAMP;
        return rex.makeCall(call.getType(), check, List.of(call));
    }

    /** {@code days} since 1970-01-01, if in years 1 to 9999; else 22008. */
    public static int date(int days) {
        if (days < FIRST_DAY || days > LAST_DAY) {
            throw SqlErrors.of(SqlErrors.DATETIME_FIELD_OVERFLOW, "date out of range: " + beyond(days));
        }
        return days;
    }

    /** {@code millis} since 1970-01-01 00:00, if in years 1 to 9999; else 22008. */
    public static long timestamp(long millis) {
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        if (days < FIRST_DAY || days > LAST_DAY) {
            throw SqlErrors.of(SqlErrors.DATETIME_FIELD_OVERFLOW, "timestamp out of range: " + beyond(days));
        }
        return millis;
    }

    /** Where {@code days} lies, for the message: its year, unless the arithmetic that made it wrapped around. */
    private static String beyond(long days) {
        int year = LocalDate.ofEpochDay(days).getYear(); // an int's days are years ±5.9 million: in LocalDate's range
        return (Math.abs(year) < 1_000_000 ? "year " + year + ", " : "") + "beyond years 1 to 9999";
    }
}

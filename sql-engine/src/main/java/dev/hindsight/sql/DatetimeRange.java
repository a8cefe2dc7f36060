package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
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
 * {@code + 2147483647} days {@code )+(--0)-0.}. Every call whose value is a date or a timestamp (with a time zone
 * or without), but a cast (Calcite checks a cast of text; a cast of a date or timestamp stays in range) and what only
 * picks one of its operands, is wrapped in {@link #date} or {@link #timestamp}, and the arithmetic Calcite gets wrong
 * replaced ({@link #intervalArithmetic}), after the optimisation, in calcs and join conditions ({@link #PROGRAM}),
 * as is what a projection's reads compute ({@link #checkedIn}). Public for Calcite's generated code.
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

    private static final SqlUserDefinedFunction DATE_PLUS = dateArithmetic("HINDSIGHT_DATE_PLUS", "datePlus");
    private static final SqlUserDefinedFunction DATE_MINUS = dateArithmetic("HINDSIGHT_DATE_MINUS", "dateMinus");
    private static final SqlUserDefinedFunction ZONED_PLUS = zonedArithmetic("HINDSIGHT_ZONED_PLUS", "zonedPlus");
    private static final SqlUserDefinedFunction ZONED_MINUS = zonedArithmetic("HINDSIGHT_ZONED_MINUS", "zonedMinus");
    /** The functions of this class: what they compute is checked by them. */
    private static final List<SqlUserDefinedFunction> OWN = List.of(DATE, TIMESTAMP, DATE_PLUS, DATE_MINUS, ZONED_PLUS,
        ZONED_MINUS);
    /** Timestamps with a time zone, whose values are UTC's milliseconds. */
    private static final Set<SqlTypeName> ZONED = EnumSet.of(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
        SqlTypeName.TIMESTAMP_TZ);

    /** A DATE's value is an int of days, the others' a long of milliseconds since 1970-01-01 00:00 UTC. */
    private static final Set<SqlTypeName> CHECKED_TYPES = EnumSet.of(SqlTypeName.DATE, SqlTypeName.TIMESTAMP,
        SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, SqlTypeName.TIMESTAMP_TZ);

    private static final CalcRewrite CHECK = CalcRewrite.of(DatetimeRange::computes, DatetimeRange::checked);
    private static final CalcRewrite ARITHMETIC = CalcRewrite.of(DatetimeRange::computes,
        DatetimeRange::intervalArithmetic);

    /** The step run after the optimisation: the dates and timestamps every calc computes checked; stateless. */
    static final Program PROGRAM = CHECK.program();

    private DatetimeRange() {
    }

    private static SqlUserDefinedFunction dateArithmetic(String name, String method) {
        return HindsightConvertlets.function(name, ReturnTypes.ARG0,
            List.of(SqlTypeFamily.DATE, SqlTypeFamily.INTERVAL_DAY_TIME),
            types -> List.of(types.createSqlType(SqlTypeName.DATE), types.createSqlIntervalType(
                new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO))),
            DatetimeRange.class, method);
    }

    private static SqlUserDefinedFunction zonedArithmetic(String name, String method) {
        return HindsightConvertlets.function(name, ReturnTypes.ARG0,
            List.of(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.INTERVAL_YEAR_MONTH),
            types -> List.of(types.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE),
                types.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.MONTH, null, SqlParserPos.ZERO))),
            DatetimeRange.class, method);
    }

    /** {@code expression} with the dates and timestamps it computes checked, for expressions outside a plan. */
    static RexNode checkedIn(RexBuilder rex, RexNode expression) {
        return CHECK.in(rex, expression);
    }

    /**
     * {@code expression} with only the arithmetic Calcite gets wrong replaced ({@link #intervalArithmetic}), for what a
     * projection computes per event: a month added to a zoned timestamp there too, but no check of each value
     * (a failure there would stop the projection at that event for good; only the replaced arithmetic refuses a date
     * beyond year 9999).
     */
    static RexNode arithmeticIn(RexBuilder rex, RexNode expression) {
        return ARITHMETIC.in(rex, expression);
    }

    /** Whether {@code call} computes a date or timestamp that may lie outside the range. */
    private static boolean computes(RexCall call) {
        if (!CHECKED_TYPES.contains(call.getType().getSqlTypeName())) {
            return false;
        }
        SqlKind kind = call.getKind();
        return !call.getOperands().isEmpty() // CURRENT_DATE and the like are today
            && kind != SqlKind.CAST && kind != SqlKind.CASE && kind != SqlKind.COALESCE && kind != SqlKind.NULLIF
            && kind != SqlKind.GREATEST && kind != SqlKind.LEAST && OWN.stream().noneMatch(call.getOperator()::equals);
    }

    private static RexNode checked(RexBuilder rex, RexCall call) {
        if (!computes(call)) {
            return null;
        }
        RexNode arithmetic = intervalArithmetic(rex, call);
        if (arithmetic != null) {
            return arithmetic;
        }
        SqlUserDefinedFunction check = call.getType().getSqlTypeName() == SqlTypeName.DATE ? DATE : TIMESTAMP;
        return rex.makeCall(call.getType(), check, List.of(call));
    }

    /**
     * A date plus or minus a day-time interval as {@link #datePlus} or {@link #dateMinus}, a timestamp with a time zone
     * plus or minus a year-month one as {@link #zonedPlus} or {@link #zonedMinus}; else null. Calcite took the
     * interval's whole days into an int, so {@code seq * 4294967296 * INTERVAL '1' DAY} added nothing (a date no range
     * check could tell from a right one), and left a zoned timestamp as it was: {@code TO_TIMESTAMP(…) + INTERVAL '1'
     * MONTH} was the same timestamp.
     */
    private static RexNode intervalArithmetic(RexBuilder rex, RexCall call) {
        SqlTypeName type = call.getType().getSqlTypeName();
        SqlKind kind = call.getKind();
        if (call.getOperands().size() != 2 || (kind != SqlKind.PLUS && kind != SqlKind.MINUS)
            || (type != SqlTypeName.DATE && !ZONED.contains(type))) {
            return null;
        }
        SqlTypeFamily interval = type == SqlTypeName.DATE ? SqlTypeFamily.INTERVAL_DAY_TIME
            : SqlTypeFamily.INTERVAL_YEAR_MONTH;
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        boolean valueFirst = a.getType().getSqlTypeName() == type && isOf(b, interval);
        boolean valueLast = kind == SqlKind.PLUS && isOf(a, interval) && b.getType().getSqlTypeName() == type;
        if (!valueFirst && !valueLast) {
            return null;
        }
        SqlUserDefinedFunction op = type == SqlTypeName.DATE ? (kind == SqlKind.PLUS ? DATE_PLUS : DATE_MINUS)
            : kind == SqlKind.PLUS ? ZONED_PLUS : ZONED_MINUS;
        return rex.makeCall(call.getType(), op, valueFirst ? List.of(a, b) : List.of(b, a));
    }

    private static boolean isOf(RexNode node, SqlTypeFamily interval) {
        return node.getType().getSqlTypeName().getFamily() == interval;
    }

    /** {@code days} plus an interval of {@code millis}, whole days of it only (as Calcite adds them); else 22008. */
    public static int datePlus(int days, long millis) {
        return date(days + millis / MILLIS_PER_DAY);
    }

    /** {@code days} minus an interval of {@code millis}, whole days of it only (as Calcite subtracts them). */
    public static int dateMinus(int days, long millis) {
        return date(days - millis / MILLIS_PER_DAY);
    }

    private static int date(long days) {
        if (days < FIRST_DAY || days > LAST_DAY) {
            throw SqlErrors.of(SqlErrors.DATETIME_FIELD_OVERFLOW, "date out of range: " + beyond(days));
        }
        return (int) days;
    }

    /** {@code millis} plus {@code months}, as Calcite adds them to a TIMESTAMP (the day kept, or the month's last). */
    public static long zonedPlus(long millis, int months) {
        return timestamp(DateTimeUtils.addMonths(millis, months));
    }

    /** {@code millis} minus {@code months}. */
    public static long zonedMinus(long millis, int months) {
        return timestamp(DateTimeUtils.addMonths(millis, -months));
    }

    /** {@code days} since 1970-01-01, if in years 1 to 9999; else 22008. */
    public static int date(int days) {
        return date((long) days);
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
        if (days < LocalDate.MIN.toEpochDay() || days > LocalDate.MAX.toEpochDay()) {
            return "beyond years 1 to 9999";
        }
        int year = LocalDate.ofEpochDay(days).getYear();
        return (Math.abs(year) < 1_000_000 ? "year " + year + ", " : "") + "beyond years 1 to 9999";
    }
}

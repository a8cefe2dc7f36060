package dev.hindsight.sql;

import dev.hindsight.jdbc.spi.ProductVersion;
import dev.hindsight.sql.jdbc.SqlErrors;
import dev.hindsight.sql.parser.PostgresInterval;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL spellings that Calcite's PostgreSQL library lacks, rewritten on the parsed tree into what Calcite has,
 * before validation (so types, plans and the plan cache see only Calcite's operators):
 *
 * <pre>
 *   NOW()                      → CURRENT_TIMESTAMP(3)
 *   CAST('3 days' AS INTERVAL) → INTERVAL '3 days'   also '3 days'::interval; text with a unit word, a literal
 *   date_trunc('day', x)       → FLOOR(CAST(x AS TIMESTAMP(3)) TO DAY)   the unit a literal; weeks start on Monday
 *   version()                  → 'Hindsight …'       one string, as BI tools' probes expect
 *   current_database()         → CURRENT_CATALOG     (current_schema() the parser reads as CURRENT_SCHEMA)
 *   EXTRACT(DOW FROM x)        → MOD(EXTRACT(ISODOW FROM x), 7)   Sunday 0 … Saturday 6 (Calcite's: Sunday 1 … 7)
 *   EXTRACT(MILLISECONDS …)    → EXTRACT(MILLISECOND …)   PostgreSQL's plural names
 *   EXTRACT(SECOND FROM x)     → EXTRACT(MILLISECOND FROM x) * 0.001   with its fraction
 *   EXTRACT(EPOCH FROM x)      → EXTRACT_EPOCH(x)   seconds with the milliseconds, a DECIMAL ({@link EpochExtract})
 *   date_part('unit', x)       → EXTRACT(unit FROM x), then as above   also of an interval
 *   x IN (VALUES …)            → x IN (SELECT * FROM (VALUES …))   also NOT IN, ANY/SOME, ALL
 *   x ^ y                      → POWER(x, y)        PostgreSQL's exponent, not Calcite's bitwise exclusive or
 *   STRING_AGG(x, s)           → STRING_AGG(x, COALESCE(s, ''))   unless s is text written out: NULL is no separator
 *   trunc(x [, n])             → TRUNCATE(x [, n])
 *   btrim(s [, c])             → TRIM(BOTH c FROM s)       c a blank when left out; ltrim/rtrim(s, c) LEADING/TRAILING
 *   array_length(a, 1)         → NULLIF(CARDINALITY(a), 0)   also array_upper(a, 1); NULL for an empty array
 *   TO_TIMESTAMP(s, f)         → CAST(TO_TIMESTAMP(s, f) AS TIMESTAMP WITH LOCAL TIME ZONE)
 *   TO_TIMESTAMP(x)            → CAST(TIMESTAMPADD(MILLISECOND, CAST(ROUND(CAST(x AS DOUBLE) * 1000) AS BIGINT),
 *                                  TIMESTAMP '1970-01-01 00:00:00') AS TIMESTAMP WITH LOCAL TIME ZONE)
 *   RANK() OVER (…)            → CAST(ROW_NUMBER() OVER (…) * 0 + 1 AS BIGINT)   a window without ORDER BY: every
 *                                  row a peer of every other; DENSE_RANK the same, PERCENT_RANK 0, CUME_DIST 1 as
 *                                  DOUBLEs (Calcite's: 42000)
 * </pre>
 *
 * ({@code JSON_VALUE … RETURNING} is {@link JsonPathModes}'s.)
 */
final class PostgresSpellings {

    /** What {@code version()} answers: BI tools show it and some look for a product name. */
    static final String VERSION = "Hindsight " + version() + " (PostgreSQL-flavoured SQL on Apache Calcite)";

    /** The comparisons with a subquery's rows: {@code IN}, {@code NOT IN}, {@code op ANY/SOME}, {@code op ALL}. */
    /** The ranks every row of a window without order has the same of. */
    private static final Set<String> RANKS = Set.of("rank", "dense_rank", "percent_rank", "cume_dist");

    private static final Set<SqlKind> QUANTIFIED = EnumSet.of(SqlKind.IN, SqlKind.NOT_IN, SqlKind.SOME, SqlKind.ALL);

    /** Binary arithmetic, which Calcite's parser ranks otherwise than PostgreSQL's beside {@code ^}. */
    private static final Set<SqlKind> ARITHMETIC = EnumSet.of(SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES,
        SqlKind.DIVIDE, SqlKind.MOD);

    /** PostgreSQL's plural names of the units {@code EXTRACT} and {@code date_part} take. */
    private static final Map<String, TimeUnit> PLURAL_UNITS = Map.of("MICROSECONDS", TimeUnit.MICROSECOND,
        "MILLISECONDS", TimeUnit.MILLISECOND, "SECONDS", TimeUnit.SECOND, "MINUTES", TimeUnit.MINUTE,
        "HOURS", TimeUnit.HOUR, "DAYS", TimeUnit.DAY, "MONTHS", TimeUnit.MONTH, "YEARS", TimeUnit.YEAR);

    /** The units {@code EXTRACT} reads by their names ({@link #PLURAL_UNITS} besides): {@code date_part}'s too. */
    private static final Set<String> TIME_UNITS = Arrays.stream(TimeUnit.values()).filter(u -> u != TimeUnit.NANOSECOND)
        .map(TimeUnit::name).collect(Collectors.toUnmodifiableSet()); // PostgreSQL has no nanoseconds

    private PostgresSpellings() {
    }

    /** {@code call} in Calcite's spelling, or {@code call} itself when it is not one of the above. */
    static SqlNode rewrite(SqlCall call) {
        SqlParserPos pos = call.getParserPosition();
        if (QUANTIFIED.contains(call.getKind()) && call.operandCount() == 2
            && call.operand(1) instanceof SqlCall values && values.getKind() == SqlKind.VALUES) {
            // x IN (VALUES …) as x IN (SELECT * FROM (VALUES …)): the same rows, and Calcite's type coercion of a
            // bare VALUES of dates or timestamps replaced it after validation had registered it (an internal error)
            call.setOperand(1, new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)), values, null, null,
                null, null, null, null, null, null, null));
            return call;
        }
        if (SqlLibraryOperators.DATE_TRUNC.equals(call.getOperator()) && call.operandCount() == 2
            && call.operand(0) instanceof SqlLiteral unit
            && unit.getTypeName().getFamily() == SqlTypeFamily.CHARACTER) {
            TimeUnit to = truncationUnit(unit.getValueAs(String.class));
            // a TIMESTAMP whatever it was given, as PostgreSQL's (a DATE's hours truncate to its midnight)
            SqlNode x = timestamp(call.operand(1), pos);
            if (to != TimeUnit.WEEK) {
                return SqlStdOperatorTable.FLOOR.createCall(pos, x, new SqlIntervalQualifier(to, null, pos));
            }
            // Calcite's weeks start on Sunday, PostgreSQL's (ISO) on Monday: FLOOR(x - 1 day TO WEEK) + 1 day
            SqlNode dayBefore = SqlStdOperatorTable.MINUS.createCall(pos, x, oneDay(pos));
            return SqlStdOperatorTable.PLUS.createCall(pos,
                SqlStdOperatorTable.FLOOR.createCall(pos, dayBefore, new SqlIntervalQualifier(to, null, pos)),
                oneDay(pos));
        }
        if (call.getKind() == SqlKind.CAST && call.operandCount() == 2
            && call.operand(1) instanceof SqlIntervalQualifier target && target.timeUnitRange == TimeUnitRange.SECOND
            && call.operand(0) instanceof SqlLiteral text && text.getTypeName().getFamily() == SqlTypeFamily.CHARACTER
            && isIntervalText(String.valueOf(text.getValueAs(String.class)))) {
            return intervalText(String.valueOf(text.getValueAs(String.class)), pos);
        }
        if (SqlStdOperatorTable.EXTRACT.equals(call.getOperator())
            && call.operand(0) instanceof SqlIntervalQualifier unit) {
            return extract(call, unit, pos);
        }
        if (call.getOperator().getName().equalsIgnoreCase("date_part") && call.operandCount() == 2
            && call.operand(0) instanceof SqlLiteral unit
            && unit.getTypeName().getFamily() == SqlTypeFamily.CHARACTER) {
            // EXTRACT's, field for field: Calcite's DATE_PART took no interval (42000 where EXTRACT answered) and
            // named a unit it does not know otherwise (42000, "not a valid time frame", where EXTRACT's is 22023)
            String name = String.valueOf(unit.getValueAs(String.class)).toUpperCase(Locale.ROOT);
            SqlIntervalQualifier field = TIME_UNITS.contains(name)
                ? new SqlIntervalQualifier(TimeUnit.valueOf(name), null, unit.getParserPosition())
                : new SqlIntervalQualifier(name, unit.getParserPosition());
            SqlCall extract = SqlStdOperatorTable.EXTRACT.createCall(pos, field, call.operand(1));
            return extract(extract, field, pos);
        }
        if (call.getOperator().getName().equalsIgnoreCase("date_part") && call.operandCount() == 2
            && !(call.operand(0) instanceof SqlLiteral)) {
            // Calcite's DATE_PART casts its unit to a time unit when it plans: a ? or a column failed there (XX000)
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "date_part with a unit that is not a literal is not "
                + "supported: write the unit as text, date_part('dow', ts), or EXTRACT(DOW FROM ts)");
        }
        if (call.getKind() == SqlKind.BITXOR && call.operandCount() == 2 && "^".equals(call.getOperator().getName())) {
            // PostgreSQL's ^ raises to a power; Calcite's is a bitwise exclusive or (2 ^ 3 was 1, not 8). Calcite's
            // parser also ranks it with + and below * and /, PostgreSQL's above them: 2 * 3 ^ 2 is parsed as
            // (2 * 3) ^ 2, whatever was meant, so arithmetic beside it, even in parentheses, is refused
            for (SqlNode operand : call.getOperandList()) {
                if (ARITHMETIC.contains(operand.getKind())) {
                    throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "^ next to +, -, *, / or % is not "
                        + "supported (it would not be read as PostgreSQL reads it): write POWER(x, y)");
                }
            }
            return SqlStdOperatorTable.POWER.createCall(pos, call.operand(0), call.operand(1));
        }
        if (call.getOperator().getName().equalsIgnoreCase("string_agg") && call.operandCount() >= 2
            && !(call.operand(1) instanceof SqlNodeList) // the ORDER BY of STRING_AGG(x ORDER BY y)
            && !(call.operand(1) instanceof SqlLiteral separator && separator.getTypeName() == SqlTypeName.CHAR)) {
            // PostgreSQL's NULL separator is none; Calcite's made the whole answer NULL, and a NULL literal there
            // failed to compile (an internal error)
            call.setOperand(1, SqlStdOperatorTable.COALESCE.createCall(pos, call.operand(1),
                SqlLiteral.createCharString("", pos)));
            return call;
        }
        SqlNode peers = rankOfPeers(call, pos);
        if (peers != null) {
            return peers;
        }
        if (call.getOperator() instanceof SqlUnresolvedFunction function && function.getName().equalsIgnoreCase("age")
            && call.operandCount() == 1) {
            // PostgreSQL's age(x) counts from today's midnight (Calcite's from now): age(CURRENT_DATE, x), Age
            return function.createCall(pos, timestamp(SqlStdOperatorTable.CURRENT_DATE.createCall(pos), pos),
                call.operand(0));
        }
        if (call.getOperator() instanceof SqlUnresolvedFunction function && !(function instanceof Wrapped)
            && function.getName().equalsIgnoreCase("to_timestamp")) {
            return toTimestamp(call, function, pos);
        }
        if (call.getOperator() instanceof SqlUnresolvedFunction function) {
            SqlNode spelled = trimOrTruncate(call, function.getName().toLowerCase(Locale.ROOT), pos);
            if (spelled != null) {
                return spelled;
            }
        }
        if (call.getOperator() instanceof SqlUnresolvedFunction && call.operandCount() == 0) {
            return withoutArguments(call, call.getOperator().getName().toLowerCase(Locale.ROOT), pos);
        }
        return call;
    }

    /** {@code call}, a function {@code name} of no arguments, as above; else {@code call}. */
    private static SqlNode withoutArguments(SqlCall call, String name, SqlParserPos pos) {
        return switch (name) {
            // with its milliseconds, as CURRENT_TIMESTAMP (HindsightSqlValidator)
            case "now" -> SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(pos, SqlLiteral.createExactNumeric("3",
                pos));
            case "version" -> SqlLiteral.createCharString(VERSION, pos);
            // the catalog getCatalogs names, as tools probe it on connect
            case "current_database" -> new SqlIdentifier("CURRENT_CATALOG", pos);
            default -> call;
        };
    }

    /**
     * {@code RANK()}, {@code DENSE_RANK()}, {@code PERCENT_RANK()} or {@code CUME_DIST()} over a window without
     * order, every row a peer of every other: their one answer, as PostgreSQL's (Calcite's validator wants an ORDER
     * BY, 42000); else {@code null}.
     */
    private static @Nullable SqlNode rankOfPeers(SqlCall call, SqlParserPos pos) {
        if (call.getKind() != SqlKind.OVER || !(call.operand(0) instanceof SqlCall rank) || rank.operandCount() != 0
            || !(call.operand(1) instanceof SqlWindow window) || window.getRefName() != null
            || !window.getOrderList().isEmpty()) {
            return null;
        }
        String name = rank.getOperator().getName().toLowerCase(Locale.ROOT); // not resolved yet: as written
        if (!RANKS.contains(name)) {
            return null;
        }
        // still a window's call, so that it is checked as one (not in WHERE, its PARTITION BY validated)
        SqlNode rows = SqlStdOperatorTable.OVER.createCall(pos, SqlStdOperatorTable.ROW_NUMBER.createCall(pos),
            window);
        SqlNode zero = SqlStdOperatorTable.MULTIPLY.createCall(pos, rows, SqlLiteral.createExactNumeric("0", pos));
        boolean relative = name.equals("percent_rank") || name.equals("cume_dist");
        SqlNode value = name.equals("percent_rank") ? zero
            : SqlStdOperatorTable.PLUS.createCall(pos, zero, SqlLiteral.createExactNumeric("1", pos));
        return SqlStdOperatorTable.CAST.createCall(pos, value,
            type(relative ? SqlTypeName.DOUBLE : SqlTypeName.BIGINT, pos));
    }

    /**
     * {@code TO_TIMESTAMP} as a {@code TIMESTAMP WITH LOCAL TIME ZONE}, PostgreSQL's {@code timestamptz}: an instant,
     * shown in the session's zone (UTC). Calcite's PostgreSQL function answers its {@code TIMESTAMP WITH TIME ZONE},
     * which Calcite cannot cast to a DATE (22003), cast to text as a number of milliseconds, or take the epoch of;
     * the local-zone type has the same milliseconds inside, and every operation. Of one number, PostgreSQL's
     * seconds since 1970-01-01 00:00 UTC, to the millisecond: {@code TO_TIMESTAMP(1700000000.5)}.
     */
    private static SqlNode toTimestamp(SqlCall call, SqlUnresolvedFunction function, SqlParserPos pos) {
        SqlNode instant;
        if (call.operandCount() == 1) {
            SqlNode seconds = SqlStdOperatorTable.CAST.createCall(pos, call.operand(0), type(SqlTypeName.DOUBLE, pos));
            SqlNode millis = SqlStdOperatorTable.CAST.createCall(pos, SqlStdOperatorTable.ROUND.createCall(pos,
                SqlStdOperatorTable.MULTIPLY.createCall(pos, seconds, SqlLiteral.createExactNumeric("1000", pos))),
                type(SqlTypeName.BIGINT, pos));
            instant = SqlStdOperatorTable.TIMESTAMP_ADD.createCall(pos, new SqlIntervalQualifier(
                TimeUnit.MILLISECOND, null, pos), millis, SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP,
                new TimestampString(1970, 1, 1, 0, 0, 0), 3, pos));
        } else {
            // looked up by the validator, as the parser left it (which infers the types of parameters), once
            instant = new Wrapped(function).createCall(pos, call.getOperandList());
        }
        return SqlStdOperatorTable.CAST.createCall(pos, instant, new SqlDataTypeSpec(
            new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3, pos), pos));
    }

    /** A function as the parser left it, that this class has rewritten already. */
    private static final class Wrapped extends SqlUnresolvedFunction {
        Wrapped(SqlUnresolvedFunction parsed) {
            super(parsed.getSqlIdentifier(), null, null, null, null, parsed.getFunctionType());
        }
    }

    /**
     * PostgreSQL's {@code trunc(x [, n])}, {@code btrim(s [, chars])} and the two-operand {@code ltrim}/{@code rtrim}
     * in Calcite's spelling, {@code TRUNCATE} and {@code TRIM(BOTH|LEADING|TRAILING chars FROM s)}, which answer as
     * they do (each of the characters taken off, in any order), and {@code array_length(a, 1)} (and
     * {@code array_upper(a, 1)}) as {@code NULLIF(CARDINALITY(a), 0)}; null when {@code call} is none of them.
     */
    private static SqlNode trimOrTruncate(SqlCall call, String name, SqlParserPos pos) {
        int n = call.operandCount();
        if (name.equals("trunc") && (n == 1 || n == 2)) {
            return SqlStdOperatorTable.TRUNCATE.createCall(pos, call.getOperandList());
        }
        if ((name.equals("array_length") || name.equals("array_upper")) && n == 2
            && call.operand(1) instanceof SqlLiteral dimension && dimension.getValue() instanceof BigDecimal d
            && d.compareTo(BigDecimal.ONE) == 0) {
            // the first dimension, the one Calcite's arrays have: NULL for an empty array, as PostgreSQL's
            return SqlStdOperatorTable.NULLIF.createCall(pos, SqlStdOperatorTable.CARDINALITY.createCall(pos,
                call.<SqlNode>operand(0)), SqlLiteral.createExactNumeric("0", pos));
        }
        SqlTrimFunction.Flag side = name.equals("btrim") && (n == 1 || n == 2) ? SqlTrimFunction.Flag.BOTH
            : name.equals("ltrim") && n == 2 ? SqlTrimFunction.Flag.LEADING
            : name.equals("rtrim") && n == 2 ? SqlTrimFunction.Flag.TRAILING : null;
        if (side == null) {
            return null;
        }
        SqlNode chars = n == 2 ? call.operand(1) : SqlLiteral.createCharString(" ", pos);
        return SqlStdOperatorTable.TRIM.createCall(pos, side.symbol(pos), chars, call.operand(0));
    }

    private static SqlDataTypeSpec type(SqlTypeName name, SqlParserPos pos) {
        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(name, pos), pos);
    }

    /** {@code EXTRACT(unit FROM x)} in Calcite's spelling, or {@code call} itself. */
    private static SqlNode extract(SqlCall call, SqlIntervalQualifier unit, SqlParserPos pos) {
        if (unit.timeFrameName != null) {
            // a name Calcite's parser does not know as a unit (MILLISECONDS) is a "time frame", whose unit range
            // reads EPOCH: it answered the epoch. PostgreSQL's plural names are its units
            TimeUnit named = PLURAL_UNITS.get(unit.timeFrameName.toUpperCase(Locale.ROOT));
            if (named == null) { // Calcite's own frames (ISOWEEK, WEEK_MONDAY) failed inside it: an internal error
                throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "unit \"" + unit.timeFrameName.toLowerCase(
                    Locale.ROOT) + "\" not recognized: EXTRACT takes PostgreSQL's units (year, month, day, hour, "
                    + "minute, second, milliseconds, microseconds, dow, isodow, doy, week, quarter, epoch, …)");
            }
            if (named == TimeUnit.SECOND) {
                return seconds(call.operand(1), pos);
            }
            call.setOperand(0, new SqlIntervalQualifier(named, null, unit.getParserPosition()));
            return call;
        }
        return switch (unit.timeUnitRange) {
            case SECOND -> seconds(call.operand(1), pos);
            case DOW -> dayOfWeek(call.operand(1), pos);
            case EPOCH -> EpochExtract.OPERATOR.createCall(pos, call.<SqlNode>operand(1));
            default -> call;
        };
    }

    /** {@code CAST(x AS TIMESTAMP(3))}: a timestamp of Hindsight's precision, whatever {@code x} was. */
    private static SqlNode timestamp(SqlNode x, SqlParserPos pos) {
        return SqlStdOperatorTable.CAST.createCall(pos, x,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, 3, pos), pos));
    }

    /**
     * PostgreSQL's seconds field with its fraction ({@code 7.250} of 10:00:07.25), from Calcite's milliseconds of the
     * minute: Calcite's {@code EXTRACT(SECOND …)} is a whole number (7). Exact: a {@code DECIMAL} of 3 fraction
     * digits, the milliseconds a TIMESTAMP holds.
     */
    private static SqlNode seconds(SqlNode x, SqlParserPos pos) {
        SqlNode millis = SqlStdOperatorTable.EXTRACT.createCall(pos,
            new SqlIntervalQualifier(TimeUnit.MILLISECOND, null, pos), x);
        return SqlStdOperatorTable.MULTIPLY.createCall(pos, millis, SqlLiteral.createExactNumeric("0.001", pos));
    }

    /** PostgreSQL's day of the week, Sunday 0 to Saturday 6, from Calcite's ISO one (Monday 1 to Sunday 7). */
    private static SqlNode dayOfWeek(SqlNode x, SqlParserPos pos) {
        SqlNode iso = SqlStdOperatorTable.EXTRACT.createCall(pos, new SqlIntervalQualifier(TimeUnit.ISODOW, null, pos),
            x);
        return SqlStdOperatorTable.MOD.createCall(pos, iso, SqlLiteral.createExactNumeric("7", pos));
    }

    private static SqlNode oneDay(SqlParserPos pos) {
        return SqlLiteral.createInterval(1, "1", new SqlIntervalQualifier(TimeUnit.DAY, null, pos), pos);
    }

    private static TimeUnit truncationUnit(String unit) {
        return switch (unit.strip().toLowerCase(Locale.ROOT)) {
            case "microseconds", "microsecond" -> TimeUnit.MICROSECOND;
            case "milliseconds", "millisecond" -> TimeUnit.MILLISECOND;
            case "second", "seconds" -> TimeUnit.SECOND;
            case "minute", "minutes" -> TimeUnit.MINUTE;
            case "hour", "hours" -> TimeUnit.HOUR;
            case "day", "days" -> TimeUnit.DAY;
            case "week", "weeks" -> TimeUnit.WEEK;
            case "month", "months" -> TimeUnit.MONTH;
            case "quarter" -> TimeUnit.QUARTER;
            case "year", "years" -> TimeUnit.YEAR;
            case "decade" -> TimeUnit.DECADE;
            case "century" -> TimeUnit.CENTURY;
            case "millennium" -> TimeUnit.MILLENNIUM;
            default -> throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "date_trunc unit \"" + unit
                + "\" not recognized: use one of microseconds, milliseconds, second, minute, hour, day, week, "
                + "month, quarter, year, decade, century, millennium");
        };
    }

    private static String version() {
        return ProductVersion.VALUE; // the drivers' too
    }

    /** Text with a unit word or a clock's colon, which only {@link PostgresInterval} reads. */
    private static boolean isIntervalText(String text) {
        return text.indexOf(':') >= 0 || text.chars().anyMatch(Character::isLetter);
    }

    /**
     * PostgreSQL's interval text with its units ({@code '3 days'::interval}, {@code CAST('2 hours' AS INTERVAL)}) as
     * the literal {@code INTERVAL '3 days'} is ({@link PostgresInterval}): Calcite read the text as a number of
     * seconds (22018). Clock text ({@code '01:30:00'}) too; text without a unit word or a colon ({@code '90'}) stays
     * Calcite's, seconds as in PostgreSQL.
     */
    private static SqlNode intervalText(String text, SqlParserPos pos) {
        try {
            return PostgresInterval.literal(pos, 1, text);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.of(SqlErrors.INVALID_DATETIME_FORMAT, e.getMessage());
        }
    }
}

package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.TargetTypes;
import dev.hindsight.sql.FloatingPoint;
import dev.hindsight.sql.RowLimits;
import dev.hindsight.sql.parser.BooleanText;
import dev.hindsight.sql.parser.IsoTimestampText;
import dev.hindsight.sql.parser.UuidText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.JDBCType;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.Meta.Signature;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Parameter values made to fit the type the statement gave each parameter, as PostgreSQL takes them; left to Avatica,
 * a value of another Java type reaches Calcite's generated code as it is and fails there with a
 * {@code ClassCastException} (an internal error, XX000), or silently changes.
 *
 * <table>
 *   <caption>What each parameter type takes</caption>
 *   <tr><th>parameter</th><th>value</th><th>bound as</th></tr>
 *   <tr><td>BIGINT, INTEGER, SMALLINT, TINYINT</td><td>a whole number (any Java number, or text such as
 *       {@code "42"})</td><td>that number if it is in the type's range, else 22003; {@code 1.5} or {@code "abc"}:
 *       22018</td></tr>
 *   <tr><td>DECIMAL, NUMERIC, DOUBLE, FLOAT, REAL</td><td>a number, or text such as {@code "2.25"}</td><td>the
 *       number; other text 22018</td></tr>
 *   <tr><td>BOOLEAN</td><td>a boolean, or text as a cast reads it ({@code true}, {@code t}, {@code yes},
 *       {@code on}, {@code 1}, {@code false} …)</td><td>the boolean; other text 22018</td></tr>
 *   <tr><td>TIMESTAMP</td><td>a timestamp, a date (its midnight), or ISO-8601 text
 *       ({@code 2026-11-01T10:00:00Z}, with an offset, or without one as UTC, {@code T} or a space between date and
 *       time, or a date alone)</td><td>that instant; other text 22007</td></tr>
 *   <tr><td>DATE</td><td>a date, a timestamp (its UTC date), or text as {@code CAST(text AS DATE)} reads it
 *       ({@code 2026-11-01})</td><td>that date; other text 22007, a field out of range 22008</td></tr>
 *   <tr><td>TIME</td><td>a time, a timestamp (its UTC time of day), or text as {@code CAST(text AS TIME)} reads it
 *       ({@code 10:00:00.5})</td><td>that time; other text 22007, a field out of range 22008</td></tr>
 * </table>
 *
 * <p>A value of a type the parameter cannot take at all (a boolean for a number, a number for a boolean, a date or
 * a timestamp, a time for a timestamp) is 42804 (datatype mismatch), naming the parameter and both types. Text
 * parameters take what they are given, as before. {@code LIMIT ?} and {@code schema_version}, which jOOQ and Spring
 * bind as {@code Long}, are INTEGER when they fit. Every error names the parameter by its position and the value.
 */
final class ParameterTypes {

    static final String DATATYPE_MISMATCH = "42804";

    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Integer.parseInt's words for digits alone that it refused: digits beyond an int, a field out of range. */
    private static final Pattern DIGITS_INPUT = Pattern.compile("For input string: \"\\s*\\d+\\s*\"");

    /** The most digits a DECIMAL parameter's value has before or after its point. */
    private static final int MAX_DECIMAL_DIGITS = 1000;
    /** The most digits of a number an error message writes out (more are written with an exponent). */
    private static final int MAX_SHOWN_DIGITS = 100;

    private ParameterTypes() {
    }

    /** {@code values} with each value made to fit its parameter; {@code values} itself if none needed it. */
    static List<TypedValue> conform(Signature signature, List<TypedValue> values) {
        if (signature == null) {
            return values;
        }
        List<TypedValue> out = values;
        for (int i = 0; i < values.size() && i < signature.parameters.size(); i++) {
            TypedValue value = values.get(i);
            if (value == null) { // never set (setNull binds a value): Calcite's "unbound parameter" named none
                throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "parameter " + (i + 1) + " has no value: set "
                    + "every ? before executing");
            }
            AvaticaParameter parameter = signature.parameters.get(i);
            refuseIntervals(parameter, i + 1);
            checkFrameOffset(parameter, value, i + 1);
            TypedValue fitted = rowLimit(parameter, value, i + 1);
            if (fitted == null) {
                if (value.value == null) {
                    continue;
                }
                fitted = "UUID".equals(parameter.typeName) ? uuid(value, i + 1)
                    : fit(parameter.parameterType, value, i + 1);
            }
            fitted = withinAnyPartition(parameter, fitted == null ? value : fitted, fitted);
            if (fitted != null) {
                if (out == values) {
                    out = new ArrayList<>(values);
                }
                out.set(i, fitted);
            }
        }
        return out;
    }

    /**
     * 0A000 for any value bound to an interval's place ({@code ts - ? < ?}), as sql.md says there are none: Calcite
     * reads an interval as a number of milliseconds or of months, so text failed with an internal error (a
     * ClassCastException), a number was counted in a unit the statement does not show (2 beside a difference of
     * timestamps was 2 ms, beside {@code INTERVAL '1' SECOND} 2 s) or wrapped ({@code Long.MAX_VALUE} days was -1),
     * an {@code int} or a {@code BigDecimal} failed as text did, and a NULL with a NullPointerException.
     */
    private static void refuseIntervals(AvaticaParameter parameter, int index) {
        if (parameter.typeName != null && parameter.typeName.startsWith("INTERVAL")) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "not supported: parameter " + index + " is an "
                + "interval: write it in the statement (INTERVAL '40' DAY) or compare EXTRACT(EPOCH FROM …) with a "
                + "number of seconds");
        }
    }

    /**
     * A UUID parameter's value: text read as PostgreSQL reads a UUID ({@link UuidText}; it stayed text, unequal to
     * every UUID: {@code CAST(event_id AS UUID) = ?} found nothing), a {@code UUID} as it is, anything else 42804.
     */
    private static TypedValue uuid(TypedValue value, int index) {
        if (value.value instanceof UUID) {
            return null;
        }
        if (value.type == Rep.STRING && value.value instanceof String s) { // bytes arrive as base64 text: 42804
            try {
                return TypedValue.ofLocal(Rep.OBJECT, UuidText.parse(s));
            } catch (IllegalArgumentException e) {
                throw SqlErrors.of(SqlErrors.INVALID_CHARACTER_VALUE_FOR_CAST, "parameter " + index + " is a UUID: "
                    + e.getMessage());
            }
        }
        throw SqlErrors.of(DATATYPE_MISMATCH, "parameter " + index + " is a UUID and cannot take a value of class "
            + value.value.getClass().getSimpleName() + ": bind a java.util.UUID or its text");
    }

    /** What to bind instead of {@code value} for a parameter of {@code jdbcType}, or {@code null} to bind it as is. */
    private static TypedValue fit(int jdbcType, TypedValue value, int index) {
        Object v = value.value;
        if (value.type == Rep.BYTE_STRING && (jdbcType == Types.VARCHAR || jdbcType == Types.CHAR)) {
            // Avatica bound the bytes as their hex digits: text the client never wrote (PostgreSQL: 42804)
            throw SqlErrors.of(DATATYPE_MISMATCH, "parameter " + index + " is " + name(jdbcType) + " and cannot take "
                + "bytes (a byte[]): bind text, e.g. new String(bytes, StandardCharsets.UTF_8)");
        }
        if ((value.type == Rep.JAVA_SQL_DATE || value.type == Rep.JAVA_SQL_TIME || value.type == Rep.JAVA_SQL_TIMESTAMP)
            && jdbcType != Types.DATE && jdbcType != Types.TIME && jdbcType != Types.TIMESTAMP) {
            // a date or time for another type: its text for text, as PostgreSQL writes it; for anything else 42804,
            // not its number of days or milliseconds
            if (jdbcType == Types.VARCHAR || jdbcType == Types.CHAR) {
                return TypedValue.ofLocal(Rep.STRING, text(value));
            }
            if (jdbcType == Types.JAVA_OBJECT) {
                // a place of any type, a JSON constructor's value (JSON_OBJECT('k' VALUE ?)): the text such a
                // constructor writes of a date or time (JsonConstructorValues), ISO 8601 as PostgreSQL's
                // json_build_object writes a bound one; it was 42804 for every date and time
                return TypedValue.ofLocal(Rep.STRING, isoText(value));
            }
            throw mismatch(value, jdbcType, index);
        }
        boolean text = jdbcType == Types.VARCHAR || jdbcType == Types.CHAR;
        boolean unmapped = value.type == Rep.OBJECT
            && !(v instanceof UUID || v instanceof CharSequence || v instanceof Number);
        if (text && (value.type == Rep.ARRAY || unmapped)) {
            // a list, a map, a Long[], a Duration: Avatica bound its toString, "[Ljava.lang.Long;@7006b304", which an
            // INSERT appended for good; PostgreSQL's driver refuses a class it cannot map, as the thin driver does
            throw mismatch(v, jdbcType, index);
        }
        return switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> whole(jdbcType, value, index);
            case Types.DECIMAL, Types.NUMERIC -> decimal(v, jdbcType, index);
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> v instanceof String s
                ? TypedValue.ofLocal(Rep.DOUBLE, floating(s, jdbcType, index))
                : v instanceof BigDecimal d ? floating(d, jdbcType, index)
                : jdbcType == Types.REAL && v instanceof Double d ? real(d, index) : numberOnly(v, jdbcType, index);
            case Types.BOOLEAN -> bool(v, index);
            case Types.TIMESTAMP -> timestamp(value, index);
            case Types.DATE -> date(value, index);
            case Types.TIME -> time(value, index);
            case Types.BINARY, Types.VARBINARY -> bytesOnly(value, jdbcType, index);
            case Types.ARRAY -> arrayOnly(value, index);
            default -> null;
        };
    }

    /**
     * A timestamp parameter's value: a date is its midnight (as Avatica's own conversions take it, an {@code int} of
     * days would reach code that wants a {@code long} of milliseconds); a time of day is no timestamp.
     */
    private static TypedValue timestamp(TypedValue value, int index) {
        Object v = value.value;
        if (v instanceof String s) {
            return TypedValue.ofLocal(Rep.JAVA_SQL_TIMESTAMP, millis(s, index));
        }
        if (value.type == Rep.JAVA_SQL_DATE) {
            return TypedValue.ofLocal(Rep.JAVA_SQL_TIMESTAMP, ((Number) v).longValue() * MILLIS_PER_DAY);
        }
        if (value.type == Rep.JAVA_SQL_TIMESTAMP || value.type == Rep.JAVA_UTIL_DATE) {
            return null; // its milliseconds since 1970, as Avatica carries a timestamp
        }
        // a number was read as milliseconds since 1970 (AS OF TIMESTAMP ? given a seq read the log's first instants
        // and answered nothing; PostgreSQL refuses a bigint for a timestamp too); a Calendar reached Calcite's code
        // as it is (an internal error, ClassCastException)
        throw mismatch(value, Types.TIMESTAMP, index);
    }

    /** A date parameter's value: days since 1970-01-01, from a date, a timestamp's UTC date, or text. */
    private static TypedValue date(TypedValue value, int index) {
        return switch (value.type) {
            case JAVA_SQL_DATE -> null;
            case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE -> TypedValue.ofLocal(Rep.JAVA_SQL_DATE,
                (int) Math.floorDiv(((Number) value.value).longValue(), MILLIS_PER_DAY));
            case STRING -> TypedValue.ofLocal(Rep.JAVA_SQL_DATE, dateOrTime((String) value.value, Types.DATE, index));
            default -> throw mismatch(value, Types.DATE, index);
        };
    }

    /** A time parameter's value: milliseconds of the day, from a time, a timestamp's UTC time of day, or text. */
    private static TypedValue time(TypedValue value, int index) {
        return switch (value.type) {
            case JAVA_SQL_TIME -> null;
            case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE -> TypedValue.ofLocal(Rep.JAVA_SQL_TIME,
                (int) Math.floorMod(((Number) value.value).longValue(), MILLIS_PER_DAY));
            case STRING -> TypedValue.ofLocal(Rep.JAVA_SQL_TIME, dateOrTime((String) value.value, Types.TIME, index));
            default -> throw mismatch(value, Types.TIME, index);
        };
    }

    /**
     * Text read as {@code CAST(text AS DATE)} or {@code CAST(text AS TIME)} reads it (ISO-8601 made Calcite's, then
     * Calcite's own reading), so that the same text names the same date or time bound or written in the statement:
     * days since 1970-01-01 for a DATE, milliseconds of the day for a TIME.
     */
    private static int dateOrTime(String text, int jdbcType, int index) {
        String t = text.strip();
        try {
            return jdbcType == Types.DATE ? DateTimeUtils.dateStringToUnixDate(IsoTimestampText.calciteDateText(t))
                : DateTimeUtils.timeStringToUnixDate(IsoTimestampText.calciteTimeText(t));
        } catch (IllegalArgumentException e) { // NumberFormatException too: Calcite reads each field as an int
            String what = jdbcType == Types.DATE ? "date (such as 2026-11-01)" : "time (such as 10:00:00.5)";
            String message = String.valueOf(e.getMessage());
            boolean outOfRange = message.startsWith("Value of ") || (e instanceof NumberFormatException
                && DIGITS_INPUT.matcher(message).matches());
            throw outOfRange
                ? SqlErrors.of(SqlErrors.DATETIME_FIELD_OVERFLOW, "parameter " + index + " is " + name(jdbcType)
                    + ": " + (message.startsWith("Value of ") ? message : "'" + text + "' has a field out of range"))
                : SqlErrors.of(SqlErrors.INVALID_DATETIME_FORMAT, "parameter " + index + " is " + name(jdbcType)
                    + ": '" + text + "' is not a " + what);
        }
    }

    /**
     * A {@code LIMIT ?} or {@code OFFSET ?} value ({@link RowLimits}): NULL as no limit or no offset, a negative one
     * 2201W / 2201X, as PostgreSQL has them; {@code null} (fit as any integer) for anything else, or for another
     * parameter.
     */
    private static TypedValue rowLimit(AvaticaParameter parameter, TypedValue value, int index) {
        boolean limit = RowLimits.LIMIT.equals(parameter.name);
        if (!limit && !RowLimits.OFFSET.equals(parameter.name)) {
            return null;
        }
        if (value.value == null) {
            return TypedValue.ofLocal(Rep.INTEGER, limit ? Integer.MAX_VALUE : 0);
        }
        if (value.value instanceof Number n && n.doubleValue() < 0) {
            throw SqlErrors.of(limit ? "2201W" : "2201X", (limit ? "LIMIT" : "OFFSET") + " must not be negative: "
                + "parameter " + index + " is " + n);
        }
        return null;
    }

    /**
     * A window frame's offset ({@link RowLimits}), if {@code parameter} is one: neither NULL (22004) nor
     * negative (22013), as PostgreSQL's.
     */
    private static void checkFrameOffset(AvaticaParameter parameter, TypedValue value, int index) {
        boolean start = RowLimits.FRAME_START.equals(parameter.name) || RowLimits.ROWS_START.equals(parameter.name);
        if (!start && !RowLimits.FRAME_END.equals(parameter.name) && !RowLimits.rowsOffset(parameter.name)) {
            return;
        }
        String which = start ? "starting" : "ending";
        if (value.value == null) {
            throw SqlErrors.of(SqlErrors.NULL_VALUE_NOT_ALLOWED, "frame " + which + " offset must not be null: "
                + "parameter " + index + " is NULL");
        }
        if (value.value instanceof Number n && n.doubleValue() < 0) {
            throw SqlErrors.of(SqlErrors.INVALID_FRAME_OFFSET, "frame " + which + " offset must not be negative: "
                + "parameter " + index + " is " + n);
        }
    }

    /**
     * A {@code ROWS} frame's offset ({@code value}, fitted to its {@code BIGINT} place) of a billion rows or more as
     * 999,999,999, as far as any partition reaches, as a literal is taken ({@code RangeOffsets}): Calcite adds the
     * offset to an {@code int} row index, so 4294967297 was 1 and 3000000000 an empty frame. {@code fitted} as it
     * was for any other parameter.
     */
    private static @Nullable TypedValue withinAnyPartition(AvaticaParameter parameter, TypedValue value,
                                                           @Nullable TypedValue fitted) {
        return RowLimits.rowsOffset(parameter.name) && value.value instanceof Number n
            && n.doubleValue() > RowLimits.ROWS_BEYOND_ANY_PARTITION
            ? TypedValue.ofLocal(Rep.LONG, RowLimits.ROWS_BEYOND_ANY_PARTITION) : fitted;
    }

    /** A whole number for an integer parameter, in its type's range. */
    private static TypedValue whole(int jdbcType, TypedValue value, int index) {
        Object v = value.value;
        long n;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else if (v instanceof Number number) {
            n = exact(number, jdbcType, index);
        } else if (v instanceof String s) {
            n = exact(number(s, jdbcType, index), jdbcType, index);
        } else {
            throw mismatch(v, jdbcType, index);
        }
        switch (jdbcType) {
            case Types.INTEGER -> {
                check(n, Integer.MIN_VALUE, Integer.MAX_VALUE, index, Types.INTEGER);
                return value.type == Rep.INTEGER || value.type == Rep.PRIMITIVE_INT
                    ? null : TypedValue.ofLocal(Rep.INTEGER, (int) n);
            }
            case Types.SMALLINT -> check(n, Short.MIN_VALUE, Short.MAX_VALUE, index, Types.SMALLINT);
            case Types.TINYINT -> check(n, Byte.MIN_VALUE, Byte.MAX_VALUE, index, Types.TINYINT);
            default -> {
            }
        }
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
            ? null : TypedValue.ofLocal(Rep.LONG, n);
    }

    /** {@code number} as a long, or 22018 if it has a fraction, 22003 if it is beyond a long. */
    private static long exact(Number number, int jdbcType, int index) {
        BigDecimal d = number instanceof BigDecimal b ? b
            : number instanceof BigInteger b ? new BigDecimal(b) : BigDecimal.valueOf(number.doubleValue());
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            if (d.stripTrailingZeros().scale() > 0) {
                throw SqlErrors.of(SqlErrors.INVALID_CHARACTER_VALUE_FOR_CAST, "parameter " + index + " is "
                    + name(jdbcType) + ": " + shown(d) + " is not a whole number");
            }
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value " + shown(d) + " of parameter "
                + index + " is out of range for its type " + name(jdbcType));
        }
    }

    /** A DECIMAL parameter's value: text read as a number, a number of a sane size ({@link #decimal}) as it is. */
    private static TypedValue decimal(Object v, int jdbcType, int index) {
        if (v instanceof String s) {
            return TypedValue.ofLocal(Rep.NUMBER, decimal(number(s, jdbcType, index), index));
        }
        if (v instanceof BigDecimal d) {
            decimal(d, index);
            return null;
        }
        if (v instanceof Double || v instanceof Float) {
            // its decimal text (Double.toString), as a cast of a DOUBLE to a DECIMAL reads it: bound as is, it was its
            // binary value (new BigDecimal(492.51), 492.5099999999999909…), so total = ? with setDouble(492.51) found
            // no row; held to a DECIMAL parameter's bounds, as text and a BigDecimal are
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "parameter " + index + " is "
                    + name(jdbcType) + ": cannot convert " + v + " to a number of digits");
            }
            return TypedValue.ofLocal(Rep.NUMBER, decimal(v instanceof Float f ? new BigDecimal(f.toString())
                : BigDecimal.valueOf(d), index));
        }
        return numberOnly(v, jdbcType, index);
    }

    /** Text for a DOUBLE or REAL parameter: its value, or 22003 beyond the type's range, as a cast of it says. */
    private static double floating(String text, int jdbcType, int index) {
        BigDecimal number = number(text, jdbcType, index);
        double d = jdbcType == Types.REAL ? number.floatValue() : number.doubleValue();
        if (FloatingPoint.outOfRange(d, text)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "parameter " + index + " is " + name(jdbcType)
                + ": \"" + text.strip() + "\" is out of range for a floating-point type");
        }
        return d;
    }

    /**
     * {@code null} (bound as is) for an exact number a floating-point place holds; 22003 for one past its range or
     * below its smallest step, as for the same number in text ({@code 1e400} of a JSON body, a {@code setBigDecimal}:
     * they were bound as Infinity and 0).
     */
    private static TypedValue floating(BigDecimal number, int jdbcType, int index) {
        double d = jdbcType == Types.REAL ? number.floatValue() : number.doubleValue();
        if (Double.isInfinite(d) || (d == 0 && number.signum() != 0)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "parameter " + index + " is " + name(jdbcType)
                + ": " + number + " is out of range for a floating-point type");
        }
        return null;
    }

    /**
     * {@code null} (bound as is) for a {@code double} a {@code REAL} holds; 22003 for one past its range or below its
     * smallest step, as for the same number as text or a {@code BigDecimal} ({@code setDouble(1e300)} was bound as
     * Infinity, {@code 1e-50} as 0). NaN and the infinities are values of both.
     */
    private static TypedValue real(double d, int index) {
        if (TargetTypes.outsideReal(d)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "parameter " + index + " is REAL: " + d
                + " is out of range for a floating-point type");
        }
        return null;
    }

    /**
     * {@code d}, if it has at most 1,000 digits before and after its point; else 22003, as PostgreSQL refuses a
     * {@code numeric} past its own (wider) limits: only an exponent writes such a number in a parameter's text, and
     * Calcite's casts and arithmetic of it take time quadratic in the exponent ({@code 1E+999999} to a
     * {@code DECIMAL(12, 2)}: minutes a row).
     */
    private static BigDecimal decimal(BigDecimal d, int index) {
        if (d.scale() > MAX_DECIMAL_DIGITS || (long) d.precision() - d.scale() > MAX_DECIMAL_DIGITS) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format: parameter "
                + index + " is " + d + ", beyond " + MAX_DECIMAL_DIGITS + " digits before or after the point");
        }
        return d;
    }

    /** {@code d} for a message: its plain numeral, or with an exponent if that would be long (1E+999999). */
    private static String shown(BigDecimal d) {
        return Math.abs((long) d.precision() - d.scale()) > MAX_SHOWN_DIGITS ? d.toString() : d.toPlainString();
    }

    private static BigDecimal number(String text, int jdbcType, int index) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw SqlErrors.of(SqlErrors.INVALID_CHARACTER_VALUE_FOR_CAST, "parameter " + index + " is "
                + name(jdbcType) + ": '" + text + "' is not a number");
        }
    }

    private static TypedValue bool(Object v, int index) {
        if (v instanceof Boolean) {
            return null;
        }
        if (v instanceof String s) {
            Boolean b = BooleanText.valueOf(s); // as a cast of the text reads it
            if (b != null) {
                return TypedValue.ofLocal(Rep.BOOLEAN, b);
            }
            throw SqlErrors.of(SqlErrors.INVALID_CHARACTER_VALUE_FOR_CAST, "parameter " + index
                + " is BOOLEAN: '" + s + "' is neither true nor false");
        }
        throw mismatch(v, Types.BOOLEAN, index);
    }

    /**
     * The instant ISO-8601 {@code text} names: with an offset, or without one as UTC (as {@code ts} is), with
     * {@code T} or a space between date and time, or a date alone (its midnight, UTC). Read as a literal's text is
     * ({@link IsoTimestampText}), so that the same text names the same instant bound or written in the statement.
     */
    private static long millis(String text, int index) {
        String t = IsoTimestampText.calciteText(text.strip());
        try {
            if (t.length() <= 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw SqlErrors.of(SqlErrors.INVALID_DATETIME_FORMAT, "parameter " + index + " is TIMESTAMP: '" + text
                + "' is not a time (ISO-8601, such as 2026-11-01T10:00:00Z)");
        }
    }

    /**
     * 42804 for a boolean, or anything else no number, where a number is wanted; {@code null} (bind as is) for a
     * number. A {@code Character} or a {@code UUID} was bound as is and failed in the statement's code (XX000, a
     * ClassCastException).
     */
    private static TypedValue numberOnly(Object v, int jdbcType, int index) {
        if (!(v instanceof Number)) {
            throw mismatch(v, jdbcType, index);
        }
        return null;
    }

    /**
     * 42804 for anything but an array (a {@code java.sql.Array}, a {@code List}) where an array is wanted: text (a JSON
     * array of {@code POST /v1/sql}'s params arrives as its text) or a number failed in the statement's code
     * ({@code XX000}, a ClassCastException; a 500 over HTTP).
     */
    private static TypedValue arrayOnly(TypedValue value, int index) {
        if (value.type != Rep.ARRAY && !(value.value instanceof List)) {
            throw SqlErrors.of(DATATYPE_MISMATCH, "parameter " + index + " is ARRAY and cannot take "
                + (value.value instanceof CharSequence ? "text" : "a " + value.value.getClass().getName())
                + ": bind a java.sql.Array (setArray) or a List, or write the array in the statement (ARRAY[1, 2])");
        }
        return null;
    }

    /** 42804 for anything but bytes where bytes are wanted: text or a number failed in the statement's code. */
    private static TypedValue bytesOnly(TypedValue value, int jdbcType, int index) {
        if (value.type != Rep.BYTE_STRING) {
            throw SqlErrors.of(DATATYPE_MISMATCH, "parameter " + index + " is " + name(jdbcType) + " and cannot take "
                + (value.value instanceof CharSequence ? "text" : "a " + value.value.getClass().getName())
                + ": bind a byte[] (setBytes)");
        }
        return null;
    }

    /** A date, time or timestamp value as text: {@code 2026-11-01}, {@code 10:00:00[.5]}, both with a space between. */
    private static String text(TypedValue value) {
        long n = ((Number) value.value).longValue();
        if (value.type == Rep.JAVA_SQL_DATE) {
            return LocalDate.ofEpochDay(n).toString();
        }
        long millis = value.type == Rep.JAVA_SQL_TIME ? n : Math.floorMod(n, MILLIS_PER_DAY);
        String time = String.format(Locale.ROOT, "%02d:%02d:%02d", millis / 3_600_000, millis / 60_000 % 60,
            millis / 1000 % 60) + (millis % 1000 == 0 ? "" : String.format(Locale.ROOT, ".%03d", millis % 1000));
        return value.type == Rep.JAVA_SQL_TIME ? time
            : LocalDate.ofEpochDay(Math.floorDiv(n, MILLIS_PER_DAY)) + " " + time;
    }

    /** {@link #text}, ISO 8601: a {@code T} between date and time, a fraction without its trailing zeros. */
    private static String isoText(TypedValue value) {
        String text = text(value).replace(' ', 'T');
        int point = text.indexOf('.');
        if (point < 0) {
            return text;
        }
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        return text.substring(0, text.charAt(end - 1) == '.' ? end - 1 : end);
    }

    /** As {@link #mismatch(Object, int, int)}, naming a date or a time as one rather than as its number. */
    private static RuntimeException mismatch(TypedValue value, int jdbcType, int index) {
        return switch (value.type) {
            case JAVA_SQL_DATE -> mismatch("a DATE", LocalDate.ofEpochDay(((Number) value.value).longValue()), jdbcType,
                index);
            case JAVA_SQL_TIME -> mismatch("a TIME", LocalTime.ofNanoOfDay(
                Math.floorMod(((Number) value.value).longValue(), MILLIS_PER_DAY) * 1_000_000L), jdbcType, index);
            case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE -> mismatch("a TIMESTAMP",
                Instant.ofEpochMilli(((Number) value.value).longValue()), jdbcType, index);
            default -> mismatch(value.value, jdbcType, index);
        };
    }

    private static RuntimeException mismatch(Object v, int jdbcType, int index) {
        if (!(v instanceof Boolean || v instanceof Number || v instanceof CharSequence)) {
            // named by its class alone: a Calendar's text is some 500 characters of its fields
            return SqlErrors.of(DATATYPE_MISMATCH, "parameter " + index + " is " + name(jdbcType)
                + " and cannot take a " + v.getClass().getName());
        }
        return mismatch(v instanceof Boolean ? "BOOLEAN" : v instanceof Number ? "a number"
            : v.getClass().getSimpleName(), v, jdbcType, index);
    }

    private static RuntimeException mismatch(String given, Object v, int jdbcType, int index) {
        return SqlErrors.of(DATATYPE_MISMATCH, "parameter " + index + " is " + name(jdbcType) + " and cannot take "
            + given + " (" + v + ")");
    }

    private static void check(long n, long min, long max, int index, int jdbcType) {
        if (n < min || n > max) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value " + n + " of parameter " + index
                + " is out of range for its type " + name(jdbcType) + " (" + min + " to " + max + ")");
        }
    }

    /** The type's SQL name, as {@code java.sql.Types} names it ({@code BIGINT}, {@code TIMESTAMP}, …). */
    private static String name(int jdbcType) {
        try {
            return JDBCType.valueOf(jdbcType).getName();
        } catch (IllegalArgumentException e) {
            return "type " + jdbcType;
        }
    }
}

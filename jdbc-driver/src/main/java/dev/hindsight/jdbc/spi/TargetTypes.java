package dev.hindsight.jdbc.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * {@code setObject(index, value, targetSqlType)} for the pairs Avatica converts wrongly or not at all, as PostgreSQL's
 * driver converts them: the value a driver then binds as its own type. Avatica refused a {@code java.sql.Timestamp}
 * for {@code TIMESTAMP} (and a {@code Date} for {@code DATE}, a number or a date for {@code VARCHAR}) with 0A000,
 * while tools bind through {@code setObject(value, sqlType)}; and it took a number or a boolean for a date-time as
 * milliseconds since 1970 ({@code setObject(5, Types.TIMESTAMP)} was {@code 1970-01-01 00:00:00.005}). Both drivers
 * ask here first.
 */
public final class TargetTypes {

    /** {@link #ownType}'s answer when the pair is left to the driver's own conversion. */
    public static final Object UNCHANGED = new Object();

    private static final String CANNOT_CONVERT = "07006";
    private static final String OUT_OF_RANGE = "22003";

    private TargetTypes() {
    }

    /**
     * What to bind as its own type for {@code x} set with {@code targetSqlType}, or {@link #UNCHANGED}.
     *
     * @throws SQLException 07006 for a number or a boolean set as a date, time or timestamp, as PostgreSQL's driver;
     *         22003 for a number set as a {@code REAL} beyond its range or below its smallest step
     */
    @SuppressWarnings("JavaUtilDate") // JDBC's date-time values are java.util.Date's subclasses
    public static Object ownType(int index, Object x, int targetSqlType) throws SQLException {
        if (x == null) {
            return UNCHANGED;
        }
        if (x instanceof String && isDatetime(targetSqlType)) {
            // text, read as the same text set without a type is (ISO-8601, UTC): Avatica parsed it in the JVM's
            // zone and sent that instant, so 03:04:05 was 21:34:05 in a JVM at +05:30
            return x;
        }
        switch (targetSqlType) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                if (x instanceof Timestamp) {
                    return x;
                }
                if (x instanceof java.util.Date d) { // java.sql.Date: its midnight, as PostgreSQL's driver
                    return new Timestamp(d.getTime());
                }
            }
            case Types.DATE -> {
                if (x instanceof java.sql.Date) {
                    return x;
                }
                if (x instanceof java.util.Date d && !(x instanceof Time)) {
                    return new java.sql.Date(d.getTime()); // the day it is in, as the Timestamp's fields say
                }
            }
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
                if (x instanceof Time) {
                    return x;
                }
                if (x instanceof Timestamp t) {
                    return new Time(t.getTime());
                }
            }
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> {
                if (x instanceof BigDecimal d) {
                    return d.toPlainString();
                }
                if (x instanceof Number || x instanceof Boolean || x instanceof java.util.Date) {
                    return x.toString(); // a Timestamp's text is its JDBC escape form, 2026-11-01 10:00:00.5
                }
            }
            case Types.REAL -> {
                // Avatica makes it a float: 1e300 was Infinity and 1e-50 zero (22003 as text or a setDouble)
                if (x instanceof Number n && !(x instanceof Float) && outsideReal(n.doubleValue())) {
                    throw new SQLException("parameter " + index + ": " + x + " is out of range for REAL", OUT_OF_RANGE);
                }
                return UNCHANGED;
            }
            default -> {
                return UNCHANGED;
            }
        }
        if ((x instanceof Number || x instanceof Boolean) && isDatetime(targetSqlType)) {
            throw new SQLException("parameter " + index + ": a " + x.getClass().getName() + " cannot be set as "
                + JDBCType.valueOf(targetSqlType).getName() + "; set a java.sql.Timestamp, a java.time value or text",
                CANNOT_CONVERT);
        }
        return UNCHANGED;
    }

    /**
     * Whether a {@code double} has no {@code REAL} of its own: past a float's range (a finite double a float holds as
     * Infinity) or below its smallest step (a non-zero one it holds as 0). NaN and the infinities are values of both.
     * One rule for both drivers' {@code setObject(x, Types.REAL)} and the engine's {@code REAL} parameters.
     */
    public static boolean outsideReal(double d) {
        float f = (float) d;
        return (Float.isInfinite(f) && !Double.isInfinite(d)) || (f == 0 && d != 0);
    }

    /**
     * {@code x} set with {@code targetSqlType} and {@code scaleOrLength}: a number for a {@code DECIMAL} or
     * {@code NUMERIC} as the decimal of that many digits after the point (none negative), rounded a half up from the
     * number's text ({@code 1.255d} at 2 is 1.26, as PostgreSQL's driver rounds it); anything else as it is, for
     * {@code setObject(index, value, targetSqlType)}. Avatica's ignored the scale, and a {@code double} went as its
     * binary expansion ({@code 1.25499999999999989341858963598497211933135986328125}).
     */
    public static Object scaled(Object x, int targetSqlType, int scaleOrLength) {
        boolean notFinite = (x instanceof Double || x instanceof Float) && !Double.isFinite(((Number) x).doubleValue());
        if ((targetSqlType != Types.DECIMAL && targetSqlType != Types.NUMERIC) || !(x instanceof Number n)
            || scaleOrLength < 0 || notFinite) {
            return x; // NaN and the infinities as they are: refused where they are bound, as without a scale
        }
        BigDecimal d;
        try {
            d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return x; // a Number of the caller's whose text is no numeral: bound as without a scale, not thrown
        }
        return d.setScale(scaleOrLength, RoundingMode.HALF_UP);
    }

    /** Whether JDBC type {@code type} is a date, a time or a timestamp, with a zone or without. */
    static boolean isDatetime(int type) {
        return type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.DATE
            || type == Types.TIME || type == Types.TIME_WITH_TIMEZONE;
    }
}

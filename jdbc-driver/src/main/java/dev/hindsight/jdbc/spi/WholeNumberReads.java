package dev.hindsight.jdbc.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Types;

/**
 * {@code getByte}, {@code getShort}, {@code getInt} and {@code getLong} of a value the getter's type cannot hold fail
 * with 22003, as PostgreSQL's driver ("Bad value for type int"), where Avatica's accessors narrowed it as a Java cast
 * does: {@code getInt} of the BIGINT 3000000000 was -1294967296, {@code getLong} of the DECIMAL
 * 99999999999999999999 7766279631452241919. A fraction is cut off, as PostgreSQL's driver cuts it ({@code getInt} of
 * 1.9 is 1). Both drivers read through these rules, so they answer alike.
 */
public final class WholeNumberReads {

    private WholeNumberReads() {
    }

    /**
     * Whether a column of JDBC type {@code type} may hold a value a whole number of {@code bits} (8, 16, 32 or 64)
     * cannot: a wider integer, a DECIMAL or a floating-point number; or whose values are no numbers (a date or time,
     * refused by {@link #narrowed}). Only those reads are checked; the others are Avatica's as they were.
     */
    public static boolean mayOverflow(int type, int bits) {
        return switch (type) {
            case Types.BIGINT -> bits < 64;
            case Types.INTEGER -> bits < 32;
            case Types.SMALLINT -> bits < 16;
            case Types.DECIMAL, Types.NUMERIC, Types.DOUBLE, Types.FLOAT, Types.REAL -> true;
            // no number at all: Avatica read a TIMESTAMP's epoch milliseconds cut to the getter's width (getInt of
            // 2026-01-02 03:04:05.123 was 2091486467), a DATE's days; PostgreSQL's driver refuses them
            case Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIME_WITH_TIMEZONE,
                 Types.TIMESTAMP_WITH_TIMEZONE -> true;
            default -> TextNumbers.isText(type); // the number the text holds (TextNumbers); Avatica refused it
        };
    }

    /**
     * Refuses {@code getter} ({@code getBigDecimal}, {@code getDouble}, {@code getFloat}, {@code getBoolean}) of a
     * column of JDBC type {@code type} that holds a date or time: Avatica answered its number of days or milliseconds
     * ({@code getBigDecimal} of DATE '2024-02-29' was 19782, {@code getBoolean} of any but the epoch true), as the
     * whole-number getters once did ({@link #narrowed}); PostgreSQL's driver refuses them.
     *
     * @throws SQLException 22018, as the whole-number getters' refusal of such a column
     */
    public static void checkNumeric(int type, int column, String getter) throws SQLException {
        if (TargetTypes.isDatetime(type)) {
            throw new SQLException("column " + column + " holds a date or time, not a number: " + getter
                + " cannot read it; read it with getObject, getTimestamp or getString", "22018");
        }
    }

    /**
     * {@code value}, a column's value as {@code getObject} gives it (a boxed number, or null: 0, as JDBC reads a
     * NULL), as a whole number of {@code bits}, its fraction cut off.
     *
     * @throws SQLException 22003 naming the value and the getter's type if it does not fit (NaN and the infinities
     *                      never do)
     */
    public static long narrowed(Object value, int bits, int column) throws SQLException {
        if (value == null) {
            return 0;
        }
        BigInteger whole;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            whole = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            whole = d.toBigInteger();
        } else if (value instanceof String text) {
            whole = TextNumbers.whole(text, 20, column); // 20 digits: past any long
            if (whole == null) {
                throw outOfRange(value, bits, column);
            }
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw outOfRange(value, bits, column);
            }
            whole = BigDecimal.valueOf(d).toBigInteger();
        } else {
            throw new SQLException("column " + column + " holds a " + value.getClass().getName() + " (" + value
                + "), not a number: read it with getObject or getString", "22018");
        }
        if (whole.bitLength() >= bits) {
            throw outOfRange(value, bits, column);
        }
        return whole.longValue();
    }

    private static SQLException outOfRange(Object value, int bits, int column) {
        String type = switch (bits) {
            case 8 -> "byte";
            case 16 -> "short";
            case 32 -> "int";
            default -> "long";
        };
        return new SQLException("bad value for type " + type + ": " + value + " (column " + column + ") is out of its "
            + "range", "22003");
    }
}

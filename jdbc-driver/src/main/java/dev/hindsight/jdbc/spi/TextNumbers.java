package dev.hindsight.jdbc.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * The number or truth value a text column holds, for the getters JDBC lets read text ({@code getInt}, {@code getLong},
 * {@code getDouble}, {@code getBigDecimal}, {@code getBoolean}, …; JDBC 4.3's table B-6), as PostgreSQL's driver
 * reads them: the text trimmed, then read as a number; a fraction cut off for a whole-number getter
 * ({@link WholeNumberReads}). {@code JSON_VALUE} answers text, so {@code getLong} of {@code JSON_VALUE(data,
 * '$.qty')} is the common case; Avatica refused every such read (07006). Text that is no number is 22018.
 */
public final class TextNumbers {

    private TextNumbers() {
    }

    /** Whether a column of JDBC type {@code type} holds text. */
    public static boolean isText(int type) {
        return switch (type) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> true;
            default -> false;
        };
    }

    /**
     * Text longer than this is not read as a number: parsing a number's digits takes time that grows with their square
     * ({@code BigInteger}), and a column's text may be a mebibyte long.
     */
    static final int MAX_LENGTH = 1_000;

    /** {@code text} as a decimal number; SQL NULL ({@code null}) as {@code null}. */
    public static BigDecimal decimal(String text, int column) throws SQLException {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new SQLException("column " + column + " holds text of " + trimmed.length() + " characters, longer "
                + "than any number this driver reads from text (" + MAX_LENGTH + ")", "22018");
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw notA("number", text, column);
        }
    }

    /**
     * {@code text} (not null: the caller reads a NULL as 0) as a whole number, its fraction cut off; {@code null} if
     * it has more than {@code digits} whole digits (out of any getter's range). Decided before any digit is made:
     * {@code 1e999999999} and {@code 1e-999999999} are short texts whose {@code toBigInteger()} would compute 10 to
     * the billionth power.
     */
    public static BigInteger whole(String text, int digits, int column) throws SQLException {
        BigDecimal d = decimal(text, column);
        long wholeDigits = (long) d.precision() - d.scale();
        if (d.signum() == 0 || wholeDigits <= 0) {
            return BigInteger.ZERO;
        }
        return wholeDigits > digits ? null : d.toBigInteger();
    }

    /**
     * {@code text} as a double: a decimal number, or {@code NaN}, {@code Infinity}, {@code -Infinity}; SQL NULL
     * ({@code null}) as 0, as JDBC reads a NULL.
     */
    public static double floating(String text, int column) throws SQLException {
        if (text == null) {
            return 0;
        }
        String trimmed = text.strip();
        return switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "infinity", "+infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> decimal(text, column).doubleValue();
        };
    }

    /**
     * {@code text} as a truth value, as PostgreSQL's driver reads one from text: {@code true}, {@code t}, {@code yes},
     * {@code y}, {@code on}, {@code 1} and their opposites {@code false}, {@code f}, {@code no}, {@code n},
     * {@code off}, {@code 0}, in any case; anything else (another number too) is 22018. SQL NULL ({@code null}) is
     * false, as JDBC reads a NULL.
     */
    public static boolean bool(String text, int column) throws SQLException {
        if (text == null) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "1" -> true;
            case "false", "f", "no", "n", "off", "0" -> false;
            default -> throw notA("truth value", text, column);
        };
    }

    private static SQLException notA(String what, String text, int column) {
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "…";
        return new SQLException("column " + column + " holds the text '" + shown + "', not a " + what, "22018");
    }
}

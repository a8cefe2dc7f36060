package dev.hindsight.sql.json;

import java.math.BigDecimal;

/**
 * A JSON number's text as {@code JSON_VALUE} and {@code JSON_QUERY} print it: its value as a plain decimal numeral
 * with the digits it was written with, as PostgreSQL prints a {@code jsonb} number (a {@code numeric}):
 *
 * <pre>
 *   100.50 → 100.50     1e2 → 100     1.5e-3 → 0.0015     -0 → 0     12345678901.25 → 12345678901.25
 * </pre>
 *
 * <p>Never through a double (Calcite's own functions print {@code 1.234567890125E10} and round past 16 digits). A
 * number whose scale passes {@value #MAX_PLAIN_SCALE} either way ({@code 1e101}, {@code 1e-101}) is printed with an
 * exponent instead ({@code 1E+101}; PostgreSQL writes out every zero): still its value, in text of its own size.
 */
final class JsonNumbers {

    /**
     * The largest scale, either way, printed as a plain numeral: past it a number prints with an exponent, so that a
     * document of numbers such as {@code 1e9999} cannot make an answer thousands of times its own size.
     */
    static final int MAX_PLAIN_SCALE = 100;

    private JsonNumbers() {
    }

    /** {@code text} (a JSON number) printed as above. */
    static String print(String text) {
        return printsAsItself(text) ? text : plain(new BigDecimal(text));
    }

    /** {@code value} printed as above. */
    static String plain(BigDecimal value) {
        return outOfPlainRange(value.scale()) ? value.toString() : value.toPlainString();
    }

    /** Whether a decimal of {@code scale} is printed with an exponent. */
    static boolean outOfPlainRange(int scale) {
        return scale > MAX_PLAIN_SCALE || scale < -MAX_PLAIN_SCALE;
    }

    /**
     * Whether the JSON number in {@code s[from..to)} is a plain numeral ({@code -12}, {@code 17.50}; no exponent):
     * then its value may be read from its bytes, digit by digit, and is {@code JSON_VALUE}'s.
     */
    static boolean keepsValue(byte[] s, int from, int to) {
        int i = from < to && s[from] == '-' ? from + 1 : from;
        int intStart = i;
        while (i < to && isDigit(s[i])) {
            i++;
        }
        if (i == intStart) {
            return false;
        }
        if (i == to) {
            return true;
        }
        if (s[i] != '.') {
            return false;
        }
        int fracStart = ++i;
        while (i < to && isDigit(s[i])) {
            i++;
        }
        return i == to && i > fracStart;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * Whether {@link #print} gives {@code text} back unchanged, decided without parsing: a plain numeral as JSON
     * writes one (no leading zero but a lone one, a fraction of at least one digit, no exponent) that is not a
     * negative zero ({@code -0.00} prints as {@code 0.00}). {@code JsonValueFunctionTest} holds it to the
     * parse-and-print answer on random numbers.
     */
    static boolean printsAsItself(String text) {
        int n = text.length();
        if (n > MAX_PLAIN_SCALE) {
            return false; // its scale might be past the plain range: print decides
        }
        int i = text.startsWith("-") ? 1 : 0;
        boolean negative = i == 1;
        int intStart = i;
        boolean nonZero = false;
        while (i < n && Character.isDigit(text.charAt(i))) {
            nonZero |= text.charAt(i) != '0';
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && text.charAt(intStart) == '0')) {
            return false;
        }
        if (i < n) {
            if (text.charAt(i) != '.') {
                return false;
            }
            int fracStart = ++i;
            while (i < n && Character.isDigit(text.charAt(i))) {
                nonZero |= text.charAt(i) != '0';
                i++;
            }
            if (i != n || i == fracStart) {
                return false;
            }
        }
        return nonZero || !negative;
    }
}

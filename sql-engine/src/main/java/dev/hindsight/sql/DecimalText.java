package dev.hindsight.sql;

import java.math.BigDecimal;

/**
 * {@code CAST(text AS DECIMAL(precision, scale))} of a plain decimal numeral whose digits fit the target without
 * rounding, without {@code new BigDecimal(String)}: the digits are read straight into the unscaled long. Everything
 * else (an exponent, spaces, more fraction digits than the scale, more digits than the precision, anything that is not
 * a numeral) gives {@code null}, and the caller casts as Calcite does ({@code Primitive.charToDecimalCast}), which
 * then rounds or throws exactly as before. Where it answers, the answer equals Calcite's: the value at the target
 * scale, which is exact here, and within the precision.
 */
final class DecimalText {

    /** Digits of an unscaled value that always fit a long. */
    private static final int LONG_DIGITS = 18;

    private DecimalText() {
    }

    /** The DECIMAL({@code precision}, {@code scale}) value of {@code text}, or null where Calcite must cast. */
    static BigDecimal parse(String text, int precision, int scale) {
        int n = text.length();
        if (scale < 0 || precision > LONG_DIGITS || n == 0) {
            return null;
        }
        boolean negative = text.charAt(0) == '-';
        int i = negative ? 1 : 0;
        long unscaled = 0;
        int digits = 0; // significant digits read: at most LONG_DIGITS, so unscaled never overflows
        int intDigits = 0;
        for (; i < n && isDigit(text.charAt(i)); i++, intDigits++) {
            unscaled = unscaled * 10 + (text.charAt(i) - '0');
            if (unscaled != 0 && ++digits > LONG_DIGITS) {
                return null;
            }
        }
        int fracDigits = 0;
        if (i < n && text.charAt(i) == '.') {
            for (i++; i < n && isDigit(text.charAt(i)); i++) {
                if (++fracDigits > scale) {
                    return null; // rounding: Calcite's
                }
                unscaled = unscaled * 10 + (text.charAt(i) - '0');
                if (unscaled != 0 && ++digits > LONG_DIGITS) {
                    return null;
                }
            }
        }
        if (i != n || (intDigits == 0 && fracDigits == 0) || (fracDigits == 0 && text.charAt(n - 1) == '.')) {
            return null;
        }
        // digits counted every digit from the first non-zero one on: the unscaled value's own precision
        if ((unscaled == 0 ? 1 : digits + scale - fracDigits) > precision) {
            return null; // too many digits: Calcite's error
        }
        for (int k = fracDigits; k < scale; k++) {
            unscaled *= 10;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

package dev.hindsight.sql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

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
        // a character outside Latin-1 becomes '?', which is no digit: null, as it is no numeral
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return parse(bytes, 0, bytes.length, precision, scale);
    }

    /** {@link #parse(String, int, int)} of the ASCII text in {@code s[from..to)}, e.g. a JSON number in place. */
    static BigDecimal parse(byte[] s, int from, int to, int precision, int scale) {
        if (scale < 0 || precision > LONG_DIGITS || to <= from) {
            return null;
        }
        boolean negative = s[from] == '-';
        int i = negative ? from + 1 : from;
        long unscaled = 0;
        int digits = 0; // significant digits read: at most LONG_DIGITS, so unscaled never overflows
        int intDigits = 0;
        for (; i < to && isDigit(s[i]); i++, intDigits++) {
            unscaled = unscaled * 10 + (s[i] - '0');
            if (unscaled != 0 && ++digits > LONG_DIGITS) {
                return null;
            }
        }
        int fracDigits = 0;
        if (i < to && s[i] == '.') {
            for (i++; i < to && isDigit(s[i]); i++) {
                if (++fracDigits > scale) {
                    return null; // rounding: Calcite's
                }
                unscaled = unscaled * 10 + (s[i] - '0');
                if (unscaled != 0 && ++digits > LONG_DIGITS) {
                    return null;
                }
            }
        }
        if (i != to || (intDigits == 0 && fracDigits == 0) || (fracDigits == 0 && s[to - 1] == '.')) {
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

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}

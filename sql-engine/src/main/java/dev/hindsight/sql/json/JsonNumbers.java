package dev.hindsight.sql.json;

import java.math.BigInteger;

/**
 * A JSON number's text as {@code JSON_VALUE} prints it: Calcite's implementation reads the document into a map with
 * Jackson (an int, long, BigInteger or double) and prints that with {@code toString}, so {@code 100.50} comes out as
 * {@code 100.5} and {@code 1e3} as {@code 1000.0}.
 */
final class JsonNumbers {

    private JsonNumbers() {
    }

    /** As Jackson reads {@code text} (a JSON number) into a Map and toString prints it. */
    static String print(String text) {
        if (printsAsItself(text)) {
            return text;
        }
        int dot = text.indexOf('.');
        boolean exponent = text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
        if (dot < 0 && !exponent) {
            return new BigInteger(text).toString();
        }
        if (!exponent) {
            // 100.50 is the decimal 100.5: the same double, so if 100.5 prints as itself, that is the answer
            String shorter = withoutTrailingZeros(text, dot);
            if (shorter.length() < text.length() && printsAsItself(shorter)) {
                return shorter;
            }
        }
        return Double.toString(Double.parseDouble(text));
    }

    /** {@code text} without the zeros ending its fraction, keeping one fraction digit; itself if none end it. */
    private static String withoutTrailingZeros(String text, int dot) {
        int end = text.length();
        while (end > dot + 2 && text.charAt(end - 1) == '0') {
            end--;
        }
        return end == text.length() ? text : text.substring(0, end);
    }

    /**
     * Whether the JSON number in {@code s[from..to)} is printed by {@link #print} as a numeral of the same value (a
     * plain integer; or a plain decimal that, its fraction's trailing zeros dropped, {@link #printsAsItself}): then
     * a reader may take the number's value from its bytes and get {@code JSON_VALUE}'s. False where printing goes
     * through a double that may not hold the value (more than 15 significant digits, an exponent, under 0.001 or from
     * 10^7 on in a decimal), and for anything that is not such a numeral.
     */
    static boolean keepsValue(byte[] s, int from, int to) {
        int i = from < to && s[from] == '-' ? from + 1 : from;
        int intStart = i;
        while (i < to && isDigit(s[i])) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && s[intStart] == '0')) {
            return false;
        }
        if (i == to) {
            return true; // BigInteger prints it exactly
        }
        if (s[i] != '.' || intDigits > 7) {
            return false;
        }
        int fracStart = ++i;
        while (i < to && isDigit(s[i])) {
            i++;
        }
        if (i != to || i == fracStart) {
            return false;
        }
        int fracEnd = to;
        while (fracEnd > fracStart + 1 && s[fracEnd - 1] == '0') {
            fracEnd--; // 100.50 prints as 100.5, the same value
        }
        if (s[intStart] != '0') {
            return intDigits + fracEnd - fracStart <= 15;
        }
        int firstNonZero = fracStart;
        while (firstNonZero < fracEnd && s[firstNonZero] == '0') {
            firstNonZero++;
        }
        // 0.0 prints as 0.0; otherwise at least 0.001 (plain notation) with at most 15 significant digits
        return firstNonZero == fracEnd || (firstNonZero - fracStart < 3 && fracEnd - firstNonZero <= 15);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * Whether {@link #print} gives {@code text} back unchanged, decided without parsing: an integer without leading
     * zeros (BigInteger prints it as written), or a decimal that {@code Double.toString} prints as written — at most
     * 15 significant digits (so the double holds that decimal and no shorter one), at least 0.001 and under 10^7
     * (toString's plain notation), no exponent, no trailing zero after the first fraction digit.
     * {@code JsonValueFunctionTest} holds it to the parse-and-print answer on random numbers.
     */
    static boolean printsAsItself(String text) {
        int n = text.length();
        int i = text.startsWith("-") ? 1 : 0;
        int intStart = i;
        while (i < n && Character.isDigit(text.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && text.charAt(intStart) == '0')) {
            return false;
        }
        boolean zeroInt = text.charAt(intStart) == '0';
        if (i == n) {
            return !(zeroInt && intStart == 1); // "-0" prints as "0"
        }
        if (text.charAt(i) != '.' || intDigits > 7) {
            return false;
        }
        int fracStart = ++i;
        while (i < n && Character.isDigit(text.charAt(i))) {
            i++;
        }
        int fracDigits = i - fracStart;
        if (i != n || fracDigits == 0 || (fracDigits > 1 && text.charAt(n - 1) == '0')) {
            return false;
        }
        if (!zeroInt) {
            return intDigits + fracDigits <= 15;
        }
        int firstNonZero = fracStart;
        while (firstNonZero < n && text.charAt(firstNonZero) == '0') {
            firstNonZero++;
        }
        if (firstNonZero == n) {
            return fracDigits == 1; // "0.0", "-0.0"
        }
        return firstNonZero - fracStart < 3 && n - firstNonZero <= 15; // >= 0.001
    }
}

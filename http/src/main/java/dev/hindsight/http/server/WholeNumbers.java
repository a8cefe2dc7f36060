package dev.hindsight.http.server;

/**
 * A whole number as a query parameter or header gives it: ASCII digits, after a {@code -} for a negative one.
 * {@link Long#parseLong} also takes a {@code +} and the digits of every script ({@code fromSeq=%D9%A5}, an
 * Arabic-Indic five, started a subscription at seq 5), which no client means and a log line would show garbled.
 */
public final class WholeNumbers {

    private WholeNumbers() {
    }

    /** {@code text} as a {@code long}; {@link NumberFormatException} for anything but {@code -?[0-9]+} in range. */
    public static long parse(String text) {
        if (!digitsFrom(text, text.startsWith("-") ? 1 : 0)) {
            throw new NumberFormatException("not a whole number: '" + text + "'");
        }
        return Long.parseLong(text);
    }

    /** Whether {@code text} from {@code start} on is one or more ASCII digits, nothing else. */
    static boolean digitsFrom(String text, int start) {
        if (text.length() <= start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

package dev.hindsight.jdbc.spi;

/**
 * The text of a day-time interval whose type has more fraction digits than its value holds, for both drivers alike:
 * Calcite types {@code INTERVAL '1.5' SECOND} (and any interval reckoned with one) with 6 digits, its value holds
 * milliseconds, and Avatica's formatter writes a fraction of more than 3 digits as zeros ({@code +1.000000}). Here the
 * milliseconds are written in their place and the rest of the digits as zeros ({@code +1.500000}). Stateless.
 */
public final class IntervalText {

    private IntervalText() {
    }

    /**
     * Whether a column of {@code typeName} (as {@code ResultSetMetaData.getColumnTypeName} names it) and
     * {@code scale} is such an interval: a day-time one ending in seconds, with more than 3 fraction digits.
     */
    public static boolean finerThanMillis(String typeName, int scale) {
        return scale > 3 && typeName != null && typeName.startsWith("INTERVAL_") && typeName.endsWith("SECOND");
    }

    /**
     * {@code text}, Avatica's text of the interval of {@code millis} with {@code scale} fraction digits, with its
     * fraction written from the milliseconds; as it is if it has no fraction of that length.
     */
    public static String withMillis(String text, long millis, int scale) {
        int point = text.lastIndexOf('.');
        if (point < 0 || text.length() - point - 1 != scale) {
            return text;
        }
        long ms = Math.abs(millis % 1000);
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, point + 1);
        if (ms < 100) {
            out.append('0');
        }
        if (ms < 10) {
            out.append('0');
        }
        out.append(ms);
        for (int i = 3; i < scale; i++) {
            out.append('0');
        }
        return out.toString();
    }
}

package dev.hindsight.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of the {@code statement_timeout} setting ({@code SET statement_timeout = …}, the connection property
 * {@code statementTimeout}) as PostgreSQL reads it: a whole number of milliseconds ({@code 5000}), or a number and a
 * unit, {@code ms}, {@code s}, {@code min}, {@code h} or {@code d} ({@code '5s'}, {@code '2 min'}); {@code 0} means no
 * limit. A statement that runs longer is stopped with 57014 (between batches of a scan, as a cancel is).
 */
final class StatementTimeout {

    /** The setting's name in {@code SET} and {@code RESET}. */
    static final String SETTING = "statement_timeout";
    /**
     * The thin driver's {@code setQueryTimeout} (Avatica's protocol does not carry it), same forms: the shorter of it
     * and {@link #SETTING} applies, as embedded. Not PostgreSQL's; users set {@link #SETTING}.
     */
    static final String QUERY_SETTING = "query_timeout";

    private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|min|h|d)?");

    private StatementTimeout() {
    }

    /** The shorter of two limits in milliseconds, where 0 is none (so the other, if any, applies). */
    static long shorter(long a, long b) {
        return a == 0 || (b != 0 && b < a) ? b : a;
    }

    /**
     * Milliseconds of {@code text}.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    static long parseMillis(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid value for " + SETTING + ": '" + text + "' (give milliseconds, "
                + "e.g. 5000, or a number and a unit: ms, s, min, h, d, e.g. '30s'; 0 for no limit)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        long perUnit = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        if (n > Integer.MAX_VALUE / perUnit) {
            throw new IllegalArgumentException("invalid value for " + SETTING + ": '" + text + "' is more than "
                + Integer.MAX_VALUE + " ms, PostgreSQL's limit");
        }
        return n * perUnit;
    }
}

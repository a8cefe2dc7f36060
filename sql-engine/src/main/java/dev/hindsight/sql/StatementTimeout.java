package dev.hindsight.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    /** Milliseconds per unit, the largest first (as {@link #text} tries them). */
    private static final Map<String, Long> UNITS = orderedUnits();

    private StatementTimeout() {
    }

    private static Map<String, Long> orderedUnits() {
        Map<String, Long> units = new LinkedHashMap<>();
        units.put("d", 86_400_000L);
        units.put("h", 3_600_000L);
        units.put("min", 60_000L);
        units.put("s", 1_000L);
        units.put("ms", 1L);
        return Collections.unmodifiableMap(units);
    }

    /**
     * Milliseconds as PostgreSQL shows a duration setting ({@code SHOW}): {@code 0}, else in the largest unit that
     * divides them ({@code 1500ms}, {@code 5s}, {@code 2min}), as {@link #parseMillis} reads them back.
     */
    static String text(long millis) {
        if (millis == 0) {
            return "0";
        }
        for (Map.Entry<String, Long> unit : UNITS.entrySet()) {
            if (millis % unit.getValue() == 0) {
                return millis / unit.getValue() + unit.getKey();
            }
        }
        throw new AssertionError("every number of milliseconds is one of ms");
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
        long perUnit = UNITS.get(m.group(2) == null ? "ms" : m.group(2));
        if (n > Integer.MAX_VALUE / perUnit) {
            throw new IllegalArgumentException("invalid value for " + SETTING + ": '" + text + "' is more than "
                + Integer.MAX_VALUE + " ms, PostgreSQL's limit");
        }
        return n * perUnit;
    }
}

package dev.hindsight.sql.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a {@code TIMESTAMP '…'} literal written in ISO-8601, made Calcite's ({@code yyyy-MM-dd HH:mm:ss[.fff]},
 * which alone it parses), as PostgreSQL reads it: the {@code T} between date and time is a space, and a zone after
 * the time ({@code Z}, {@code +01:00}, {@code +0100}, {@code -05}) is ignored, as PostgreSQL ignores it for a
 * {@code timestamp without time zone}. So the {@code ts} of an event as the HTTP API and {@code export} write it can be
 * pasted into SQL: {@code AS OF TIMESTAMP '2026-12-02T04:27:23.515Z'}.
 *
 * <pre>
 *   2026-12-02T04:27:23.515Z       → 2026-12-02 04:27:23.515
 *   2026-12-02t04:27+01:00         → 2026-12-02 04:27:00
 *   2026-12-02 04:27:23 +0100      → 2026-12-02 04:27:23
 *   2026-12-02 04:27               → 2026-12-02 04:27:00
 *   2026-12-02 04:27:23            → unchanged (Calcite's own form)
 * </pre>
 *
 * Anything else is left as it is, for Calcite to accept or refuse with its own message. Called from the grammar (a
 * splice into Calcite's Parser.jj, see sql-engine/pom.xml) and from the plan cache's literal scan, which must make
 * the same literal as the parser.
 */
public final class IsoTimestampText {

    private static final Pattern ISO = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2})(:\\d{2}(\\.\\d+)?)?"
        + "(\\s*([Zz]|[+-]\\d{2}(:?\\d{2})?))?");

    private IsoTimestampText() {
    }

    /** {@code text} in Calcite's form if it is an ISO-8601 date and time, else {@code text} itself. */
    public static String calciteText(String text) {
        if (calciteForm(text)) {
            return text; // the common case, and the one a cast of every row meets: no pattern matched
        }
        Matcher m = ISO.matcher(text.strip());
        if (!m.matches()) {
            return text; // not ISO: Calcite's to accept or refuse
        }
        return m.group(1) + " " + m.group(2) + (m.group(3) == null ? ":00" : m.group(3));
    }

    /** Whether {@code t} is {@code yyyy-MM-dd HH:mm:ss} with digits only after it (a fraction): Calcite's form. */
    private static boolean calciteForm(String t) {
        if (t.length() < 19 || t.charAt(10) != ' ' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return false;
        }
        for (int i = 19; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}

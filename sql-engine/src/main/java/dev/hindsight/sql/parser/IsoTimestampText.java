package dev.hindsight.sql.parser;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The text of a {@code TIMESTAMP '…'} literal written in ISO-8601, as PostgreSQL reads it, made Calcite's
 * ({@code yyyy-MM-dd HH:mm:ss[.fff]}, which alone it parses): the {@code T} between date and time becomes a space, and
 * a {@code Z} or an offset ({@code +01:00}) is taken away after moving the time to UTC, the zone of {@code ts}. So the
 * {@code ts} of an event as the HTTP API and {@code export} write it, and the connection property {@code asOf}'s
 * form, can be pasted into SQL: {@code AS OF TIMESTAMP '2026-12-02T04:27:23.515Z'}.
 *
 * <pre>
 *   2026-12-02T04:27:23.515Z       → 2026-12-02 04:27:23.515
 *   2026-12-02T05:27:23+01:00      → 2026-12-02 04:27:23
 *   2026-12-02 04:27:23            → unchanged (Calcite's own form)
 * </pre>
 *
 * Anything else is left as it is, for Calcite to accept or refuse with its own message. Called from the grammar
 * (parserImpls.ftl's splice, see sql-engine/pom.xml) and from the plan cache's literal scan, which must make the same
 * literal as the parser.
 */
public final class IsoTimestampText {

    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?"
        + "([Zz]|[+-]\\d{2}(:?\\d{2})?)?");

    private IsoTimestampText() {
    }

    /** {@code text} in Calcite's form if it is an ISO-8601 date and time, else {@code text} itself. */
    public static String calciteText(String text) {
        String t = text.strip();
        if (!ISO.matcher(t).matches()) {
            return text;
        }
        int zone = zoneStart(t);
        String local = zone < 0 ? t : t.substring(0, zone);
        if (zone >= 0) {
            try {
                OffsetDateTime at = OffsetDateTime.parse(t.endsWith("z") ? t.substring(0, t.length() - 1) + "Z" : t);
                LocalDateTime utc = at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                // the fraction as written (Calcite keeps its digits), the rest moved to UTC
                int dot = local.indexOf('.');
                String fraction = dot < 0 ? "" : local.substring(dot);
                return utc.toLocalDate() + " " + String.format("%02d:%02d:%02d", utc.getHour(), utc.getMinute(),
                    utc.getSecond()) + fraction;
            } catch (DateTimeParseException e) {
                return text; // a field out of range: Calcite says so
            }
        }
        return local.replace('T', ' ') + (local.length() == 16 ? ":00" : "");
    }

    /** Where the zone ({@code Z} or an offset) starts after the time, or -1. */
    private static int zoneStart(String t) {
        for (int i = 11; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == 'Z' || c == 'z' || c == '+' || c == '-') {
                return i;
            }
        }
        return -1;
    }
}

package dev.hindsight.sql.parser;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text cast to a {@code TIMESTAMP WITH LOCAL TIME ZONE} or {@code TIME WITH LOCAL TIME ZONE}, made the form Calcite
 * reads, {@code <time> UTC}: Calcite read such text only with a zone's name after it, and then only its own form
 * (no {@code T}, no date alone, seconds written) and any name at all (an unknown one as GMT). Here, as PostgreSQL reads
 * a {@code timestamptz} in a session whose zone is UTC:
 *
 * <pre>
 *   2026-01-01 10:00:00                → 2026-01-01 10:00:00 UTC          (ISO-8601 as IsoTimestampText reads it)
 *   2026-01-01T12:00:00+02:00          → 2026-01-01 10:00:00 UTC
 *   2026-01-01                         → 2026-01-01 00:00:00 UTC
 *   2026-01-01T11:00 europe/paris      → 2026-01-01 10:00:00.000 UTC      (a zone of the tz database, any case)
 *   2026-01-01 10:00:00 Nowhere        → IllegalArgumentException starting INVALID_ZONE (22023)
 * </pre>
 *
 * Text that is no time is left for Calcite to refuse (22007).
 */
public final class ZonedText {

    /** The start of the message of a zone's name that names none, which a client sees as 22023. */
    public static final String INVALID_ZONE = "time zone not recognized: ";

    /** A date or time and a zone's name after white space: a name starts with a letter. */
    private static final Pattern NAMED_ZONE = Pattern.compile("(.*\\d)\\s+([A-Za-z][A-Za-z0-9_/+-]*)");

    /**
     * Abbreviations PostgreSQL's default set reads, each a fixed offset there (CST is -06:00 in July too); Java's own
     * short ids mean other places (IST Kolkata, BST Dhaka) and follow daylight saving.
     */
    private static final Map<String, ZoneOffset> ABBREVIATIONS = Map.ofEntries(
        Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("Z", ZoneOffset.UTC),
        Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
        Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
        Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
        Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)),
        Map.entry("AKST", ZoneOffset.ofHours(-9)), Map.entry("AKDT", ZoneOffset.ofHours(-8)),
        Map.entry("AST", ZoneOffset.ofHours(-4)), Map.entry("ADT", ZoneOffset.ofHours(-3)),
        Map.entry("NST", ZoneOffset.ofHoursMinutes(-3, -30)), Map.entry("NDT", ZoneOffset.ofHoursMinutes(-2, -30)),
        Map.entry("HST", ZoneOffset.ofHours(-10)), Map.entry("WET", ZoneOffset.UTC),
        Map.entry("WEST", ZoneOffset.ofHours(1)), Map.entry("BST", ZoneOffset.ofHours(1)),
        Map.entry("CET", ZoneOffset.ofHours(1)), Map.entry("CEST", ZoneOffset.ofHours(2)),
        Map.entry("EET", ZoneOffset.ofHours(2)), Map.entry("EEST", ZoneOffset.ofHours(3)),
        Map.entry("IST", ZoneOffset.ofHours(2)), Map.entry("MSK", ZoneOffset.ofHours(3)),
        Map.entry("JST", ZoneOffset.ofHours(9)));

    /** The start of the message of a time moved out of years 1 to 9999 by its zone, which a client sees as 22008. */
    public static final String OUT_OF_RANGE = "timestamp out of range: ";

    private ZonedText() {
    }

    /**
     * {@code text} for a cast to a {@code TIMESTAMP WITH LOCAL TIME ZONE}.
     *
     * @throws IllegalArgumentException starting {@link #INVALID_ZONE} for a zone's name that names none
     */
    public static String zonedText(String text) {
        String t = text.strip();
        Matcher m = NAMED_ZONE.matcher(t);
        if (!m.matches()) {
            return IsoTimestampText.calciteText(withTime(t)) + " UTC";
        }
        ZoneId zone = zone(m.group(2));
        String local = IsoTimestampText.calciteText(withTime(m.group(1).strip()));
        LocalDateTime time;
        try {
            time = LocalDateTime.parse(local.replace(' ', 'T'));
        } catch (DateTimeException e) {
            return local + " UTC"; // no time: Calcite's to refuse, naming it
        }
        // an hour a clock goes back over is read in standard time, the later offset, as PostgreSQL reads it
        LocalDateTime utc = LocalDateTime.ofInstant(ZonedDateTime.ofLocal(time, zone, null).withLaterOffsetAtOverlap()
            .toInstant(), ZoneOffset.UTC);
        if (utc.getYear() < 1 || utc.getYear() > 9999) {
            throw new IllegalArgumentException(OUT_OF_RANGE + "'" + text.strip() + "' is beyond years 1 to 9999 in "
                + "UTC");
        }
        return IsoTimestampText.millisForm(utc) + " UTC";
    }

    /** {@code text} for a cast to a {@code TIME WITH LOCAL TIME ZONE}: a time of day in UTC, with its seconds. */
    public static String zonedTimeText(String text) {
        String t = text.strip();
        Matcher m = NAMED_ZONE.matcher(t);
        if (m.matches()) {
            zone(m.group(2)); // one it does not know is 22023, as for a timestamp
            return t; // Calcite's own form; its refusal of another is 22007
        }
        String time = IsoTimestampText.calciteTimeText(t);
        // Calcite's zoned form wants the seconds, which its TIME reads without
        return (time.length() <= 5 && time.indexOf(':') > 0 ? time + ":00" : time) + " UTC";
    }

    /** A date alone at midnight, as PostgreSQL reads it for a timestamp; any other text as it is. */
    private static String withTime(String text) {
        return text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-' ? text + " 00:00:00" : text;
    }

    /** The zone of the tz database {@code name} names (any case), or an abbreviation PostgreSQL reads; else refused. */
    private static ZoneId zone(String name) {
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(name)) {
                return ZoneId.of(id);
            }
        }
        ZoneOffset abbreviated = ABBREVIATIONS.get(name.toUpperCase(Locale.ROOT));
        if (abbreviated != null) {
            return abbreviated;
        }
        // not UTC+3 and the like either: PostgreSQL reads those as POSIX does, the sign the other way round
        throw new IllegalArgumentException(INVALID_ZONE + "\"" + name + "\"");
    }
}

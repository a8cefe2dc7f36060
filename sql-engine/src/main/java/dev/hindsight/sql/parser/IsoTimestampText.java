package dev.hindsight.sql.parser;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time text written in ISO-8601 made Calcite's ({@code yyyy-MM-dd HH:mm:ss[.fff]}, which alone it parses): the
 * {@code T} between date and time is a space, missing seconds are {@code :00}, and a zone after the time ({@code Z},
 * {@code +01:00}, {@code +0100}, {@code -05}) is applied, giving the UTC time, in which {@code ts} is kept. So the
 * {@code ts} of an event as the HTTP API and {@code export} write it can be pasted into SQL ({@code AS OF TIMESTAMP
 * '2026-12-02T04:27:23.515Z'}), and a time with an offset names the same instant here as it does bound to a
 * parameter, in {@code SET as_of} or in the {@code asOf} property. (PostgreSQL ignores the zone for a plain
 * {@code timestamp} and applies it for a {@code timestamptz}; {@code ts} is an instant, as a {@code timestamptz} is.)
 *
 * <pre>
 *   2026-12-02T04:27:23.515Z       → 2026-12-02 04:27:23.515
 *   2026-12-02t04:27+01:00         → 2026-12-02 03:27:00
 *   2026-12-02 04:27:23 -0130      → 2026-12-02 05:57:23
 *   2026-12-02 04:27               → 2026-12-02 04:27:00
 *   2026-12-02 04:27:23            → unchanged (Calcite's own form)
 * </pre>
 *
 * Anything else, and a text naming no real time ({@code 2026-13-01T10:00Z}), is left as it is, for Calcite to accept
 * or refuse with its own message, which then shows the text as written. Called from the grammar (a splice into
 * Calcite's Parser.jj, see sql-engine/pom.xml), from the plan cache's literal scan, which must make the same literal
 * as the parser, and for text cast to a TIMESTAMP ({@code IsoTimestampCast}).
 */
public final class IsoTimestampText {

    private static final Pattern ISO = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2})(:\\d{2}(\\.\\d+)?)?"
        + "(\\s*([Zz]|([+-])(\\d{2})(:?(\\d{2}))?))?");

    private IsoTimestampText() {
    }

    /**
     * {@code text} in Calcite's form if it is an ISO-8601 date and time, its fraction rounded to milliseconds
     * ({@link #millisText}), else {@code text} itself.
     */
    public static String calciteText(String text) {
        return utcText(text, true);
    }

    /**
     * As {@link #calciteText}, the fraction cut to milliseconds rather than rounded: for an {@code AS OF} point, which
     * sees exactly the events with {@code ts <= t} (SPEC §2), so {@code .0515} is before an event at {@code .052}
     * (rounded, it saw that event).
     */
    public static String cutText(String text) {
        String t = exactText(text);
        return finerThanMillis(t) ? t.substring(0, MILLIS_END) : t;
    }

    /** As {@link #calciteText}, the fraction as written: digits beyond the milliseconds kept. */
    public static String exactText(String text) {
        return utcText(text, false);
    }

    /**
     * Whether {@code calcite}, an {@link #exactText}, is a date and time with digits beyond the milliseconds, which
     * {@link #calciteText} rounds and {@link #cutText} cuts; else both give it as it is.
     */
    public static boolean finerThanMillis(String calcite) {
        return calciteForm(calcite) && calcite.length() > MILLIS_END;
    }

    /**
     * {@code text} in Calcite's form if it is an ISO-8601 date and time, else {@code text} itself; with {@code round},
     * its fraction rounded to milliseconds, which only a TIMESTAMP wants: a date read from the text keeps its day
     * (rounded, {@code 23:59:59.9995} would be the next day's), and a time of day is rounded by Calcite's reading
     * alone, to 24:00:00 there, as PostgreSQL's {@code time(3)}.
     */
    private static String utcText(String text, boolean round) {
        checkDay(text);
        if (calciteForm(text)) {
            // the common case, and the one a cast of every row meets: no pattern matched
            return round ? millisText(text, text) : text;
        }
        Matcher m = ISO.matcher(text.strip());
        if (!m.matches()) {
            return text; // not ISO: Calcite's to accept or refuse
        }
        String seconds = m.group(3) == null ? ":00" : m.group(3);
        String local = m.group(1) + " " + m.group(2) + seconds;
        // the fraction as written (it may have more digits than a TIMESTAMP(3) keeps, or Java's nine: Calcite's)
        String fraction = m.group(4) == null ? "" : m.group(4);
        LocalDateTime time;
        try {
            time = LocalDateTime.of(LocalDate.parse(m.group(1)),
                LocalTime.parse(m.group(2) + seconds.substring(0, seconds.length() - fraction.length())));
        } catch (DateTimeException e) {
            return text; // no such date or time: Calcite refuses it, naming the text as written
        }
        if (m.group(7) == null) {
            return round ? millisText(local, text) : local; // no zone, or Z: UTC already
        }
        int offsetHours = Integer.parseInt(m.group(8));
        int offsetMinutes = m.group(10) == null ? 0 : Integer.parseInt(m.group(10));
        if (offsetHours > 18 || offsetMinutes > 59) {
            return text; // no such offset
        }
        int minutes = offsetHours * 60 + offsetMinutes;
        LocalDateTime utc = time.minusMinutes(m.group(7).equals("+") ? minutes : -minutes);
        if (utc.getYear() < 1 || utc.getYear() > 9999) {
            return text; // beyond the years a TIMESTAMP holds: refused as written
        }
        String shifted = calciteText(utc, fraction);
        return round ? millisText(shifted, text) : shifted;
    }

    /** The length of {@code yyyy-MM-dd HH:mm:ss.fff}: any more digits are beyond the milliseconds kept. */
    private static final int MILLIS_END = 23;

    /** The start of the message of a timestamp's text beyond year 9999 once rounded, which a client sees as 22008. */
    public static final String ROUNDED_OUT_OF_RANGE = "timestamp out of range: ";

    /**
     * {@code calcite} (Calcite's form) with its fraction rounded to milliseconds, a half up, as PostgreSQL rounds
     * to a {@code timestamp(3)}: Calcite cut a literal's digits ({@code TIMESTAMP '… 00:00:00.0005'} was .000) and
     * rounded a cast's, carrying {@code 9999-12-31 23:59:59.9999} into year 10000, which it printed as 0000.
     *
     * @throws IllegalArgumentException starting {@link #ROUNDED_OUT_OF_RANGE}, for a time rounded beyond year 9999
     */
    private static String millisText(String calcite, String text) {
        if (calcite.length() <= MILLIS_END) {
            return calcite;
        }
        String kept = calcite.substring(0, MILLIS_END);
        if (calcite.charAt(MILLIS_END) < '5') {
            return kept;
        }
        LocalDateTime up;
        try {
            up = LocalDateTime.parse(kept.replace(' ', 'T')).plusNanos(1_000_000);
        } catch (DateTimeException e) {
            return calcite; // no such date or time: Calcite refuses it, naming the text as written
        }
        if (up.getYear() > 9999) {
            throw new IllegalArgumentException(ROUNDED_OUT_OF_RANGE + "'" + text
                + "' rounds to a millisecond of year " + up.getYear() + ", beyond years 1 to 9999");
        }
        return millisForm(up);
    }

    /** {@code time} in Calcite's form to the millisecond ({@code 2026-01-01 10:00:00.250}), years 1 to 9999. */
    static String millisForm(LocalDateTime time) {
        return calciteText(time, String.format(Locale.ROOT, ".%03d", time.get(ChronoField.MILLI_OF_SECOND)));
    }

    /** {@code time} to the second in Calcite's form, {@code fraction} ({@code .5}, or none) after it. */
    private static String calciteText(LocalDateTime time, String fraction) {
        return String.format(Locale.ROOT, "%s %02d:%02d:%02d%s", time.toLocalDate(), time.getHour(), time.getMinute(),
            time.getSecond(), fraction);
    }

    /**
     * The date of a date and time, for a cast to a DATE: {@code 2026-11-01} of {@code 2026-11-01T23:30:00-01:00} is
     * {@code 2026-11-02} (the UTC date, as {@link #calciteText}); any other text as it is.
     */
    public static String calciteDateText(String text) {
        String t = utcText(text, false);
        return calciteForm(t) ? t.substring(0, 10) : text;
    }

    /**
     * The time of a date and time, for a cast to a TIME: {@code 10:00:00.5} of {@code 2026-11-01T11:00:00.5+01}; a
     * time alone as it is. Either once its fields are checked.
     *
     * @throws IllegalArgumentException naming the field, for a time with one out of range ({@code 10:61:00},
     *                                  {@code 25:00}, {@code 100:00}), which Calcite would carry over into the next
     *                                  (11:01:00)
     */
    public static String calciteTimeText(String text) {
        String t = utcText(text, false);
        if (calciteForm(t)) {
            String time = t.substring(11);
            checkTimeFields(time, text);
            return time;
        }
        String alone = basicTime(text);
        checkTimeFields(alone, text);
        return alone;
    }

    /**
     * Refuses a date ({@code y-m-d}, perhaps with a time after it) whose day is 0, as PostgreSQL does (22008): Calcite
     * took it for the last day of the month before ({@code '2026-01-00'} was 2025-12-31); and one whose year is beyond
     * 9999, which a TIMESTAMP here does not hold (22008 too). Any other text passes.
     */
    private static void checkDay(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        String year = null;
        for (int hyphen = 0; hyphen < 2; hyphen++) {
            int start = i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i == n || text.charAt(i) != '-') {
                return; // not y-m-d
            }
            if (hyphen == 0 && i - start > 4 && text.substring(start, i).replaceFirst("^0+", "").length() > 4) {
                year = text.substring(start, i); // beyond 9999, if this is a date
            }
            i++;
        }
        int start = i;
        boolean zero = true;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            zero &= text.charAt(i) == '0';
            i++;
        }
        // a date only if the day ends the text or a time follows it: '2026-01-00abc' is no date (22007, Calcite's)
        boolean ends = i == n || text.charAt(i) == ' ' || text.charAt(i) == 'T' || text.charAt(i) == 't';
        if (i > start && ends && year != null) {
            // Calcite's reading of a TIMESTAMP literal lost the digits beyond four: '12026-01-01 00:00:00' was 2026,
            // '10000-…' year 0
            throw new IllegalArgumentException("Year out of range: [" + year + "]");
        }
        if (i > start && zero && ends) {
            throw new IllegalArgumentException("Value of DAY field is out of range in '" + text + "' (day 0)");
        }
    }

    /** The start of the message of a time's text that is none, which a client sees as 22007. */
    public static final String INVALID_TIME = "invalid input syntax for type time: ";

    private static final Pattern DIGITS = Pattern.compile("(\\d+)(\\.\\d+)?");

    /**
     * ISO-8601's basic form, {@code hhmm} or {@code hhmmss[.f]}, with colons, as PostgreSQL reads it; a sign or any
     * other number of digits refused: Calcite read {@code 235959} as that many hours (past an int, garbage text),
     * {@code 25} as 01:00 and {@code -01:00:00} as 23:00.
     *
     * @throws IllegalArgumentException starting {@link #INVALID_TIME}
     */
    private static String basicTime(String text) {
        String t = text.strip();
        if (t.startsWith("-") || t.startsWith("+")) {
            throw new IllegalArgumentException(INVALID_TIME + "'" + text + "' (a time of day has no sign)");
        }
        Matcher m = DIGITS.matcher(t);
        if (!m.matches()) {
            return text;
        }
        String digits = m.group(1);
        String fraction = m.group(2) == null ? "" : m.group(2);
        if (digits.length() == 6) {
            return digits.substring(0, 2) + ":" + digits.substring(2, 4) + ":" + digits.substring(4) + fraction;
        }
        if (digits.length() == 4 && fraction.isEmpty()) {
            return digits.substring(0, 2) + ":" + digits.substring(2);
        }
        throw new IllegalArgumentException(INVALID_TIME + "'" + text + "' (hh:mm[:ss[.f]], or hhmm, hhmmss)");
    }

    /** The largest value a time field is read up to: any more is out of range all the same. */
    private static final int FIELD_CAP = 1_000;

    /**
     * Refuses {@code H:M[:S[.f…]]} (fields of any number of digits) with an hour over 23, a minute over 59 or a
     * second over 60; 24:00:00 itself is a time, as in PostgreSQL. Anything else passes, for Calcite to accept or
     * refuse.
     */
    private static void checkTimeFields(String time, String text) {
        String t = time.strip();
        int[] fields = new int[3];
        int field = 0;
        int digits = 0;
        boolean wholeSeconds = true;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                fields[field] = Math.min(FIELD_CAP, fields[field] * 10 + (c - '0'));
                digits++;
            } else if (c == ':' && digits > 0 && field < 2) {
                field++;
                digits = 0;
            } else if (c == '.' && digits > 0 && field == 2) {
                for (int j = i + 1; j < t.length(); j++) {
                    char f = t.charAt(j);
                    if (f < '0' || f > '9') {
                        return; // not a plain time
                    }
                    wholeSeconds &= f == '0';
                }
                break;
            } else {
                return; // not a plain time: Calcite's to accept or refuse
            }
        }
        if (field == 0 || digits == 0) {
            return;
        }
        boolean endOfDay = fields[0] == 24 && fields[1] == 0 && fields[2] == 0 && wholeSeconds;
        // a leap second (60) is taken, as PostgreSQL takes it: the next minute's first
        String over = fields[0] > 23 && !endOfDay ? "HOUR" : fields[1] > 59 ? "MINUTE" : fields[2] > 60 ? "SECOND"
            : null;
        if (over != null) {
            throw new IllegalArgumentException("Value of " + over + " field is out of range in '" + text + "'");
        }
    }

    /** Whether {@code t} is {@code yyyy-MM-dd HH:mm:ss}, perhaps with {@code .} and digits: Calcite's form. */
    private static boolean calciteForm(String t) {
        if (t.length() < 19 || t.charAt(10) != ' ' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return false;
        }
        if (t.length() == 19) {
            return true;
        }
        if (t.charAt(19) != '.' || t.length() == 20) {
            return false;
        }
        for (int i = 20; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

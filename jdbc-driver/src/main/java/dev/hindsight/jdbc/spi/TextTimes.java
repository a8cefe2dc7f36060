package dev.hindsight.jdbc.spi;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date or time a text column holds, for {@code getDate}, {@code getTime} and {@code getTimestamp} (JDBC 4.3's table
 * B-6 lets them read text), as PostgreSQL's driver reads them: the text as PostgreSQL writes a {@code date}, a
 * {@code time} or a {@code timestamp} ({@code 2024-05-01}, {@code 10:30:00.5}, {@code 2024-05-01 10:30:00}, with
 * {@code T} for the blank too, as ISO 8601 and JSON write it), read in the zone asked for (the calendar's, else the
 * connection's) as a TIMESTAMP column's fields are; with an offset ({@code Z}, {@code +02}, {@code +02:00},
 * {@code -0530}) the instant it names. {@code JSON_VALUE} answers text, so {@code getTimestamp} of
 * {@code JSON_VALUE(data, '$.placedAt')} is the common case; both drivers refused it (07006). Text that is no date or
 * time is 22007, a field out of its range (month 13, 25 o'clock) 22008. The fields are java.util's calendar's, as
 * {@code Timestamp.valueOf} reads them (Julian before 1582-10-15).
 */
public final class TextTimes {

    /** 22007: text that is no date or time. */
    private static final String INVALID_DATETIME_FORMAT = "22007";
    /** 22008: a field out of its range. */
    private static final String DATETIME_FIELD_OVERFLOW = "22008";
    /** Longer text is no date or time; a bound before the pattern is tried on a column that may be a mebibyte long. */
    private static final int MAX_LENGTH = 64;

    private static final String TIME = "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?";
    private static final String OFFSET = "\\s*(?:([Zz])|([+-])(\\d{1,2})(?::?(\\d{2}))?)?";
    /** A date, then a time and an offset perhaps; groups: year, month, day, {@link #TIME}'s, {@link #OFFSET}'s. */
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ Tt]" + TIME + OFFSET
        + ")?");
    /** A time of day and an offset perhaps. */
    private static final Pattern TIME_OF_DAY = Pattern.compile(TIME + OFFSET);

    /** The days java.sql's (Julian to Gregorian) calendar has not. */
    private static final LocalDate SKIPPED_FROM = LocalDate.of(1582, 10, 5);
    private static final LocalDate SKIPPED_TO = LocalDate.of(1582, 10, 14);
    private static final int NANOS_PER_MILLI = 1_000_000;
    private static final int MAX_OFFSET_HOURS = 15;

    private TextTimes() {
    }

    /**
     * {@code text} as a {@code Timestamp} read in {@code zone}; a date alone is its midnight; SQL NULL ({@code null})
     * as {@code null}.
     */
    public static Timestamp timestamp(String text, TimeZone zone, int column) throws SQLException {
        if (text == null) {
            return null;
        }
        Matcher m = matched(DATE_TIME, text, "date and time", column);
        LocalDate day = day(m, text, column);
        if (m.group(4) == null) {
            return at(day, LocalTime.MIDNIGHT, 0, null, zone);
        }
        if (endOfDay(m, 4)) {
            return at(day.plusDays(1), LocalTime.MIDNIGHT, 0, offset(m, 8, text, column), zone);
        }
        return at(day, time(m, 4, text, column), nanos(m.group(7)), offset(m, 8, text, column), zone);
    }

    /**
     * {@code text} as a {@code Date} read in {@code zone}: its day's midnight there; of a date and time, the day it is
     * in {@code zone}, as {@code getDate} of a TIMESTAMP reads.
     */
    public static Date date(String text, TimeZone zone, int column) throws SQLException {
        Timestamp ts = timestamp(text, zone, column);
        if (ts == null) {
            return null;
        }
        Calendar fields = new GregorianCalendar(zone);
        fields.setTimeInMillis(ts.getTime());
        fields.set(Calendar.HOUR_OF_DAY, 0);
        fields.set(Calendar.MINUTE, 0);
        fields.set(Calendar.SECOND, 0);
        fields.set(Calendar.MILLISECOND, 0);
        return new Date(fields.getTimeInMillis());
    }

    /**
     * {@code text} as a {@code Time} read in {@code zone} (on 1970-01-01, as a TIME column reads); of a date and time,
     * its time of day in {@code zone}.
     */
    public static Time time(String text, TimeZone zone, int column) throws SQLException {
        if (text == null) {
            return null;
        }
        String trimmed = trimmed(text, column, "time");
        Matcher m = TIME_OF_DAY.matcher(trimmed);
        if (!m.matches()) {
            if (!DATE_TIME.matcher(trimmed).matches()) {
                throw notA("time", text, column);
            }
            Timestamp ts = timestamp(text, zone, column);
            Calendar fields = new GregorianCalendar(zone);
            fields.setTimeInMillis(ts.getTime());
            fields.set(1970, Calendar.JANUARY, 1);
            return new Time(fields.getTimeInMillis());
        }
        Timestamp ts = endOfDay(m, 1) ? at(LocalDate.EPOCH.plusDays(1), LocalTime.MIDNIGHT, 0, offset(m, 5, text,
            column), zone) : at(LocalDate.EPOCH, time(m, 1, text, column), nanos(m.group(4)), offset(m, 5, text,
            column), zone);
        return new Time(ts.getTime());
    }

    private static String trimmed(String text, int column, String what) throws SQLException {
        String trimmed = text.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw notA(what, text, column);
        }
        return trimmed;
    }

    private static Matcher matched(Pattern pattern, String text, String what, int column) throws SQLException {
        Matcher m = pattern.matcher(trimmed(text, column, what));
        if (!m.matches()) {
            throw notA(what, text, column);
        }
        return m;
    }

    /**
     * The date of the groups year, month, day: a day of the ISO calendar from the year 1 on (the year 0 read as 1 BC),
     * and none of 1582-10-05 to 1582-10-14, which java.sql's calendar skips (it read them ten days on).
     */
    private static LocalDate day(Matcher m, String text, int column) throws SQLException {
        LocalDate day;
        try {
            day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw outOfRange(text, column);
        }
        if (day.getYear() < 1 || (!day.isBefore(SKIPPED_FROM) && !day.isAfter(SKIPPED_TO))) {
            throw outOfRange(text, column);
        }
        return day;
    }

    /**
     * Whether {@link #TIME}'s groups from {@code first} on are {@code 24:00:00}, the end of a day, which PostgreSQL's
     * {@code time} holds (its {@code timestamp} reads it as the next day's midnight), and no {@code LocalTime} does.
     */
    private static boolean endOfDay(Matcher m, int first) {
        return m.group(first).equals("24") && m.group(first + 1).equals("00")
            && (m.group(first + 2) == null || m.group(first + 2).equals("00"))
            && (m.group(first + 3) == null || m.group(first + 3).chars().allMatch(c -> c == '0'));
    }

    /** The time of {@link #TIME}'s groups, from {@code first} on (hour, minute, second). */
    private static LocalTime time(Matcher m, int first, String text, int column) throws SQLException {
        try {
            String second = m.group(first + 2);
            return LocalTime.of(Integer.parseInt(m.group(first)), Integer.parseInt(m.group(first + 1)),
                second == null ? 0 : Integer.parseInt(second));
        } catch (DateTimeException e) {
            throw outOfRange(text, column);
        }
    }

    private static int nanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    }

    /** The offset of {@link #OFFSET}'s groups from {@code first} on ({@code Z}, sign, hours, minutes); null if none. */
    private static ZoneOffset offset(Matcher m, int first, String text, int column) throws SQLException {
        if (m.group(first) != null) {
            return ZoneOffset.UTC;
        }
        if (m.group(first + 1) == null) {
            return null;
        }
        int hours = Integer.parseInt(m.group(first + 2));
        int minutes = m.group(first + 3) == null ? 0 : Integer.parseInt(m.group(first + 3));
        if (hours > MAX_OFFSET_HOURS || minutes > 59) {
            throw outOfRange(text, column);
        }
        int sign = "-".equals(m.group(first + 1)) ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** The instant {@code day} at {@code time} is at {@code offset}, or, with none, on {@code zone}'s clocks. */
    private static Timestamp at(LocalDate day, LocalTime time, int nanos, ZoneOffset offset, TimeZone zone) {
        GregorianCalendar fields = new GregorianCalendar(offset == null ? zone : TimeZone.getTimeZone(offset));
        fields.clear();
        fields.set(day.getYear(), day.getMonthValue() - 1, day.getDayOfMonth(), time.getHour(), time.getMinute(),
            time.getSecond());
        fields.set(Calendar.MILLISECOND, nanos / NANOS_PER_MILLI);
        Timestamp ts = new Timestamp(fields.getTimeInMillis());
        ts.setNanos(nanos);
        return ts;
    }

    private static SQLException notA(String what, String text, int column) {
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "…";
        return new SQLException("column " + column + " holds the text '" + shown + "', not a " + what,
            INVALID_DATETIME_FORMAT);
    }

    private static SQLException outOfRange(String text, int column) {
        return new SQLException("column " + column + " holds the text '" + text.strip() + "', whose date or time is "
            + "out of range", DATETIME_FIELD_OVERFLOW);
    }
}

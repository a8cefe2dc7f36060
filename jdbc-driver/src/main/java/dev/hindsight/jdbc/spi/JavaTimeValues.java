package dev.hindsight.jdbc.spi;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.UUID;

/**
 * java.time, UUID and the other classes JDBC 4.2 applications pass and ask for, in the terms Avatica understands (it
 * converts none of them: its {@code getObject(i, Class)} refuses every class, and a java.time value or a UUID cannot
 * be sent), for both drivers alike, the embedded one (sql-engine) and the thin one: a {@code TIMESTAMP} is a UTC wall
 * time (SPEC §1), so an {@code Instant}, an {@code OffsetDateTime} or a {@code ZonedDateTime} is that instant's UTC
 * time, a {@code LocalDateTime} the UTC time it reads, a {@code LocalDate} that day's midnight; whatever the
 * connection's {@code timeZone}. A {@code LocalTime} is a {@code TIME}, as is an {@code OffsetTime}, by the time it
 * reads (PostgreSQL's {@code time} drops the offset too). A {@code java.sql.Timestamp} counts its milliseconds in
 * java.util's calendar, Julian before 1582-10-15, and Avatica reads its fields (its day of 1500-03-01 is 1500-03-01),
 * while java.time is Gregorian throughout, as the engine and PostgreSQL are: so the two meet by the fields a
 * Timestamp shows, not by its milliseconds, which would put such an old day ten days off. Stateless.
 */
public final class JavaTimeValues {

    /** What {@link #get} answers for a class it leaves to its caller (a NULL value answers {@code null}). */
    public static final Object NOT_CONVERTED = new Object();

    /** 07006: a column asked for as a class its type cannot be, as PostgreSQL's driver says it. */
    private static final String CANNOT_CONVERT = "07006";
    /** 22018: text asked for as a UUID that is none. */
    private static final String INVALID_CHARACTER_VALUE_FOR_CAST = "22018";

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MILLIS_PER_SECOND = 1_000L;
    /** The first day of the Gregorian calendar in java.util's, 1582-10-15: from it on, both calendars agree. */
    private static final LocalDateTime GREGORIAN_START = LocalDate.of(1582, 10, 15).atStartOfDay();
    private static final long GREGORIAN_START_MILLIS = GREGORIAN_START.toInstant(ZoneOffset.UTC).toEpochMilli();
    /** A day after the Gregorian calendar's first: before it, a time is bound by its fields ({@link #bound}). */
    private static final LocalDateTime AGREED_FROM = LocalDate.of(1582, 10, 16).atStartOfDay();
    private static final long AGREED_FROM_MILLIS = AGREED_FROM.toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final int LAST_YEAR = 9999;
    /** The day after the Julian calendar's last in java.util's, 1582-10-05: the days to the 15th are none of its. */
    private static final LocalDateTime JULIAN_END = LocalDate.of(1582, 10, 5).atStartOfDay();
    /** 22008: a date or time no value of the type holds. */
    private static final String DATETIME_FIELD_OVERFLOW = "22008";

    private JavaTimeValues() {
    }

    /** A fresh UTC calendar (Calendar is not thread-safe). */
    public static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    /**
     * A java.time value as the {@code Timestamp} to bind and the calendar to bind it with
     * ({@code setTimestamp(i, timestamp, calendar)}).
     */
    public record Bound(Timestamp timestamp, Calendar calendar) {
    }

    /**
     * {@code value} as a {@code Timestamp} of its UTC time with the calendar to bind it with, or {@code null} if it is
     * no java.time date-time nor a {@code java.util.Date}. From 1582-10-16 on, the instant, with {@link #utc()};
     * before, its fields, with a calendar of the JVM's zone: Avatica reads a Timestamp by its fields in that zone,
     * less the calendar's offset, so the fields arrive whole, where the instant's would be moved by the zone's offset
     * across the days java.util skips (1582-10-04 20:00 UTC read in Kolkata as the 14th, then the 24th).
     *
     * @throws SQLException 22008 for a time no TIMESTAMP holds: before the year 1 or after 9999 (the engine's
     *                      range), or one of the days 1582-10-05 to 10-14, which java.util's calendar skips
     */
    @SuppressWarnings("JavaUtilDate") // a java.util.Date bound is taken as the instant it is
    public static Bound bound(Object value) throws SQLException {
        Instant instant;
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            instant = z.toInstant();
        } else if (value instanceof LocalDateTime l) {
            instant = l.toInstant(ZoneOffset.UTC);
        } else if (value instanceof LocalDate d) {
            instant = d.atStartOfDay().toInstant(ZoneOffset.UTC);
        } else if (value != null && value.getClass() == java.util.Date.class) {
            // an instant, as a Timestamp is (its java.sql subclasses go their own ways): it was bound as its
            // milliseconds wherever the parameter is no timestamp (a name of 1704164645678)
            instant = ((java.util.Date) value).toInstant();
        } else {
            return null;
        }
        LocalDateTime utcTime;
        try {
            utcTime = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        } catch (DateTimeException beyondJavaTime) {
            throw outOfRange(instant.toString(), "after the year 9999");
        }
        if (utcTime.getYear() < 1 || utcTime.getYear() > LAST_YEAR) {
            throw outOfRange(utcTime.toString(), utcTime.getYear() < 1 ? "before the year 1" : "after the year 9999");
        }
        if (!utcTime.isBefore(AGREED_FROM)) {
            return new Bound(Timestamp.from(instant), utc());
        }
        if (!utcTime.isBefore(JULIAN_END) && utcTime.isBefore(GREGORIAN_START)) {
            throw outOfRange(utcTime.toString(), "one of the days 1582-10-05 to 1582-10-14, which java.sql's calendar "
                + "skips");
        }
        return new Bound(Timestamp.valueOf(utcTime), Calendar.getInstance());
    }

    /**
     * A DATE's or a TIMESTAMP's value as the engine and the protocol hold it (a DATE's days, a TIMESTAMP's
     * milliseconds, since 1970-01-01 UTC) as UTC epoch milliseconds, for {@link #timestampOf}.
     */
    public static long utcMillis(int jdbcType, long held) {
        return jdbcType == Types.DATE ? held * MILLIS_PER_DAY : held;
    }

    /**
     * The {@code Timestamp} a TIMESTAMP (or DATE) value reads as in {@code zone} ({@code getTimestamp(i, calendar)}:
     * the instant at which {@code zone}'s clocks show the value's time), from its time as UTC epoch milliseconds
     * ({@link #utcMillis}); {@code null} before 1582-10-16, where the caller reads it
     * Avatica's way ({@link #bound} says why the calendars differ there).
     *
     * <p>Why not Avatica's: it goes through {@code Timestamp.valueOf(LocalDateTime)} in the JVM's zone and back, so a
     * time that zone's clocks skip (02:30 on a day New York springs forward) came out an hour late, on both drivers
     * and in what the server sends, whatever the zone asked for.
     */
    public static Timestamp timestampOf(long utcMillis, TimeZone zone) {
        if (utcMillis < AGREED_FROM_MILLIS) {
            return null;
        }
        if ("UTC".equals(zone.getID())) { // the connections' zone unless set: no calendar work
            return new Timestamp(utcMillis);
        }
        // the fields in a calendar of the zone, as java.sql reads and writes a Timestamp in it (setTimestamp with a
        // calendar): so a value written in a zone reads back the same, before its standard time and in an hour its
        // clocks repeat too (java.time's rules differ there); a time the zone skips is the one after the gap
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(utcMillis, MILLIS_PER_SECOND), 0,
            ZoneOffset.UTC);
        GregorianCalendar fields = new GregorianCalendar(zone);
        fields.clear();
        fields.set(time.getYear(), time.getMonthValue() - 1, time.getDayOfMonth(), time.getHour(), time.getMinute(),
            time.getSecond());
        fields.set(Calendar.MILLISECOND, (int) Math.floorMod(utcMillis, MILLIS_PER_SECOND));
        return new Timestamp(fields.getTimeInMillis());
    }

    /**
     * A DATE of {@code days} since 1970-01-01 as the {@code java.sql.Date} it reads as in {@code zone}
     * ({@code getDate(i, calendar)}): its midnight there (the hour after, where the zone skips midnight), as
     * {@link #timestampOf} reads it; {@code null} before 1582-10-16, where the caller reads it Avatica's way. Avatica's
     * went through the JVM's zone: in São Paulo the day its clocks skipped midnight (2018-11-04) read as 01:00 UTC on
     * a connection whose zone is UTC.
     */
    public static Date dateOfDays(long days, TimeZone zone) {
        Timestamp midnight = timestampOf(days * MILLIS_PER_DAY, zone);
        return midnight == null ? null : new Date(midnight.getTime());
    }

    /**
     * {@code value} as a {@code java.sql.Date} of its day (to be bound with {@link #utc()}) if it is a
     * {@code LocalDate} from 1582-10-16 on, else {@code null} ({@link #bound} takes it then, as its midnight). Bound as
     * a date, a day is a DATE's, a TIMESTAMP's midnight, and in a text place its own text ({@code 2024-02-29}; as its
     * midnight it was {@code 2024-02-29 00:00:00}), as PostgreSQL's driver binds it.
     */
    public static Date date(Object value) {
        if (!(value instanceof LocalDate day) || day.isBefore(AGREED_FROM.toLocalDate()) || day.getYear() > LAST_YEAR) {
            return null;
        }
        return new Date(day.toEpochDay() * MILLIS_PER_DAY);
    }

    /** {@link #bound}'s Timestamp, or {@code null} if {@code value} is no java.time date-time. */
    public static Timestamp timestamp(Object value) throws SQLException {
        Bound bound = bound(value);
        return bound == null ? null : bound.timestamp();
    }

    private static SQLException outOfRange(String time, String why) {
        return new SQLException("a time of " + time + " cannot be sent: it is " + why, DATETIME_FIELD_OVERFLOW);
    }

    /**
     * The date of {@code ts} in {@code zone}, as a DATE column of that day reads there (its midnight): what
     * {@code getDate} of a TIMESTAMP answers, as PostgreSQL's driver cuts it. Avatica's answered the whole instant, so
     * {@code equals(Date.valueOf(day))} was false and east of UTC it printed the next day.
     */
    public static Date dateOf(Timestamp ts, TimeZone zone) {
        ZoneId z = zone.toZoneId();
        return new Date(LocalDateTime.ofInstant(ts.toInstant(), z).toLocalDate().atStartOfDay(z).toInstant()
            .toEpochMilli());
    }

    /** The time of day of {@code ts} in {@code zone}, as a TIME column of that time reads there (on 1970-01-01). */
    public static Time timeOf(Timestamp ts, TimeZone zone) {
        ZoneId z = zone.toZoneId();
        return new Time(LocalDate.EPOCH.atTime(LocalDateTime.ofInstant(ts.toInstant(), z).toLocalTime()).atZone(z)
            .toInstant().toEpochMilli());
    }

    /** The UTC time {@code ts} (read with {@link #utc()}) shows: its fields, as above, not its milliseconds. */
    private static LocalDateTime utcTime(Timestamp ts) {
        long millis = ts.getTime();
        if (millis >= GREGORIAN_START_MILLIS) {
            return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, MILLIS_PER_SECOND), ts.getNanos(), ZoneOffset.UTC);
        }
        GregorianCalendar fields = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        fields.setTimeInMillis(millis);
        return wallTime(fields).withNano(ts.getNanos());
    }

    /**
     * The date and time {@code fields} shows, to the second, as java.time's: java.util's day (Julian before
     * 1582-10-15) with the same year, month, day and time, a year BC as ISO's (1 BC is year 0). Shared with the
     * server's frames ({@code FrameDates}), which read Avatica's values back so too.
     *
     * @throws java.time.DateTimeException for fields no ISO day has (a Julian 29 February of 1500, say)
     */
    public static LocalDateTime wallTime(Calendar fields) {
        int year = fields.get(Calendar.ERA) == GregorianCalendar.BC ? 1 - fields.get(Calendar.YEAR)
            : fields.get(Calendar.YEAR);
        return LocalDateTime.of(year, fields.get(Calendar.MONTH) + 1, fields.get(Calendar.DAY_OF_MONTH),
            fields.get(Calendar.HOUR_OF_DAY), fields.get(Calendar.MINUTE), fields.get(Calendar.SECOND));
    }

    /**
     * {@code value} as a {@code Time} whose milliseconds are its time of day (to be set with {@link #utc()}), or
     * {@code null} if it is no java.time time. Below a millisecond is dropped, as a {@code TIME(3)} keeps none.
     */
    public static Time time(Object value) {
        LocalTime time = value instanceof LocalTime l ? l : value instanceof OffsetTime o ? o.toLocalTime() : null;
        return time == null ? null : new Time(time.toNanoOfDay() / NANOS_PER_MILLI);
    }

    /**
     * Column {@code column} of {@code rs} as {@code type} ({@code ResultSet.getObject(int, Class)}), or
     * {@link #NOT_CONVERTED} for a class that is none of JDBC 4.2's: each driver answers that one its own way.
     */
    public static Object get(ResultSet rs, int column, Class<?> type) throws SQLException {
        if (type == Instant.class || type == OffsetDateTime.class || type == LocalDateTime.class
            || type == LocalDate.class || type == ZonedDateTime.class) {
            Timestamp ts = rs.getTimestamp(column, utc());
            if (ts == null) {
                return null;
            }
            OffsetDateTime utcTime = utcTime(ts).atOffset(ZoneOffset.UTC);
            if (type == Instant.class) {
                return utcTime.toInstant();
            }
            return type == OffsetDateTime.class ? utcTime : type == ZonedDateTime.class ? utcTime.toZonedDateTime()
                : type == LocalDateTime.class ? utcTime.toLocalDateTime() : utcTime.toLocalDate();
        }
        if (type == LocalTime.class) {
            Time time;
            try {
                time = rs.getTime(column, utc());
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException s && s.getSQLState() != null) {
                    throw s;
                }
                // Avatica's own, without a SQLState: a DATE, say, has no time of day
                throw new SQLException("column " + column + " cannot be read as a LocalTime: " + e.getMessage(),
                    CANNOT_CONVERT, e);
            }
            if (time == null) {
                return null;
            }
            long millis = time.getTime();
            // 24:00:00, which a TIME holds (as in PostgreSQL) and a LocalTime does not: its last moment, as pgJDBC
            return millis == MILLIS_PER_DAY ? LocalTime.MAX
                : LocalTime.ofNanoOfDay(Math.floorMod(millis, MILLIS_PER_DAY) * NANOS_PER_MILLI);
        }
        Object value;
        if (type == String.class) {
            value = rs.getString(column);
        } else if (type == Long.class) {
            value = rs.getLong(column);
        } else if (type == Integer.class) {
            value = rs.getInt(column);
        } else if (type == Short.class) {
            value = rs.getShort(column);
        } else if (type == Double.class) {
            value = rs.getDouble(column);
        } else if (type == Boolean.class) {
            value = rs.getBoolean(column);
        } else if (type == BigDecimal.class) {
            value = rs.getBigDecimal(column);
        } else if (type == Timestamp.class) {
            value = rs.getTimestamp(column);
        } else if (type == Date.class) {
            value = rs.getDate(column);
        } else if (type == UUID.class) {
            value = uuid(rs.getString(column));
        } else {
            return NOT_CONVERTED;
        }
        return rs.wasNull() ? null : value;
    }

    private static UUID uuid(String text) throws SQLException {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new SQLException("'" + text + "' is no UUID", INVALID_CHARACTER_VALUE_FOR_CAST, e);
        }
    }
}

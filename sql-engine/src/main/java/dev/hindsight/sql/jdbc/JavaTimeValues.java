package dev.hindsight.sql.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.UUID;

/**
 * java.time and the other classes JDBC 4.2 applications pass and ask for, in the terms Avatica understands. A
 * {@code TIMESTAMP} here is a UTC wall time (SPEC §1: {@code ts} is the commit time in UTC), so an {@code Instant}
 * or an {@code OffsetDateTime} is that instant's UTC time, and a {@code LocalDateTime} is taken as the UTC time it
 * reads; a {@code LocalDate} is that day's midnight.
 */
final class JavaTimeValues {

    private JavaTimeValues() {
    }

    /** A fresh UTC calendar (Calendar is not thread-safe, and Avatica reads the one it is given). */
    static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    /** {@code value} as a {@code Timestamp} of its UTC time, or {@code null} if it is no java.time date-time. */
    static Timestamp timestamp(Object value) {
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
        } else {
            return null;
        }
        return Timestamp.from(instant);
    }

    /** What {@link #get} answers for a class it leaves to Avatica (a NULL value answers {@code null}). */
    static final Object NOT_CONVERTED = new Object();

    /**
     * Column {@code column} of {@code rs} as {@code type} ({@code ResultSet.getObject(int, Class)}), or
     * {@link #NOT_CONVERTED} for a class left to Avatica.
     */
    static Object get(ResultSet rs, int column, Class<?> type) throws SQLException {
        if (type == Instant.class || type == OffsetDateTime.class || type == LocalDateTime.class
            || type == LocalDate.class || type == ZonedDateTime.class) {
            Timestamp ts = rs.getTimestamp(column, utc());
            if (ts == null) {
                return null;
            }
            Instant instant = ts.toInstant();
            if (type == Instant.class) {
                return instant;
            }
            OffsetDateTime utcTime = instant.atOffset(ZoneOffset.UTC);
            return type == OffsetDateTime.class ? utcTime : type == ZonedDateTime.class ? utcTime.toZonedDateTime()
                : type == LocalDateTime.class ? utcTime.toLocalDateTime() : utcTime.toLocalDate();
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
            String text = rs.getString(column);
            try {
                value = text == null ? null : UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw new SQLException("'" + text + "' is no UUID", SqlErrors.INVALID_CHARACTER_VALUE_FOR_CAST, e);
            }
        } else {
            return NOT_CONVERTED;
        }
        return rs.wasNull() ? null : value;
    }
}

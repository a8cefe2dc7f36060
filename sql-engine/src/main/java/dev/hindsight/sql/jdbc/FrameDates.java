package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.JavaTimeValues;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.IntStream;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * A frame's {@code TIMESTAMP} and {@code DATE} values counted as Avatica's protocol counts them, in ISO (Gregorian)
 * days, as the engine holds them and the client reads them. Avatica's server ({@code JdbcMeta}) writes the
 * milliseconds of the {@code java.sql.Timestamp} (or {@code Date}) it reads from the connection with a calendar (UTC
 * for a result's first frame, the JVM's zone for the frames fetched after it), and java.util counts those in the
 * Julian calendar before 1582-10-15: a {@code TIMESTAMP '1500-03-01 00:00:00'} reached the client ten days later.
 * Such a value is read back into the fields it was written from, in that calendar's zone, and counted in ISO days; a
 * {@code DATE} as the day {@code JdbcMeta} cut its milliseconds to (toward zero). From 1582-10-16 on both counts
 * agree, and those values, all but a few, are left as they are. Rows are rewritten in place: Avatica's frames hold
 * each row as an {@code Object[]}.
 */
final class FrameDates {

    /** A day after the Gregorian calendar's first, so that no zone's offset puts an old value past the test. */
    private static final LocalDate AGREED_FROM = LocalDate.of(1582, 10, 16);
    private static final int AGREED_FROM_DAY = (int) AGREED_FROM.toEpochDay();
    private static final long AGREED_FROM_MILLIS = AGREED_FROM.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

    private FrameDates() {
    }

    /** The indexes of {@code columns}' TIMESTAMP and DATE columns, or none. */
    static int[] of(List<ColumnMetaData> columns) {
        return IntStream.range(0, columns.size()).filter(i -> isDated(columns.get(i).type.id)).toArray();
    }

    /** The indexes (from 0) of {@code metaData}'s TIMESTAMP and DATE columns, or none. */
    static int[] of(ResultSetMetaData metaData) throws SQLException {
        int[] types = new int[metaData.getColumnCount()];
        for (int i = 0; i < types.length; i++) {
            types[i] = metaData.getColumnType(i + 1);
        }
        return IntStream.range(0, types.length).filter(i -> isDated(types[i])).toArray();
    }

    /** A result's first frame: {@code JdbcMeta} read it with a UTC calendar. */
    static void firstFrameToIso(Iterable<Object> rows, int[] columns) {
        toIso(rows, columns, UTC);
    }

    /** A fetched frame: {@code JdbcMeta} read it with a calendar of the JVM's zone. */
    static void fetchedToIso(Iterable<Object> rows, int[] columns) {
        toIso(rows, columns, TimeZone.getDefault());
    }

    /** {@code rows}' values in {@code columns} before 1582-10-16, written with a calendar of {@code zone}, as ISO. */
    static void toIso(Iterable<Object> rows, int[] columns, TimeZone zone) {
        if (columns.length == 0) {
            return;
        }
        GregorianCalendar zoned = null; // made for the first old value: a frame of this era's has none
        GregorianCalendar utc = null;
        for (Object row : rows) {
            if (!(row instanceof Object[] values)) {
                return; // not a frame JdbcMeta wrote
            }
            for (int column : columns) {
                Object value = values[column];
                try {
                    if (value instanceof Long millis && millis < AGREED_FROM_MILLIS) {
                        zoned = zoned != null ? zoned : new GregorianCalendar(zone);
                        values[column] = isoMillis(zoned, millis);
                    } else if (value instanceof Integer day && day < AGREED_FROM_DAY) {
                        utc = utc != null ? utc : new GregorianCalendar(UTC);
                        values[column] = isoDay(utc, day, zone);
                    }
                } catch (DateTimeException notAnIsoDay) {
                    // fields no ISO day has (a Julian 29 February, shifted by a zone): left as Avatica wrote it
                }
            }
        }
    }

    /** The ISO milliseconds of the wall time {@code millis} shows in {@code zoned}'s zone. */
    private static long isoMillis(GregorianCalendar zoned, long millis) {
        zoned.setTimeInMillis(millis);
        return JavaTimeValues.wallTime(zoned).toEpochSecond(ZoneOffset.UTC) * DateTimeUtils.MILLIS_PER_SECOND
            + zoned.get(Calendar.MILLISECOND);
    }

    /**
     * The ISO day of the day {@code JdbcMeta} wrote as {@code day}: its midnight in {@code zone} in milliseconds, cut
     * toward zero to days, which for a day before 1970 is the day itself at or east of UTC and the one after it west.
     */
    private static int isoDay(GregorianCalendar utc, int day, TimeZone zone) {
        int julianDay = zone.getOffset(day * DateTimeUtils.MILLIS_PER_DAY) < 0 ? day - 1 : day;
        utc.setTimeInMillis(julianDay * DateTimeUtils.MILLIS_PER_DAY);
        return (int) JavaTimeValues.wallTime(utc).toLocalDate().toEpochDay();
    }

    private static boolean isDated(int type) {
        return type == Types.TIMESTAMP || type == Types.DATE;
    }
}

package dev.hindsight.sql.jdbc;

import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * A frame's {@code TIMESTAMP} and {@code DATE} values counted as Avatica's protocol counts them, in ISO (Gregorian)
 * days, as the engine holds them and the client reads them. Avatica's server ({@code JdbcMeta}) writes the
 * milliseconds of the {@code java.sql.Timestamp} (or {@code Date}) it reads from the connection, and java.util counts
 * those in the Julian calendar before 1582-10-15: a {@code TIMESTAMP '1500-03-01 00:00:00'} reached the client ten
 * days later. Such values are written back to the engine's count with Avatica's own inverse, with the calendar
 * {@code JdbcMeta} reads with (the JVM's zone); from 1582-10-15 on both counts agree, and those values, all but a few,
 * are left as they are. Rows are rewritten in place: Avatica's frames hold each row as an {@code Object[]}.
 */
final class FrameDates {

    /** A day after the Gregorian calendar's first, so that no zone's offset puts an old value past the test. */
    private static final LocalDate AGREED_FROM = LocalDate.of(1582, 10, 16);
    private static final int AGREED_FROM_DAY = (int) AGREED_FROM.toEpochDay();
    private static final long AGREED_FROM_MILLIS = AGREED_FROM.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();

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

    /** {@code rows}' values in {@code columns} before 1582-10-16 rewritten to the ISO count. */
    static void toIso(Iterable<Object> rows, int[] columns) {
        if (columns.length == 0) {
            return;
        }
        Calendar calendar = null;
        for (Object row : rows) {
            if (!(row instanceof Object[] values)) {
                return; // not a frame JdbcMeta wrote
            }
            for (int column : columns) {
                Object value = values[column];
                if (value instanceof Long millis && millis < AGREED_FROM_MILLIS) {
                    calendar = calendar != null ? calendar : Calendar.getInstance();
                    values[column] = DateTimeUtils.sqlTimestampToUnixTimestamp(new Timestamp(millis), calendar);
                } else if (value instanceof Integer day && day < AGREED_FROM_DAY) {
                    calendar = calendar != null ? calendar : Calendar.getInstance();
                    values[column] = DateTimeUtils.sqlDateToUnixDate(
                        new Date(day * DateTimeUtils.MILLIS_PER_DAY), calendar);
                }
            }
        }
    }

    private static boolean isDated(int type) {
        return type == Types.TIMESTAMP || type == Types.DATE;
    }
}

package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.http.json.EventJsonFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalTime;

/**
 * Writes a result set as {@code {"columns":[{"name":..,"type":..}],"rows":[[..],..]}}, row by row as it is read, so a
 * large result is never held whole. Numbers as JSON numbers (a non-finite double as a string), booleans as booleans,
 * timestamps as ISO-8601 UTC with milliseconds ({@code 2026-11-23T10:21:11.123Z}, as events show {@code ts}),
 * arrays as JSON arrays ({@link ArrayValues}), everything else as its string.
 */
final class SqlResultWriter {

    private SqlResultWriter() {
    }

    /** Writes the columns and, from the current row on ({@code hasRow} says whether there is one), every row. */
    static void write(JsonGenerator g, ResultSet rs, boolean hasRow) throws IOException, SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        int[] types = new int[n];
        g.writeStartObject();
        g.writeArrayFieldStart("columns");
        for (int i = 1; i <= n; i++) {
            types[i - 1] = typeOf(meta, i);
            g.writeStartObject();
            g.writeStringField("name", meta.getColumnLabel(i));
            g.writeStringField("type", meta.getColumnTypeName(i));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (boolean more = hasRow; more; more = rs.next()) {
            g.writeStartArray();
            for (int i = 1; i <= n; i++) {
                value(g, rs, i, types[i - 1]);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The column's JDBC type; an interval (JDBC's OTHER, Calcite's type names {@code INTERVAL_…}) one of this class's
     * own, to be written as PostgreSQL writes it ({@link IntervalText}) instead of Avatica's text ({@code +1} for one
     * day, {@code +1 01:30:00.000}).
     */
    private static int typeOf(ResultSetMetaData meta, int i) throws SQLException {
        int type = meta.getColumnType(i);
        String name = meta.getColumnTypeName(i);
        if (type != Types.OTHER || name == null || !name.startsWith("INTERVAL_")) {
            return type;
        }
        if (name.equals("INTERVAL_YEAR") || name.equals("INTERVAL_MONTH") || name.equals("INTERVAL_YEAR_MONTH")
            || name.equals("INTERVAL_YEAR_TO_MONTH")) {
            return INTERVAL_MONTHS;
        }
        // an interval of days (or a difference of timestamps, DAY TO SECOND) shows its days; one of hours or less
        // its hours whole (INTERVAL '25' HOUR is 25:00:00), as PostgreSQL prints each
        return name.startsWith("INTERVAL_DAY") ? INTERVAL_MILLIS : INTERVAL_HOURS;
    }

    /** An interval of days to seconds: its value is milliseconds. */
    private static final int INTERVAL_MILLIS = Integer.MIN_VALUE + 1;
    /** An interval of years and months: its value is months. */
    private static final int INTERVAL_MONTHS = Integer.MIN_VALUE + 2;
    /** An interval of hours, minutes or seconds: its value is milliseconds. */
    private static final int INTERVAL_HOURS = Integer.MIN_VALUE + 3;

    private static void value(JsonGenerator g, ResultSet rs, int i, int type) throws IOException, SQLException {
        switch (type) {
            case INTERVAL_MILLIS, INTERVAL_MONTHS, INTERVAL_HOURS -> {
                Object v = rs.getObject(i);
                if (v instanceof Number n) {
                    g.writeString(type == INTERVAL_MONTHS ? IntervalText.ofMonths(n.intValue())
                        : IntervalText.ofMillis(n.longValue(), type == INTERVAL_MILLIS));
                } else if (v == null) {
                    g.writeNull();
                } else {
                    g.writeString(v.toString());
                }
            }
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
            case Types.REAL -> {
                // a float's own shortest digits: read through a double, 0.1 was 0.10000000149011612
                float v = rs.getFloat(i);
                if (rs.wasNull()) {
                    g.writeNull();
                } else if (Float.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeString(Float.toString(v));
                }
            }
            case Types.DOUBLE, Types.FLOAT -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    g.writeNull();
                } else if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeString(Double.toString(v));
                }
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    g.writeNull();
                } else {
                    g.writeBoolean(v);
                }
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Instant v = rs.getObject(i, Instant.class);
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeString(EventJsonFormat.formatTs(v.toEpochMilli()));
                }
            }
            case Types.TIME -> { // as PostgreSQL and a cast to text write it, 10:00:00.12: getString was 10:00:00.120
                LocalTime v = rs.getObject(i, LocalTime.class);
                if (v == null) {
                    g.writeNull();
                } else {
                    // the drivers read 24:00:00 as LocalTime's last moment (as pgJDBC): it was 23:59:59.999
                    g.writeString(ProjectionReadRoute.timeText(LocalTime.MAX.equals(v) ? ProjectionReadRoute.END_OF_DAY
                        : (int) (v.toNanoOfDay() / 1_000_000L)));
                }
            }
            case Types.ARRAY -> {
                Array v = rs.getArray(i);
                if (v == null) {
                    g.writeNull();
                } else if (!ArrayValues.write(g, v)) {
                    g.writeString(rs.getString(i));
                }
            }
            default -> {
                String v = rs.getString(i);
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeString(v);
                }
            }
        }
    }
}

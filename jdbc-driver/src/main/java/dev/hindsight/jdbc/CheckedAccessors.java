package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.ApproximateDecimals;
import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.IntervalText;
import dev.hindsight.jdbc.spi.JavaTimeValues;
import dev.hindsight.jdbc.spi.StreamReads;
import dev.hindsight.jdbc.spi.TextNumbers;
import dev.hindsight.jdbc.spi.TextTimes;
import dev.hindsight.jdbc.spi.WholeNumberReads;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.AbstractList;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.calcite.avatica.util.Cursor;
import org.joou.UByte;
import org.joou.UInteger;
import org.joou.ULong;
import org.joou.UShort;

/**
 * A remote result set's column accessors, each refusing a read with a SQLState and words that name the column
 * ({@link ClientRefusals#ofRead}) where Avatica's refuse it with neither: a value that does not convert, a read with
 * no row under the cursor, a whole number its getter's type cannot hold ({@link WholeNumberReads}); and a DECIMAL's
 * text is its plain numeral and a BINARY's its bytes in hex, as embedded
 * (Avatica's decoded the bytes as UTF-8: {@code X'DEADBEEF'} came out as three characters of no meaning).
 * Avatica's result set reads every column, by index or by label, through its list of accessors, and reads an index
 * beyond the list as an {@code IndexOutOfBoundsException} it words itself; this list has an accessor for every index
 * instead, one beyond the columns refusing every read with 22023.
 */
final class CheckedAccessors extends AbstractList<Cursor.Accessor> {

    /** A column's type not asked yet. */
    private static final int UNKNOWN = Integer.MIN_VALUE;
    /** A day-time interval typed finer than its milliseconds ({@link IntervalText}). */
    private static final int FINE_INTERVAL = Integer.MIN_VALUE + 1;

    private final List<Cursor.Accessor> accessors;
    private final ResultSetMetaData metaData;

    CheckedAccessors(List<Cursor.Accessor> avaticas, ResultSetMetaData metaData) {
        this.metaData = metaData;
        Cursor.Accessor[] checked = new Cursor.Accessor[avaticas.size()];
        for (int i = 0; i < checked.length; i++) {
            checked[i] = new Checked(avaticas.get(i), i + 1);
        }
        this.accessors = List.of(checked);
    }

    @Override
    public Cursor.Accessor get(int index) {
        return index >= 0 && index < accessors.size() ? accessors.get(index) : new Checked(null, index + 1);
    }

    @Override
    public int size() {
        return accessors.size();
    }

    /** Avatica's accessor of one column (null for an index beyond the columns), its refusals given a SQLState. */
    private final class Checked implements Cursor.Accessor {
        private final Cursor.Accessor accessor;
        private final int column;
        /** The column's JDBC type (or {@link #FINE_INTERVAL}), once {@link #type} has asked. */
        private int type = UNKNOWN;

        Checked(Cursor.Accessor accessor, int column) {
            this.accessor = accessor;
            this.column = column;
        }

        /** Avatica's accessor; 22023 for an index beyond the columns, as Avatica's result set has none there. */
        private Cursor.Accessor accessor() throws SQLException {
            if (accessor == null) {
                throw ClientRefusals.columnOutOfRange(column, metaData.getColumnCount());
            }
            return accessor;
        }

        private SQLException refused(SQLException e, Class<?> asked) {
            return ClientRefusals.ofRead(e, metaData, column, asked);
        }

        @Override
        public boolean wasNull() throws SQLException {
            try {
                return accessor().wasNull();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public String getString() throws SQLException {
            try {
                int t = type();
                if (t == Types.DECIMAL) { // its plain numeral, as PostgreSQL prints it (Avatica's: 0E-16, 1.000E-7)
                    BigDecimal value = accessor().getBigDecimal();
                    return value == null ? null : value.toPlainString();
                }
                if (t == Types.BINARY || t == Types.VARBINARY) {
                    byte[] bytes = accessor().getBytes();
                    return bytes == null ? null : HexFormat.of().formatHex(bytes);
                }
                String text = accessor().getString();
                if (type == FINE_INTERVAL && text != null) { // its milliseconds (Avatica's: zeros)
                    return IntervalText.withMillis(text, ((Number) accessor().getObject()).longValue(),
                        metaData.getScale(column));
                }
                return text;
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        /** The column's JDBC type (asked once), or {@link #FINE_INTERVAL} for a day-time interval finer than ms. */
        private int type() throws SQLException {
            if (type == UNKNOWN) {
                type = accessor == null ? Types.NULL
                    : IntervalText.finerThanMillis(metaData.getColumnTypeName(column), metaData.getScale(column))
                    ? FINE_INTERVAL : metaData.getColumnType(column);
            }
            return type;
        }

        @Override
        public boolean getBoolean() throws SQLException {
            WholeNumberReads.checkNumeric(type(), column, "getBoolean");
            try {
                if (TextNumbers.isText(type())) {
                    return TextNumbers.bool(accessor().getString(), column);
                }
                return accessor().getBoolean();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public byte getByte() throws SQLException {
            try {
                if (WholeNumberReads.mayOverflow(type(), 8)) {
                    return (byte) WholeNumberReads.narrowed(accessor().getObject(), 8, column);
                }
                return accessor().getByte();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public UByte getUByte() throws SQLException {
            try {
                return accessor().getUByte();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public short getShort() throws SQLException {
            try {
                if (WholeNumberReads.mayOverflow(type(), 16)) {
                    return (short) WholeNumberReads.narrowed(accessor().getObject(), 16, column);
                }
                return accessor().getShort();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public UShort getUShort() throws SQLException {
            try {
                return accessor().getUShort();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public int getInt() throws SQLException {
            try {
                if (WholeNumberReads.mayOverflow(type(), 32)) {
                    return (int) WholeNumberReads.narrowed(accessor().getObject(), 32, column);
                }
                return accessor().getInt();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public UInteger getUInt() throws SQLException {
            try {
                return accessor().getUInt();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public long getLong() throws SQLException {
            try {
                if (WholeNumberReads.mayOverflow(type(), 64)) {
                    return WholeNumberReads.narrowed(accessor().getObject(), 64, column);
                }
                return accessor().getLong();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public ULong getULong() throws SQLException {
            try {
                return accessor().getULong();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public float getFloat() throws SQLException {
            WholeNumberReads.checkNumeric(type(), column, "getFloat");
            try {
                if (TextNumbers.isText(type())) {
                    return (float) TextNumbers.floating(accessor().getString(), column);
                }
                return accessor().getFloat();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public double getDouble() throws SQLException {
            WholeNumberReads.checkNumeric(type(), column, "getDouble");
            try {
                if (TextNumbers.isText(type())) {
                    return TextNumbers.floating(accessor().getString(), column);
                }
                return accessor().getDouble();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        /** A DOUBLE or REAL as the decimal its text says ({@link ApproximateDecimals}), as embedded. */
        @Override
        public BigDecimal getBigDecimal() throws SQLException {
            WholeNumberReads.checkNumeric(type(), column, "getBigDecimal");
            double d;
            try {
                if (TextNumbers.isText(type())) {
                    return TextNumbers.decimal(accessor().getString(), column);
                }
                if (!ApproximateDecimals.applies(type())) {
                    return accessor().getBigDecimal();
                }
                d = accessor().getDouble();
                if (accessor().wasNull()) {
                    return null;
                }
            } catch (SQLException e) {
                throw refused(e, null);
            }
            return ApproximateDecimals.of(d, type, column);
        }

        /**
         * Rounded to {@code scale} a half up, as PostgreSQL's driver and the embedded one round: Avatica's ignored the
         * scale of a DECIMAL ({@code 123.456} at 2 was 123.456).
         */
        @Override
        public BigDecimal getBigDecimal(int scale) throws SQLException {
            BigDecimal value = getBigDecimal();
            return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
        }

        @Override
        public byte[] getBytes() throws SQLException {
            try {
                return accessor().getBytes();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        /** The value's text as ASCII bytes, as PostgreSQL's driver gives it (Avatica refused text: 07006). */
        @Override
        public InputStream getAsciiStream() throws SQLException {
            return StreamReads.ascii(getString());
        }

        @Override
        public InputStream getUnicodeStream() throws SQLException {
            try {
                return accessor().getUnicodeStream();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        /** The value's bytes ({@link #getBytes}), as PostgreSQL's driver gives them (Avatica refused them: 07006). */
        @Override
        public InputStream getBinaryStream() throws SQLException {
            return StreamReads.binary(getBytes());
        }

        @Override
        public Object getObject() throws SQLException {
            try {
                return accessor().getObject();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        /** The value's text, as PostgreSQL's driver gives it (Avatica refused text: 07006). */
        @Override
        public Reader getCharacterStream() throws SQLException {
            return StreamReads.text(getString());
        }

        @Override
        public Object getObject(Map<String, Class<?>> map) throws SQLException {
            try {
                return accessor().getObject(map);
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public Ref getRef() throws SQLException {
            try {
                return accessor().getRef();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public Blob getBlob() throws SQLException {
            try {
                return accessor().getBlob();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public Clob getClob() throws SQLException {
            try {
                return accessor().getClob();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public Array getArray() throws SQLException {
            try {
                return accessor().getArray();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public Struct getStruct() throws SQLException {
            try {
                return accessor().getStruct();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        /**
         * Of a TIMESTAMP its date ({@link JavaTimeValues#dateOf}), as embedded; Avatica's kept the whole instant. A
         * DATE read in the calendar's zone ({@link JavaTimeValues#dateOfDays}), not through the JVM's, as embedded.
         * Text read as PostgreSQL's driver reads it ({@link TextTimes}), as embedded.
         */
        @Override
        public Date getDate(Calendar calendar) throws SQLException {
            try {
                int t = type();
                if (t == Types.TIMESTAMP) {
                    Timestamp ts = getTimestamp(calendar);
                    return ts == null ? null : JavaTimeValues.dateOf(ts, zone(calendar));
                }
                if (TextNumbers.isText(t)) {
                    return TextTimes.date(accessor().getString(), zone(calendar), column);
                }
                if (t == Types.DATE) {
                    long days = accessor().getLong();
                    if (accessor().wasNull()) {
                        return null;
                    }
                    Date day = JavaTimeValues.dateOfDays(days, zone(calendar));
                    if (day != null) {
                        return day;
                    }
                }
                return accessor().getDate(calendar);
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        /**
         * Of a TIMESTAMP its time of day ({@link JavaTimeValues#timeOf}), as embedded; text read ({@link TextTimes}).
         */
        @Override
        public Time getTime(Calendar calendar) throws SQLException {
            try {
                int t = type();
                if (t == Types.TIMESTAMP) {
                    Timestamp ts = getTimestamp(calendar);
                    return ts == null ? null : JavaTimeValues.timeOf(ts, zone(calendar));
                }
                if (TextNumbers.isText(t)) {
                    return TextTimes.time(accessor().getString(), zone(calendar), column);
                }
                return accessor().getTime(calendar);
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        /** The zone a TIMESTAMP's fields were read in: the calendar's (Avatica passes the connection's if none). */
        private static TimeZone zone(Calendar calendar) {
            return calendar == null ? TimeZone.getTimeZone("UTC") : calendar.getTimeZone();
        }

        /**
         * A TIMESTAMP or DATE read in the calendar's zone ({@link JavaTimeValues#timestampOf}: Avatica's went through
         * the JVM's zone, a time its clocks skip an hour late); before 1582-10-16, Avatica's. Text read
         * ({@link TextTimes}).
         */
        @Override
        public Timestamp getTimestamp(Calendar calendar) throws SQLException {
            try {
                int t = type();
                if (t == Types.TIMESTAMP || t == Types.DATE) {
                    long held = accessor().getLong();
                    if (accessor().wasNull()) {
                        return null;
                    }
                    Timestamp ts = JavaTimeValues.timestampOf(JavaTimeValues.utcMillis(t, held), zone(calendar));
                    if (ts != null) {
                        return ts;
                    }
                }
                if (TextNumbers.isText(t)) {
                    return TextTimes.timestamp(accessor().getString(), zone(calendar), column);
                }
                return accessor().getTimestamp(calendar);
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public URL getURL() throws SQLException {
            try {
                return accessor().getURL();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public NClob getNClob() throws SQLException {
            try {
                return accessor().getNClob();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public SQLXML getSQLXML() throws SQLException {
            try {
                return accessor().getSQLXML();
            } catch (SQLException e) {
                throw refused(e, null);
            }
        }

        @Override
        public String getNString() throws SQLException {
            return getString(); // the same text (Avatica's is getString's), a DECIMAL's and an interval's too
        }

        /** As {@link #getCharacterStream()}. */
        @Override
        public Reader getNCharacterStream() throws SQLException {
            return StreamReads.text(getString());
        }

        @Override
        public <T> T getObject(Class<T> type) throws SQLException {
            try {
                return accessor().getObject(type);
            } catch (SQLException e) {
                throw refused(e, type);
            }
        }
    }
}

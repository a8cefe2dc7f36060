package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.ApproximateDecimals;
import dev.hindsight.jdbc.spi.CheckedResultSetMetaData;
import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.IntervalText;
import dev.hindsight.jdbc.spi.JavaTimeValues;
import dev.hindsight.jdbc.spi.StreamReads;
import dev.hindsight.jdbc.spi.TextNumbers;
import dev.hindsight.jdbc.spi.TextTimes;
import dev.hindsight.jdbc.spi.WholeNumberReads;
import dev.hindsight.sql.QueryCanceledException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Calendar;
import java.util.Map;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A result set as the client gets it: Calcite's, behind a typed wrapper (HikariCP's {@code ProxyResultSet} style) for
 * the two things Avatica offers no hook for: a failure while rows are computed inside {@code next()} (Calcite lets a
 * cast of text that is no number through as it is) leaves as an {@code SQLException} with a SQLState
 * ({@link SqlErrors#fromExecution}), and {@code getStatement()} names the statement the client holds; and for the
 * values Avatica gives otherwise: java.time classes ({@link JavaTimeValues}), TIMESTAMPs read without a detour, a
 * DECIMAL's text as its plain numeral.
 *
 * <p>Here the values by column index; what a result set does besides is in its layers, each one concern:
 * {@link ForwardingResultSet} (the cursor and its state, Avatica's), {@link ResultSetByLabel} (by label as by
 * index), {@link ReadOnlyResultSetByLabel} and {@link ReadOnlyResultSet} (every change refused).
 */
final class HindsightResultSet extends ForwardingResultSet {

    private final Statement owner;
    /**
     * The statement's {@code maxRows} when it ran (0: no limit), kept here: a plain statement's plan holds it, but a
     * prepared statement's was planned before it was set, and Calcite's run of it passes it on to nothing (all rows
     * came back after {@code setMaxRows(5)}).
     */
    private final long maxRows;
    private long rowsRead;

    HindsightResultSet(ResultSet delegate, Statement owner, long maxRows) {
        super(delegate);
        this.owner = owner;
        this.maxRows = maxRows;
    }

    @Override
    public boolean next() throws SQLException {
        if (maxRows > 0 && rowsRead >= maxRows && !delegate.isClosed()) {
            return false; // the rows beyond are dropped, as JDBC says (a closed one refuses below)
        }
        try {
            boolean more = delegate.next();
            rowsRead += more ? 1 : 0;
            return more;
        } catch (SQLException e) {
            if (e.getSQLState() == null && delegate.isClosed()) {
                throw closed(e);
            }
            if (e.getSQLState() == null && canceled()) { // nor its "Statement canceled", once cancel() has run
                throw new SQLException(QueryCanceledException.BY_USER, SqlErrors.QUERY_CANCELED, e);
            }
            throw e;
        } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            throw SqlErrors.fromExecution(e);
        }
    }

    @Override
    public Statement getStatement() throws SQLException {
        return owner;
    }

    /** As Avatica's, its "closed" (no SQLState) 24000 as {@link #next}'s and as remotely. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        if (delegate.isClosed()) {
            throw closed(null);
        }
        return CheckedResultSetMetaData.of(delegate.getMetaData()); // 22023 for a column out of range
    }

    /** As {@link #getMetaData}. */
    @Override
    public boolean wasNull() throws SQLException {
        if (delegate.isClosed()) {
            throw closed(null);
        }
        return delegate.wasNull();
    }

    /**
     * Whether a whole-number read of {@code column} as {@code bits} must be checked ({@link WholeNumberReads}): its
     * type may hold a value they cannot.
     */
    private boolean mayOverflow(int column, int bits) throws SQLException {
        return WholeNumberReads.mayOverflow(typeOf(column), bits);
    }

    /**
     * Avatica's refusal of a read of {@code column}, with its SQLState and in words that name the column
     * ({@link ClientRefusals#ofRead}); Avatica's "closed" as {@link #next}'s.
     */
    private SQLException refused(SQLException e, int column) throws SQLException {
        if (e.getSQLState() == null && delegate.isClosed()) {
            return closed(e);
        }
        return ClientRefusals.ofRead(e, delegate.getMetaData(), column);
    }

    /** Avatica's "closed", which has no SQLState. */
    private static SQLException closed(SQLException e) {
        return new SQLException("the result set is closed", ClientRefusals.INVALID_CURSOR_STATE, e);
    }

    @Override
    public int findColumn(String label) throws SQLException {
        try {
            return delegate.findColumn(label);
        } catch (SQLException e) {
            if (e.getSQLState() != null) {
                throw e;
            }
            throw delegate.isClosed() ? closed(e) : ClientRefusals.unknownLabel(label, delegate.getMetaData());
        }
    }

    /** Whether the statement under these rows has its cancel flag up (asked only once {@code next()} has failed). */
    private boolean canceled() {
        return owner instanceof ForwardingStatement statement && statement.canceled();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public Array getArray(int a0) throws SQLException {
        try {
            return (Array) ElementsOnlyArray.of(delegate.getArray(a0));
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    /** The value's text as ASCII bytes, as PostgreSQL's driver gives it (Avatica refused text: 07006). */
    @Override
    public InputStream getAsciiStream(int a0) throws SQLException {
        return StreamReads.ascii(getString(a0));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int a0, int a1) throws SQLException {
        return scaled(getBigDecimal(a0), a1);
    }

    @Override
    public BigDecimal getBigDecimal(int a0) throws SQLException {
        double d;
        int type;
        try {
            type = typeOf(a0);
            WholeNumberReads.checkNumeric(type, a0, "getBigDecimal");
            if (TextNumbers.isText(type)) {
                return TextNumbers.decimal(delegate.getString(a0), a0);
            }
            if (!ApproximateDecimals.applies(type)) {
                return delegate.getBigDecimal(a0);
            }
            d = delegate.getDouble(a0); // a REAL's as its text says, as remotely (ApproximateDecimals)
            if (delegate.wasNull()) {
                return null;
            }
        } catch (SQLException e) {
            throw refused(e, a0);
        }
        return ApproximateDecimals.of(d, type, a0);
    }

    /** The value's bytes ({@link #getBytes}), as PostgreSQL's driver gives them (Avatica refused them: 07006). */
    @Override
    public InputStream getBinaryStream(int a0) throws SQLException {
        return StreamReads.binary(getBytes(a0));
    }

    @Override
    public Blob getBlob(int a0) throws SQLException {
        try {
            return delegate.getBlob(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public boolean getBoolean(int a0) throws SQLException {
        try {
            WholeNumberReads.checkNumeric(typeOf(a0), a0, "getBoolean");
            if (TextNumbers.isText(typeOf(a0))) {
                return TextNumbers.bool(delegate.getString(a0), a0);
            }
            return delegate.getBoolean(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public byte getByte(int a0) throws SQLException {
        try {
            if (mayOverflow(a0, 8)) {
                return (byte) WholeNumberReads.narrowed(delegate.getObject(a0), 8, a0);
            }
            return delegate.getByte(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public byte[] getBytes(int a0) throws SQLException {
        try {
            return delegate.getBytes(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    /** The value's text, as PostgreSQL's driver gives it (Avatica refused text: 07006). */
    @Override
    public Reader getCharacterStream(int a0) throws SQLException {
        return StreamReads.text(getString(a0));
    }

    @Override
    public Clob getClob(int a0) throws SQLException {
        try {
            return delegate.getClob(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    /**
     * Of a TIMESTAMP its date ({@link JavaTimeValues#dateOf}); Avatica's kept the whole instant. A DATE read in the
     * zone asked for ({@link JavaTimeValues#dateOfDays}), not through the JVM's. Text read as PostgreSQL's driver reads
     * it ({@link TextTimes}).
     */
    @Override
    public Date getDate(int a0, Calendar a1) throws SQLException {
        try {
            int type = typeOf(a0);
            if (type == Types.TIMESTAMP) {
                Timestamp ts = getTimestamp(a0, a1);
                return ts == null ? null : JavaTimeValues.dateOf(ts, zone(a1));
            }
            if (TextNumbers.isText(type)) {
                return TextTimes.date(delegate.getString(a0), zone(a1), a0);
            }
            if (type == Types.DATE) {
                long days = delegate.getLong(a0); // as the engine holds it
                if (delegate.wasNull()) {
                    return null;
                }
                Date day = JavaTimeValues.dateOfDays(days, a1 == null ? localZone() : a1.getTimeZone());
                if (day != null) {
                    return day;
                }
            }
            return a1 == null ? delegate.getDate(a0) : delegate.getDate(a0, a1);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public Date getDate(int a0) throws SQLException {
        return getDate(a0, null);
    }

    @Override
    public double getDouble(int a0) throws SQLException {
        try {
            WholeNumberReads.checkNumeric(typeOf(a0), a0, "getDouble");
            if (TextNumbers.isText(typeOf(a0))) {
                return TextNumbers.floating(delegate.getString(a0), a0);
            }
            return delegate.getDouble(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public float getFloat(int a0) throws SQLException {
        try {
            WholeNumberReads.checkNumeric(typeOf(a0), a0, "getFloat");
            if (TextNumbers.isText(typeOf(a0))) {
                return (float) TextNumbers.floating(delegate.getString(a0), a0);
            }
            return delegate.getFloat(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public int getInt(int a0) throws SQLException {
        try {
            if (mayOverflow(a0, 32)) {
                return (int) WholeNumberReads.narrowed(delegate.getObject(a0), 32, a0);
            }
            return delegate.getInt(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public long getLong(int a0) throws SQLException {
        try {
            if (mayOverflow(a0, 64)) {
                return WholeNumberReads.narrowed(delegate.getObject(a0), 64, a0);
            }
            return delegate.getLong(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    /** As {@link #getCharacterStream(int)}. */
    @Override
    public Reader getNCharacterStream(int a0) throws SQLException {
        return StreamReads.text(getString(a0));
    }

    @Override
    public NClob getNClob(int a0) throws SQLException {
        try {
            return delegate.getNClob(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public String getNString(int a0) throws SQLException {
        return getString(a0); // the same text (Avatica's is getString's), a DECIMAL's and an interval's too
    }

    @Override
    public <T> T getObject(int a0, Class<T> a1) throws SQLException {
        if (a1 == null) {
            getObject(a0); // a closed result, no row, a column it has not: said first, as by any getter
            ClientRefusals.checkReadClass(a1);
        }
        try {
            Object value = JavaTimeValues.get(this, a0, a1); // java.time and the boxes: Avatica converts none of them
            if (value == JavaTimeValues.NOT_CONVERTED) {
                value = getObject(a0);
                // the value as it is if it is one of the class asked (Object, Float of a REAL, byte[] of a BINARY,
                // a Time, a java.util.Date): Avatica's refused those with 07006; else Avatica's conversion
                return value == null || a1.isInstance(value) ? a1.cast(value) : delegate.getObject(a0, a1);
            }
            return a1.cast(value);
        } catch (SQLException e) {
            throw e.getSQLState() == null && !delegate.isClosed()
                ? ClientRefusals.ofRead(e, delegate.getMetaData(), a0, a1) : refused(e, a0);
        }
    }

    /**
     * As {@code getObject(a0)} for no type map or an empty one, as PostgreSQL's driver (Avatica's refused every map,
     * 07006); a map with entries is 0A000: there are no user-defined types to map.
     */
    @Override
    public Object getObject(int a0, Map<String, Class<?>> a1) throws SQLException {
        ClientRefusals.checkTypeMap(a1);
        return getObject(a0);
    }

    @Override
    public Object getObject(int a0) throws SQLException {
        try {
            int type = typeOf(a0);
            return type == Types.TIMESTAMP ? getTimestamp(a0) : type == Types.DATE ? getDate(a0)
                : ElementsOnlyArray.of(delegate.getObject(a0));
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public Ref getRef(int a0) throws SQLException {
        try {
            return delegate.getRef(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    /** Avatica's answer as it is: it refuses a row id before looking the label up ({@link ResultSetByLabel}). */
    @Override
    public RowId getRowId(String a0) throws SQLException {
        return getRowId(findColumn(a0)); // by label as by index: 42703 for no such column, else 0A000
    }

    @Override
    public RowId getRowId(int a0) throws SQLException {
        try {
            return delegate.getRowId(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public SQLXML getSQLXML(int a0) throws SQLException {
        try {
            return delegate.getSQLXML(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public short getShort(int a0) throws SQLException {
        try {
            if (mayOverflow(a0, 16)) {
                return (short) WholeNumberReads.narrowed(delegate.getObject(a0), 16, a0);
            }
            return delegate.getShort(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public String getString(int a0) throws SQLException {
        try {
            int type = typeOf(a0);
            if (type == Types.DECIMAL) { // its plain numeral, as PostgreSQL prints it (Avatica's: 0E-16)
                BigDecimal value = delegate.getBigDecimal(a0);
                return value == null ? null : value.toPlainString();
            }
            String text = delegate.getString(a0);
            if (type == FINE_INTERVAL && text != null) { // its milliseconds (Avatica's: zeros)
                return IntervalText.withMillis(text, ((Number) delegate.getObject(a0)).longValue(),
                    delegate.getMetaData().getScale(a0));
            }
            return text;
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    /**
     * Of a TIMESTAMP its time of day ({@link JavaTimeValues#timeOf}); Avatica's kept the whole instant. Text read
     * ({@link TextTimes}).
     */
    @Override
    public Time getTime(int a0, Calendar a1) throws SQLException {
        try {
            int type = typeOf(a0);
            if (type == Types.TIMESTAMP) {
                Timestamp ts = getTimestamp(a0, a1);
                return ts == null ? null : JavaTimeValues.timeOf(ts, zone(a1));
            }
            if (TextNumbers.isText(type)) {
                return TextTimes.time(delegate.getString(a0), zone(a1), a0);
            }
            return a1 == null ? delegate.getTime(a0) : delegate.getTime(a0, a1);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public Time getTime(int a0) throws SQLException {
        return getTime(a0, null);
    }

    /** The zone a TIMESTAMP's fields are read in: {@code calendar}'s, or the connection's ({@code timeZone}). */
    private TimeZone zone(@Nullable Calendar calendar) throws SQLException {
        if (calendar != null) {
            return calendar.getTimeZone();
        }
        return delegate instanceof AvaticaResultSet avatica ? avatica.getLocalCalendar().getTimeZone()
            : TimeZone.getTimeZone("UTC");
    }

    /**
     * A TIMESTAMP or DATE read in {@code a1}'s zone, or the connection's ({@link JavaTimeValues#timestampOf}: Avatica's
     * went through the JVM's zone, a time its clocks skip an hour late); before 1582-10-16, Avatica's. Text read
     * ({@link TextTimes}).
     */
    @Override
    public Timestamp getTimestamp(int a0, Calendar a1) throws SQLException {
        try {
            int type = typeOf(a0);
            if (type == Types.TIMESTAMP || type == Types.DATE) {
                long held = delegate.getLong(a0); // as the engine holds it: a TIMESTAMP's milliseconds, a DATE's days
                if (delegate.wasNull()) {
                    return null;
                }
                Timestamp ts = JavaTimeValues.timestampOf(JavaTimeValues.utcMillis(type, held),
                    a1 == null ? localZone() : a1.getTimeZone());
                if (ts != null) {
                    return ts;
                }
            }
            if (TextNumbers.isText(type)) {
                return TextTimes.timestamp(delegate.getString(a0), zone(a1), a0);
            }
            return a1 == null ? delegate.getTimestamp(a0) : delegate.getTimestamp(a0, a1);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    public Timestamp getTimestamp(int a0) throws SQLException {
        return getTimestamp(a0, null);
    }

    /** The connection's zone ({@code timeZone}, UTC unless set), read once. */
    private TimeZone localZone() throws SQLException {
        TimeZone z = localZone;
        if (z == null) {
            z = zone(null);
            localZone = z;
        }
        return z;
    }

    /** {@link #typeOf}'s mark of a day-time interval typed finer than its milliseconds ({@link IntervalText}). */
    private static final int FINE_INTERVAL = Integer.MIN_VALUE;

    /**
     * Per column (1-based), its JDBC type, for the getters that read it otherwise than Avatica ({@link Types#TIMESTAMP}
     * read in the connection's zone, UTC; {@link Types#DECIMAL} as text; the wide numbers' whole-number reads checked;
     * an interval finer than milliseconds as {@link #FINE_INTERVAL}); computed on first use.
     */
    private int[] types;

    /** The connection's zone, once {@link #localZone()} has asked. */
    private @Nullable TimeZone localZone;

    private int typeOf(int column) throws SQLException {
        int[] t = types;
        if (t == null) {
            ResultSetMetaData md = delegate.getMetaData();
            t = new int[md.getColumnCount() + 1];
            for (int c = 1; c < t.length; c++) {
                t[c] = IntervalText.finerThanMillis(md.getColumnTypeName(c), md.getScale(c)) ? FINE_INTERVAL
                    : md.getColumnType(c);
            }
            types = t;
        }
        return column > 0 && column < t.length ? t[column] : 0;
    }

    @Override
    public URL getURL(int a0) throws SQLException {
        try {
            return delegate.getURL(a0);
        } catch (SQLException e) {
            throw refused(e, a0);
        }
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int a0) throws SQLException {
        throw unicodeStreamRefused();
    }
}

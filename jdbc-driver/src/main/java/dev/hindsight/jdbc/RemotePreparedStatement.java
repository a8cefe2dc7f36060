package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.JavaTimeValues;
import dev.hindsight.jdbc.spi.KeyColumns;
import dev.hindsight.jdbc.spi.RefusedBatch;
import dev.hindsight.jdbc.spi.ReturningCount;
import dev.hindsight.jdbc.spi.TargetTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.Time;
import java.sql.Types;
import java.util.Calendar;
import java.util.UUID;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSite;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's prepared statement with generated keys ({@link GeneratedKeys}); the columns are those asked for when it was
 * prepared ({@link RemoteConnection#prepareStatement(String, int)} and its siblings). {@code setObject} takes what
 * the embedded driver takes: java.time values as UTC timestamps and a UUID as its text ({@link JavaTimeValues}), with
 * or without a target type; a value Avatica cannot send is refused when it is set, as an {@link SQLException}.
 */
final class RemotePreparedStatement extends StreamParameterStatement implements CancelFlag {

    /** The result {@link #getMoreResults} moved past: no current result while it is Avatica's still. */
    private ResultSet movedPast;

    private final GeneratedKeys keys = new GeneratedKeys(this);
    /** The UTC calendar java.time values are bound with, made on first use; Calendar is not thread-safe. */
    private Calendar utc;

    RemotePreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
                            int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
        String returned = KeyColumns.returned(getMetaData());
        if (returned != null) { // an INSERT … RETURNING
            keys.returned(returned);
        }
    }

    /** Sets the key columns {@link #getGeneratedKeys} returns ({@link KeyColumns}). */
    void askKeys(String columns) {
        keys.fix(columns);
    }

    /**
     * As Avatica's, except that an {@code INSERT … RETURNING} runs as the query it is and counts the rows it returned,
     * and a query is refused with 0100E, as embedded ({@link ReturnedRows}).
     */
    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        Meta.Signature signature = getSignature();
        if (ReturnedRows.returnsRows(signature)) {
            return ReturningCount.uncapped(this, () -> {
                ResultSet rows = executeQuery();
                movedPast = rows; // no current result after an update
                return ReturnedRows.count(rows);
            });
        }
        if (ReturnedRows.isQuery(signature)) {
            // refused before it runs (a query changes nothing): Avatica's client would send it as an update, with no
            // signature, which the server cannot answer rows for
            throw ClientRefusals.rowsReturned();
        }
        return ReturnedRows.updateCount(super.executeLargeUpdate());
    }

    /**
     * As Avatica's, after a look at every row of the batch: one with a parameter not set (after
     * {@code clearParameters()}) is refused with 22023, as embedded, before anything is sent; Avatica's client failed
     * on it as it wrote the message, with a NullPointerException's words and no SQLState.
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        for (int row = 0; row < parameterValueBatch.size(); row++) {
            int unset = parameterValueBatch.get(row).indexOf(null);
            if (unset >= 0) {
                int rows = parameterValueBatch.size();
                parameterValueBatch.clear(); // as after any run of the batch, ended or failed
                throw RefusedBatch.of(new SQLException("row " + (row + 1) + " of the batch: parameter " + (unset + 1)
                    + " has no value: set every ? before adding the row", "22023"), rows, true, null);
            }
        }
        return super.executeLargeBatch();
    }

    /** Avatica's site of parameter {@code param}; 22023 naming the count for one the statement does not have. */
    @Override
    protected AvaticaSite getSite(int param) throws SQLException {
        int count = getParameterCount();
        if (param < 1 || param > count) {
            checkOpen();
            throw ClientRefusals.parameterOutOfRange(param, count);
        }
        return super.getSite(param);
    }

    /** As Avatica's; a statement without rows (DDL, whose answer is none) refused with 02000, as embedded. */
    @Override
    public ResultSet executeQuery() throws SQLException {
        ResultSet rows;
        try {
            rows = super.executeQuery();
        } catch (SQLException e) {
            throw ClientRefusals.ofQuery(e);
        }
        if (rows == null) {
            throw ClientRefusals.noRows();
        }
        return rows;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen(); // 08003 before 22023, as embedded
        ClientRefusals.checkNotNegative("setQueryTimeout", seconds);
        super.setQueryTimeout(RemoteConnection.queryTimeoutSeconds(seconds));
    }

    /** Avatica's {@code setMaxRows} (final) comes here too. */
    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen(); // 08003 before 22023, as embedded
        ClientRefusals.checkNotNegative("setMaxRows", max);
        super.setLargeMaxRows(max);
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen(); // 08003 before 22023, as embedded
        ClientRefusals.checkNotNegative("setFetchSize", rows);
        super.setFetchSize(rows);
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen(); // 08003 before 22023, as embedded
        ClientRefusals.checkNotNegative("setMaxFieldSize", max);
        super.setMaxFieldSize(max);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        Date day = JavaTimeValues.date(x);
        JavaTimeValues.Bound timestamp = day == null ? JavaTimeValues.bound(x) : null;
        Time time = timestamp == null ? JavaTimeValues.time(x) : null;
        if (day != null || timestamp != null || time != null) {
            if (utc == null) {
                utc = JavaTimeValues.utc();
            }
            if (day != null) {
                setDate(parameterIndex, day, utc);
            } else if (timestamp != null) {
                // whatever the connection's timeZone: SPEC §4 says UTC (an old day's calendar is its own, bound())
                setTimestamp(parameterIndex, timestamp.timestamp(), timestamp.calendar());
            } else {
                setTime(parameterIndex, time, utc);
            }
        } else if (x instanceof UUID) {
            setString(parameterIndex, x.toString());
        } else if (x instanceof BigInteger b) {
            setBigDecimal(parameterIndex, new BigDecimal(b)); // JDBC 4.2's BIGINT, as embedded (Avatica refused it)
        } else if (x != null && ColumnMetaData.Rep.of(x.getClass()) == ColumnMetaData.Rep.OBJECT) {
            // Avatica would take it and fail at execute, with "Unhandled value" and no SQLState
            throw new SQLFeatureNotSupportedException("parameter " + parameterIndex + ": a " + x.getClass().getName()
                + " cannot be sent to the server; set a String, a number, a Timestamp or a java.time value",
                "0A000");
        } else {
            super.setObject(parameterIndex, x);
        }
    }

    /**
     * As embedded: a java.time date or date-time is a timestamp, a time of day a time, and a UUID its text, whatever
     * {@code targetSqlType}; {@code OTHER}
     * and {@code JAVA_OBJECT} bind the value as its own type ({@link #setObject(int, Object)}). Avatica's failures to
     * convert (unchecked) are {@link SQLException}s naming the value's class and the type.
     */
    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        slot(parameterIndex); // before a conversion's refusal, as embedded
        Object own = TargetTypes.ownType(parameterIndex, x, targetSqlType);
        if (own != TargetTypes.UNCHANGED) {
            setObject(parameterIndex, own);
            return;
        }
        if (x != null && (targetSqlType == Types.OTHER || targetSqlType == Types.JAVA_OBJECT || x instanceof UUID
            || JavaTimeValues.timestamp(x) != null || JavaTimeValues.time(x) != null)) {
            setObject(parameterIndex, x);
            return;
        }
        try {
            super.setObject(parameterIndex, x, targetSqlType);
        } catch (RuntimeException e) {
            throw cannotBind(parameterIndex, x, targetSqlType, e);
        }
    }

    /**
     * As {@link #setObject(int, Object, int)}, a number for a DECIMAL at the scale given ({@link TargetTypes#scaled}):
     * Avatica's own binds nothing.
     */
    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        setObject(parameterIndex, TargetTypes.scaled(x, targetSqlType, scaleOrLength), targetSqlType);
    }

    /** A {@link JDBCType} as its {@code Types} code ({@link #setObject(int, Object, int)}); there is no other kind. */
    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        setObject(parameterIndex, x, typeCode(targetSqlType));
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
            throws SQLException {
        setObject(parameterIndex, x, typeCode(targetSqlType));
    }

    private static int typeCode(SQLType type) throws SQLException {
        if (type instanceof JDBCType jdbc) {
            return jdbc.getVendorTypeNumber();
        }
        throw new SQLFeatureNotSupportedException("not a java.sql.JDBCType: " + type, "0A000");
    }

    private static SQLException cannotBind(int parameterIndex, Object x, int targetSqlType, RuntimeException e) {
        String type;
        try {
            type = JDBCType.valueOf(targetSqlType).getName();
        } catch (IllegalArgumentException unknown) {
            type = "type " + targetSqlType;
        }
        String message = "parameter " + parameterIndex + ": a " + x.getClass().getName() + " cannot be set as " + type
            + " (" + e.getMessage() + ")";
        return e instanceof UnsupportedOperationException || "not implemented".equals(e.getMessage())
            ? new SQLFeatureNotSupportedException(message, "0A000", e) : new SQLException(message, "22023", e);
    }

    /** Closed also once its connection is, as JDBC says (Avatica's answers false then). */
    @Override
    public boolean isClosed() throws SQLException {
        return super.isClosed() || connection.isClosed();
    }

    @Override
    protected void checkOpen() throws SQLException {
        if (isClosed()) {
            throw RemoteFailures.closed("the statement");
        }
    }

    /** A no-op, as a plain statement's ({@link RemoteStatement#setCursorName}) and embedded. */
    @Override
    public void setCursorName(String name) throws SQLException {
        checkOpen();
    }

    /** A no-op, as a plain statement's ({@link RemoteStatement#setEscapeProcessing}) and embedded. */
    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return keys.read();
    }

    /**
     * What Avatica's cancel does, raising the flag that stops this side's reading of rows, and the server told to stop
     * what the statement runs there ({@link RemoteConnection#cancelOnServer}), which Avatica's protocol cannot say.
     * Without Avatica's lock: its remote execute of a {@code Statement} holds it until the server answers, so a
     * cancel that took it waited for the very run it was to stop.
     */
    @Override
    @SuppressWarnings("UnsynchronizedOverridesSynchronized")
    public void cancel() throws SQLException {
        checkOpen();
        ((RemoteConnection) connection).cancelOnServer(handle, () -> cancelFlag.set(true));
    }

    @Override
    public void lowerCancel() {
        cancelFlag.set(false);
    }

    @Override
    public boolean canceled() {
        return cancelFlag.get();
    }

    @Override
    public synchronized void close() throws SQLException {
        keys.closeThen(super::close);
    }

    /**
     * Avatica's close, which tells the server: quiet if the link to the server is gone
     * ({@link RemoteFailures#closeQuietlyIfLinkLost}); after the connection's close, on this side only, as the server
     * dropped the statement with its connection ({@link RemoteConnection#closedHere}).
     */
    @Override
    protected void close_() {
        if (((RemoteConnection) connection).closedHere()) {
            closeHere();
        } else {
            RemoteFailures.closeQuietlyIfLinkLost(super::close_);
        }
    }

    /** What Avatica's close does on this side: closed, with its open result set, and forgotten by the connection. */
    private void closeHere() {
        if (closed) {
            return;
        }
        closed = true;
        connection.statementMap.remove(handle.id);
        AvaticaResultSet open = openResultSet;
        openResultSet = null;
        if (open != null) {
            open.close();
        }
    }

    /** Refused with 42809, as PostgreSQL's driver ({@link ClientRefusals#sqlTextOnPrepared}). */
    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        checkOpen(); // 08003 first, as embedded
        throw ClientRefusals.sqlTextOnPrepared("executeQuery");
    }

    /** As {@link #executeQuery(String)}; Avatica's {@code executeUpdate(String)} (final) comes here too. */
    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        checkOpen(); // 08003 first, as embedded
        throw ClientRefusals.sqlTextOnPrepared("executeLargeUpdate");
    }

    /** As {@link #executeQuery(String)}. */
    @Override
    public boolean execute(String sql) throws SQLException {
        checkOpen(); // 08003 first, as embedded
        throw ClientRefusals.sqlTextOnPrepared("execute");
    }

    /** The parameter sets the next {@code executeBatch} sends: one update count is owed for each. */
    int batchSize() {
        return getParameterValueBatch().size();
    }

    /** As {@link #executeQuery(String)}. */
    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen(); // 08003 first, as embedded
        throw ClientRefusals.sqlTextOnPrepared("addBatch");
    }

    // the forms with key columns: Avatica's refused them with 0A000 and no SQLState; 42809 as the forms without

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql);
    }

    /** As embedded, after {@link ClientRefusals#closesCurrent}: there is never a further result. */
    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        movedPast = super.getResultSet();
        return ClientRefusals.closesCurrent(current) && super.getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }

    /** As embedded: none once {@link #getMoreResults} moved past it (Avatica kept the result it closed). */
    @Override
    public ResultSet getResultSet() throws SQLException {
        ResultSet rs = super.getResultSet();
        return rs != null && rs == movedPast ? null : rs;
    }
}

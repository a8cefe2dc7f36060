package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.JavaTimeValues;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.Cursor;

/**
 * Avatica's result set, whose {@link #next} (which fetches frames from the server) fails with an {@link SQLException}
 * carrying the server's SQLState, e.g. 24000 when the server dropped the result; generated keys name the statement the
 * client asked as theirs ({@link #getStatement}). A read the caller got wrong (a column index or label the result does
 * not have, no row under the cursor, a value as a class it does not convert to, a move other than {@code next()})
 * is refused with a SQLState, as by the embedded driver ({@link ClientRefusals}, {@link CheckedAccessors}).
 */
final class RemoteResultSet extends RemoteResultSetByLabel {

    /** 07006: a value asked for in a class it cannot be read as, as PostgreSQL's driver says it. */
    private static final String CANNOT_CONVERT = "07006";

    /**
     * The statement's {@code maxRows} when it ran (0: no limit), kept here: Avatica's protocol carries it for a plain
     * statement's run, whose plan holds it, but not for a prepared statement's (all rows came back after
     * {@code setMaxRows(5)}).
     */
    private final long maxRows;
    private long rowsRead;
    /** Whether the server held rows past the first frame when this result began ({@link #close}). */
    private final boolean heldOnServer;
    /** Whether {@code next()} found the end, or {@link #close} ran. */
    private boolean ended;

    RemoteResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                    ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame);
        this.maxRows = statement == null || statement.isClosed() ? 0 : statement.getLargeMaxRows();
        this.heldOnServer = firstFrame != null && !firstFrame.done;
    }

    /**
     * As Avatica's; a result of a plain {@code Statement} closed before its end has its statement closed on the server
     * too, which held the unread rows ({@link RemoteStatement#dropServerResult}). A prepared statement's keeps them
     * until it runs again or closes: closed on the server, it would have to be prepared again.
     */
    @Override
    public void close() {
        boolean early = heldOnServer && !ended;
        ended = true;
        super.close();
        if (early && statement instanceof RemoteStatement plain) {
            plain.dropServerResult();
        }
    }

    /** Executed as Avatica's, its columns read through {@link CheckedAccessors}. */
    @Override
    protected AvaticaResultSet execute() throws SQLException {
        super.execute();
        accessorList = new CheckedAccessors(accessorList, resultSetMetaData);
        return this;
    }

    @Override
    public AvaticaResultSet execute2(Cursor cursor, List<ColumnMetaData> columns) {
        super.execute2(cursor, columns);
        accessorList = new CheckedAccessors(accessorList, resultSetMetaData);
        return this;
    }

    /**
     * As {@code getObject(columnIndex)} for no type map or an empty one, as embedded and PostgreSQL's driver
     * (Avatica's refused every map, 07006); a map with entries is 0A000: there are no user-defined types to map.
     */
    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        ClientRefusals.checkTypeMap(map);
        return getObject(columnIndex);
    }

    /** As Avatica's, which reads the column's metadata by index after its accessor: 22023 first for an index out. */
    @Override
    public Object getObject(int columnIndex) throws SQLException {
        int count = columnMetaDataList.size();
        if (columnIndex < 1 || columnIndex > count) {
            checkOpen();
            throw ClientRefusals.columnOutOfRange(columnIndex, count);
        }
        if (columnMetaDataList.get(columnIndex - 1).type.id == Types.DATE) {
            return getDate(columnIndex); // read in the connection's zone, not the JVM's (CheckedAccessors)
        }
        Object value = super.getObject(columnIndex);
        // a UUID travels as its text (the protocol has none): a UUID again, as the embedded driver answers
        return value instanceof String text && "UUID".equals(columnMetaDataList.get(columnIndex - 1).type.name)
            ? UUID.fromString(text) : value;
    }

    /** Avatica's check before every read, its "ResultSet closed" given the embedded driver's words and SQLState. */
    @Override
    protected void checkOpen() throws SQLException {
        if (isClosed()) {
            throw new SQLException("the result set is closed", ClientRefusals.INVALID_CURSOR_STATE);
        }
    }

    /** The column labelled {@code label}; 42703 naming the result's columns if there is none. */
    @Override
    public int findColumn(String label) throws SQLException {
        try {
            return super.findColumn(label);
        } catch (SQLException e) {
            throw e.getSQLState() != null ? e : ClientRefusals.unknownLabel(label, resultSetMetaData);
        }
    }

    /** 0A000 naming the column, as embedded (Avatica's refusal had neither words nor a SQLState). */
    @Override
    public RowId getRowId(int column) throws SQLException {
        try {
            return super.getRowId(column);
        } catch (SQLException e) {
            throw ClientRefusals.ofRead(e, resultSetMetaData, column);
        }
    }

    @Override
    public RowId getRowId(String label) throws SQLException {
        return getRowId(findColumn(label));
    }

    @Override
    public boolean isLast() throws SQLException {
        throw ClientRefusals.forwardOnly("isLast"); // it would read ahead; next() says false after the last row
    }

    @Override
    public String getCursorName() throws SQLException {
        throw ClientRefusals.namedCursors();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw ClientRefusals.forwardOnly("absolute");
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw ClientRefusals.forwardOnly("relative");
    }

    @Override
    public boolean previous() throws SQLException {
        throw ClientRefusals.forwardOnly("previous");
    }

    @Override
    public boolean first() throws SQLException {
        throw ClientRefusals.forwardOnly("first");
    }

    @Override
    public boolean last() throws SQLException {
        throw ClientRefusals.forwardOnly("last");
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw ClientRefusals.forwardOnly("beforeFirst");
    }

    @Override
    public void afterLast() throws SQLException {
        throw ClientRefusals.forwardOnly("afterLast");
    }

    @Override
    public boolean next() throws SQLException {
        if (maxRows > 0 && rowsRead >= maxRows && !isClosed()) {
            ended = true; // the plain statement's plan stops there too
            return false; // the rows beyond are dropped, as JDBC says (a closed one refuses below)
        }
        try {
            boolean more = super.next();
            rowsRead += more ? 1 : 0;
            ended |= !more; // the server sent its last frame: nothing left to let go there
            return more;
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        } catch (SQLException e) {
            if (e.getSQLState() == null && canceled()) { // Avatica's "Statement canceled", once cancel() has run
                throw RemoteFailures.canceled(e);
            }
            throw e;
        }
    }

    /** Whether the statement under these rows has its cancel flag up. */
    private boolean canceled() {
        return statement instanceof CancelFlag flag && flag.canceled();
    }

    /**
     * JDBC 4.2's classes ({@link JavaTimeValues}): java.time in UTC, {@code Timestamp}, {@code String}, the boxed
     * numbers, {@code BigDecimal}, {@code UUID}, as embedded; Avatica's client converts to none of them. Another class
     * is answered if the column's value is one already, else refused with 07006 naming both, as PostgreSQL's driver.
     */
    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            getObject(columnIndex); // a closed result, no row, a column it has not: said first, as by any getter
            ClientRefusals.checkReadClass(type);
        }
        Object value = JavaTimeValues.get(this, columnIndex, type);
        if (value == JavaTimeValues.NOT_CONVERTED) {
            value = getObject(columnIndex);
            if (value != null && !type.isInstance(value)) {
                throw new SQLException("column " + columnIndex + " holds a " + value.getClass().getName()
                    + ", which cannot be read as " + type.getName(), CANNOT_CONVERT);
            }
        }
        return type.cast(value);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type); // as every getter by label (RemoteResultSetByLabel)
    }

    /** The statement that produced these rows; for generated keys, the statement they are the keys of. */
    @Override
    public AvaticaStatement getStatement() throws SQLException {
        AvaticaStatement statement = super.getStatement();
        return statement instanceof RemoteStatement remote ? remote.owner() : statement;
    }
}

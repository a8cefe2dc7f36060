package dev.hindsight.sql.jdbc;

import dev.hindsight.sql.Returning;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A statement as the client gets it: Calcite's, behind a typed wrapper for the few things Avatica offers no hook for:
 * {@code getGeneratedKeys()} (one row per event the connection's last INSERT or batch appended: {@code seq},
 * {@code version}, {@code event_id}), result sets that name this statement as theirs, and a failed batch as the
 * {@code BatchUpdateException} JDBC promises. What statements do runs through {@link HindsightMeta}.
 */
class HindsightStatement implements Statement {

    private final HindsightConnection owner;
    private final Statement delegate;

    /** A closed statement refuses everything with 08003 (SPEC §4), not Avatica's state-less "Statement closed". */
    final void open() throws SQLException {
        if (delegate.isClosed()) {
            throw new SQLException("the statement is closed", "08003");
        }
    }
    /** The last result set handed out, and Calcite's under it. */
    private ResultSet wrapped;
    private ResultSet wrappedFrom;

    HindsightStatement(HindsightConnection owner, Statement delegate) {
        this.owner = owner;
        this.delegate = delegate;
    }

    /**
     * {@code rs} as the client sees it: its own result set, wrapped once (JDBC: {@code rs.getStatement()} is the
     * statement run, and {@code getResultSet()} returns the same object each time).
     */
    final ResultSet own(ResultSet rs) {
        if (rs == null) {
            return null;
        }
        if (wrapped == null || wrappedFrom != rs) {
            wrappedFrom = rs;
            wrapped = new HindsightResultSet(rs, this);
        }
        return wrapped;
    }

    @Override
    public ResultSet executeQuery(String a0) throws SQLException {
        open();
        try {
            return own(delegate.executeQuery(a0));
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, a0);
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        open();
        return own(delegate.getResultSet());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return owner;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        open();
        try {
            return delegate.executeBatch();
        } catch (SQLException | RuntimeException e) {
            throw batchFailed(e);
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        open();
        try {
            return delegate.executeLargeBatch();
        } catch (SQLException | RuntimeException e) {
            throw batchFailed(e);
        }
    }

    /**
     * The update count of an {@code INSERT … RETURNING} run by {@code executeUpdate}: the rows it returned, one per
     * appended event (Avatica, seeing a query, would answer −1 after appending).
     */
    static long returnedRows(ResultSet rows) throws SQLException {
        try (rows) {
            long n = 0;
            while (rows.next()) {
                n++;
            }
            return n;
        }
    }

    /** A failed batch as JDBC promises it; Avatica lets a statement batch's failure through as it is. */
    static BatchUpdateException batchFailed(Exception thrown) {
        if (thrown instanceof BatchUpdateException b) {
            return b;
        }
        SQLException e = SqlErrors.tidy(SqlErrors.fromExecution(thrown), null);
        return new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), new long[0], thrown);
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        open();
        // through the connection's Meta like any query, so a remote client can ask the same (sys.last_append)
        Statement keys = delegate.getConnection().createStatement();
        keys.closeOnCompletion();
        return new HindsightResultSet(keys.executeQuery("SELECT " + keyColumns + " FROM sys.last_append"), this);
    }

    /** The columns {@link #getGeneratedKeys} returns: {@code seq, version, event_id} unless the client named some. */
    private String keyColumns = KeyColumns.DEFAULT;

    /** Sets the key columns the client asked for with {@code execute…(sql, columns)} or {@code prepareStatement}. */
    final void keyColumns(String columns) {
        this.keyColumns = columns;
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
    public void addBatch(String a0) throws SQLException {
        open();
        delegate.addBatch(a0);
    }

    @Override
    public void cancel() throws SQLException {
        open();
        delegate.cancel();
    }

    @Override
    public void clearBatch() throws SQLException {
        open();
        delegate.clearBatch();
    }

    @Override
    public void clearWarnings() throws SQLException {
        open();
        delegate.clearWarnings();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        open();
        delegate.closeOnCompletion();
    }

    @Override
    public void close() throws SQLException {
        try {
            delegate.close();
        } finally {
            owner.closed(this);
        }
    }

    @Override
    public String enquoteIdentifier(String a0, boolean a1) throws SQLException {
        open();
        return delegate.enquoteIdentifier(a0, a1);
    }

    @Override
    public String enquoteLiteral(String a0) throws SQLException {
        open();
        return delegate.enquoteLiteral(a0);
    }

    @Override
    public String enquoteNCharLiteral(String a0) throws SQLException {
        open();
        return delegate.enquoteNCharLiteral(a0);
    }

    @Override
    public long executeLargeUpdate(String a0, int[] a1) throws SQLException {
        open();
        keyColumns(KeyColumns.of(a1));
        return executeLargeUpdate(a0);
    }

    @Override
    public long executeLargeUpdate(String a0, String[] a1) throws SQLException {
        open();
        keyColumns(KeyColumns.of(a1));
        return executeLargeUpdate(a0);
    }

    @Override
    public long executeLargeUpdate(String a0, int a1) throws SQLException {
        open();
        keyColumns(KeyColumns.of(a1));
        return executeLargeUpdate(a0);
    }

    @Override
    public long executeLargeUpdate(String a0) throws SQLException {
        open();
        if (Returning.of(a0) != null) {
            return returnedRows(executeQuery(a0));
        }
        try {
            return delegate.executeLargeUpdate(a0);
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, a0);
        }
    }

    @Override
    public int executeUpdate(String a0, int[] a1) throws SQLException {
        open();
        keyColumns(KeyColumns.of(a1));
        return executeUpdate(a0);
    }

    @Override
    public int executeUpdate(String a0, String[] a1) throws SQLException {
        open();
        keyColumns(KeyColumns.of(a1));
        return executeUpdate(a0);
    }

    @Override
    public int executeUpdate(String a0, int a1) throws SQLException {
        open();
        keyColumns(KeyColumns.of(a1));
        return executeUpdate(a0);
    }

    @Override
    public int executeUpdate(String a0) throws SQLException {
        open();
        if (Returning.of(a0) != null) {
            return (int) returnedRows(executeQuery(a0));
        }
        try {
            return delegate.executeUpdate(a0);
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, a0);
        }
    }

    @Override
    public boolean execute(String a0, int[] a1) throws SQLException {
        open();
        keyColumns(KeyColumns.of(a1));
        return execute(a0);
    }

    @Override
    public boolean execute(String a0, String[] a1) throws SQLException {
        open();
        keyColumns(KeyColumns.of(a1));
        return execute(a0);
    }

    @Override
    public boolean execute(String a0, int a1) throws SQLException {
        open();
        keyColumns(KeyColumns.of(a1));
        return execute(a0);
    }

    @Override
    public boolean execute(String a0) throws SQLException {
        open();
        try {
            return delegate.execute(a0);
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, a0);
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        open();
        return delegate.getFetchDirection();
    }

    @Override
    public int getFetchSize() throws SQLException {
        open();
        return delegate.getFetchSize();
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        open();
        return delegate.getLargeMaxRows();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        open();
        return delegate.getLargeUpdateCount();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        open();
        return delegate.getMaxFieldSize();
    }

    @Override
    public int getMaxRows() throws SQLException {
        open();
        return delegate.getMaxRows();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        open();
        return delegate.getMoreResults();
    }

    @Override
    public boolean getMoreResults(int a0) throws SQLException {
        open();
        return delegate.getMoreResults(a0);
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        open();
        return delegate.getQueryTimeout();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        open();
        return delegate.getResultSetConcurrency();
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        open();
        return delegate.getResultSetHoldability();
    }

    @Override
    public int getResultSetType() throws SQLException {
        open();
        return delegate.getResultSetType();
    }

    @Override
    public int getUpdateCount() throws SQLException {
        open();
        return delegate.getUpdateCount();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        open();
        return delegate.getWarnings();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        open();
        return delegate.isCloseOnCompletion();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        open();
        return delegate.isPoolable();
    }

    @Override
    public boolean isSimpleIdentifier(String a0) throws SQLException {
        open();
        return delegate.isSimpleIdentifier(a0);
    }

    @Override
    public void setCursorName(String a0) throws SQLException {
        open();
        delegate.setCursorName(a0);
    }

    @Override
    public void setEscapeProcessing(boolean a0) throws SQLException {
        open();
        delegate.setEscapeProcessing(a0);
    }

    @Override
    public void setFetchDirection(int a0) throws SQLException {
        open();
        delegate.setFetchDirection(a0);
    }

    @Override
    public void setFetchSize(int a0) throws SQLException {
        open();
        delegate.setFetchSize(a0);
    }

    @Override
    public void setLargeMaxRows(long a0) throws SQLException {
        open();
        delegate.setLargeMaxRows(a0);
    }

    @Override
    public void setMaxFieldSize(int a0) throws SQLException {
        open();
        delegate.setMaxFieldSize(a0);
    }

    @Override
    public void setMaxRows(int a0) throws SQLException {
        open();
        delegate.setMaxRows(a0);
    }

    @Override
    public void setPoolable(boolean a0) throws SQLException {
        open();
        delegate.setPoolable(a0);
    }

    @Override
    public void setQueryTimeout(int a0) throws SQLException {
        open();
        delegate.setQueryTimeout(a0);
    }
}

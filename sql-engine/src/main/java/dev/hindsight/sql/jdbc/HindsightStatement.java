package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.AskedKeys;
import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.KeyColumns;
import dev.hindsight.jdbc.spi.RefusedBatch;
import dev.hindsight.jdbc.spi.ReturningCount;
import dev.hindsight.jdbc.spi.SqlText;
import dev.hindsight.sql.Returning;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement as the client gets it: Calcite's, behind a typed wrapper for the few things Avatica offers no hook for:
 * {@code getGeneratedKeys()} (one row per event the connection's last INSERT or batch appended: {@code seq},
 * {@code version}, {@code event_id}), result sets that name this statement as theirs, and a failed batch as the
 * {@code BatchUpdateException} JDBC promises. What statements do runs through {@link HindsightMeta}; what it passes
 * on as it is, its base does ({@link ForwardingStatement}).
 */
class HindsightStatement extends ForwardingStatement {

    private final HindsightConnection owner;
    /** The last result set handed out, and Calcite's under it. */
    private ResultSet wrapped;
    private ResultSet wrappedFrom;
    /** The result {@code getMoreResults} moved past: no current result while it is the delegate's still. */
    private ResultSet movedPast;
    /** How many statements (or parameter sets) the batch holds: a refused atomic batch owes a count for each. */
    private int batched;
    /** Whether the batch is one atomic append: a prepared statement's, or INSERTs only ({@link RefusedBatch}). */
    private boolean atomic = true;

    HindsightStatement(HindsightConnection owner, Statement delegate) {
        super(delegate, owner.cancels());
        this.owner = owner;
    }

    /**
     * {@code rs} as the client sees it: its own result set, wrapped once (JDBC: {@code rs.getStatement()} is the
     * statement run, and {@code getResultSet()} returns the same object each time).
     */
    final ResultSet own(ResultSet rs) throws SQLException {
        if (rs == null) {
            return null;
        }
        if (wrapped == null || wrappedFrom != rs) {
            wrappedFrom = rs;
            wrapped = new HindsightResultSet(rs, this, delegate.getLargeMaxRows());
        }
        return wrapped;
    }

    @Override
    public ResultSet executeQuery(String a0) throws SQLException {
        open();
        ClientRefusals.checkSqlText(a0);
        running(); // an INSERT … RETURNING run as a query appends: its keys are the default ones
        return query(a0);
    }

    /** {@code a0} run as a query, for this statement's runs that are one (an INSERT … RETURNING counted). */
    private ResultSet query(String a0) throws SQLException {
        try {
            return own(delegate.executeQuery(a0));
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, a0);
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        open();
        ResultSet rs = delegate.getResultSet();
        // JDBC: after getMoreResults answered false there is no current result (Avatica kept the one it closed, so
        // a loop over every result read a closed one, 24000); the next statement run has a result set of its own
        return rs != null && rs == movedPast ? null : own(rs);
    }

    @Override
    public Connection getConnection() throws SQLException {
        open(); // 08003 once closed, as every other call
        return owner;
    }

    @Override
    public void addBatch(String a0) throws SQLException {
        open();
        ClientRefusals.checkSqlText(a0);
        super.addBatch(a0);
        batched++;
        atomic &= SqlText.isInsert(a0);
    }

    /** Counts a parameter set a prepared statement added to its batch. */
    final void batchedOne() {
        batched++;
    }

    @Override
    public void clearBatch() throws SQLException {
        super.clearBatch();
        batchEmptied();
    }

    /** The batch is empty again: cleared, or run (Avatica empties it whether it ran or not). */
    private void batchEmptied() {
        batched = 0;
        atomic = true;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        open();
        running();
        try {
            return delegate.executeBatch();
        } catch (SQLException | RuntimeException e) {
            throw batchFailed(e);
        } finally {
            batchEmptied();
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        open();
        running();
        try {
            return delegate.executeLargeBatch();
        } catch (SQLException | RuntimeException e) {
            throw batchFailed(e);
        } finally {
            batchEmptied();
        }
    }

    /** A statement run as a query. */
    @FunctionalInterface
    interface QueryRun {
        ResultSet run() throws SQLException;
    }

    /**
     * The update count of an {@code INSERT … RETURNING} run by {@code executeUpdate}, {@code query} running it as the
     * query it is: the rows it returned, one per appended event (Avatica, seeing a query, would answer −1 after
     * appending), whatever {@code setMaxRows} caps a query's rows at ({@link ReturningCount}); no current result
     * after it, as after any update.
     */
    final long returnedRows(QueryRun query) throws SQLException {
        return ReturningCount.uncapped(delegate, () -> {
            ResultSet rows = query.run();
            movedPast = delegate.getResultSet();
            return countRows(rows);
        });
    }

    /** How many rows {@code rows} has; reads and closes them. */
    private static long countRows(ResultSet rows) throws SQLException {
        try (rows) {
            long n = 0;
            while (rows.next()) {
                n++;
            }
            return n;
        }
    }

    /**
     * {@code count}, Avatica's answer to {@code executeUpdate}, unless it is its −1 for a statement that returned
     * rows: refused then with 0100E, as PostgreSQL's driver refuses it (JDBC: {@code executeUpdate} of a query
     * throws), its rows closed.
     */
    final long updateCountOf(long count) throws SQLException {
        if (count < 0) {
            ResultSet rows = delegate.getResultSet();
            if (rows != null) {
                rows.close();
            }
            throw ClientRefusals.rowsReturned();
        }
        return count;
    }

    /**
     * The batch's failure as JDBC promises it ({@link RefusedBatch}), before the batch is emptied; Avatica lets a
     * statement batch's failure through as it is.
     */
    private BatchUpdateException batchFailed(Exception thrown) {
        if (thrown instanceof BatchUpdateException b) {
            return b;
        }
        SQLException e = SqlErrors.tidy(SqlErrors.fromExecution(thrown), null);
        return RefusedBatch.of(e, batched, atomic, thrown);
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        open();
        // through the connection's Meta like any query, so a remote client can ask the same (sys.last_append)
        Statement keys = delegate.getConnection().createStatement();
        keys.closeOnCompletion();
        String select = "SELECT " + askedKeys.columns() + " FROM sys.last_append";
        return new HindsightResultSet(keys.executeQuery(select), this, 0);
    }

    /** The columns {@link #getGeneratedKeys} returns: {@code seq, version, event_id} unless the run named some. */
    private final AskedKeys askedKeys = new AskedKeys();

    /** Sets the key columns of a statement prepared with them ({@code prepareStatement(sql, columns)}). */
    final void keyColumns(String columns) {
        askedKeys.fix(columns);
    }

    /** Sets the key columns of an {@code INSERT … RETURNING}: the columns it returns ({@link AskedKeys#returned}). */
    final void returnedKeys(String columns) {
        askedKeys.returned(columns);
    }

    /** A run of a plain statement begins ({@link AskedKeys#running}). */
    private void running() {
        askedKeys.running();
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
    public void close() throws SQLException {
        try {
            delegate.close();
        } finally {
            closedForCancels();
            owner.closed(this);
        }
    }

    /** This statement, set to return {@code columns} from {@code getGeneratedKeys()} after it runs. */
    private HindsightStatement asking(String columns) throws SQLException {
        open();
        askedKeys.ask(columns);
        return this;
    }

    @Override
    public long executeLargeUpdate(String a0, int[] a1) throws SQLException {
        return asking(KeyColumns.of(a1)).executeLargeUpdate(a0);
    }

    @Override
    public long executeLargeUpdate(String a0, String[] a1) throws SQLException {
        return asking(KeyColumns.of(a1)).executeLargeUpdate(a0);
    }

    @Override
    public long executeLargeUpdate(String a0, int a1) throws SQLException {
        return asking(KeyColumns.of(a1)).executeLargeUpdate(a0);
    }

    @Override
    public long executeLargeUpdate(String a0) throws SQLException {
        open();
        ClientRefusals.checkSqlText(a0);
        running();
        if (Returning.of(a0) != null) {
            return returnedRows(() -> query(a0));
        }
        long count;
        try {
            count = delegate.executeLargeUpdate(a0);
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, a0);
        }
        return updateCountOf(count);
    }

    @Override
    public int executeUpdate(String a0, int[] a1) throws SQLException {
        return asking(KeyColumns.of(a1)).executeUpdate(a0);
    }

    @Override
    public int executeUpdate(String a0, String[] a1) throws SQLException {
        return asking(KeyColumns.of(a1)).executeUpdate(a0);
    }

    @Override
    public int executeUpdate(String a0, int a1) throws SQLException {
        return asking(KeyColumns.of(a1)).executeUpdate(a0);
    }

    @Override
    public int executeUpdate(String a0) throws SQLException {
        open();
        ClientRefusals.checkSqlText(a0);
        running();
        if (Returning.of(a0) != null) {
            return (int) returnedRows(() -> query(a0));
        }
        int count;
        try {
            count = delegate.executeUpdate(a0);
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, a0);
        }
        return (int) updateCountOf(count);
    }

    @Override
    public boolean execute(String a0, int[] a1) throws SQLException {
        return asking(KeyColumns.of(a1)).execute(a0);
    }

    @Override
    public boolean execute(String a0, String[] a1) throws SQLException {
        return asking(KeyColumns.of(a1)).execute(a0);
    }

    @Override
    public boolean execute(String a0, int a1) throws SQLException {
        return asking(KeyColumns.of(a1)).execute(a0);
    }

    @Override
    public boolean execute(String a0) throws SQLException {
        open();
        ClientRefusals.checkSqlText(a0);
        running();
        try {
            return delegate.execute(a0);
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, a0);
        }
    }

    /** JDBC: as {@code getMoreResults(CLOSE_CURRENT_RESULT)}. */
    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }

    /** As PostgreSQL's driver takes it ({@link ClientRefusals#closesCurrent}): there is never a further result. */
    @Override
    public boolean getMoreResults(int current) throws SQLException {
        open();
        movedPast = delegate.getResultSet();
        return ClientRefusals.closesCurrent(current) && delegate.getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }
}

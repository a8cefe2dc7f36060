package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.sql.StatementCancels;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;

/**
 * The part of a statement that is Calcite's as it is, passed on to it once the statement is known to be open
 * ({@link #open}): its limits, timeout, fetch size and direction, result set kind, warnings, batch list, cancel, and
 * the quoting helpers.
 */
abstract class ForwardingStatement implements Statement {

    /** Calcite's statement. */
    final Statement delegate;
    /**
     * Its cancel flag, the one its runs check: taken once, here, since Calcite's lookup of it reads a map the
     * statement's own thread changes, and {@link #cancel} comes from another thread.
     */
    private final AtomicBoolean cancelFlag;
    /** The session's cancels, which raise the flag only while the run has not appended. */
    private final StatementCancels cancels;

    ForwardingStatement(Statement delegate, StatementCancels cancels) {
        this.delegate = delegate;
        this.cancelFlag = flagOf(delegate);
        this.cancels = cancels;
    }

    private static AtomicBoolean flagOf(Statement delegate) {
        if (!(delegate instanceof AvaticaStatement avatica)) {
            throw new IllegalArgumentException("not Calcite's statement: " + delegate.getClass().getName());
        }
        try {
            return avatica.connection.getCancelFlag(avatica.handle);
        } catch (NoSuchStatementException e) {
            throw new IllegalStateException("a statement Calcite has just made is unknown to it", e);
        }
    }

    /** Whether {@link #cancel} has raised the flag since the statement's run began. */
    final boolean canceled() {
        return cancelFlag.get();
    }

    /** The statement is closed: the session keeps nothing of its cancel flag. */
    final void closedForCancels() {
        cancels.closed(cancelFlag);
    }

    /** A closed statement refuses everything with 08003 (SPEC §4), not Avatica's state-less "Statement closed". */
    final void open() throws SQLException {
        if (delegate.isClosed()) {
            throw new SQLException("the statement is closed", "08003");
        }
    }

    @Override
    public void addBatch(String a0) throws SQLException {
        open();
        delegate.addBatch(a0);
    }

    /**
     * Raises the flag the statement's run checks (a scan's next batch, {@code next()}), as Avatica's {@code cancel()}
     * does, without its lock: Avatica holds that while it prepares and while a prepared statement executes, so a
     * cancel waited for the very run it was to stop. A run begins with the flag lowered ({@link HindsightMeta}); once
     * it has appended, a cancel is dropped ({@link StatementCancels}).
     */
    @Override
    public void cancel() throws SQLException {
        open();
        cancels.cancel(cancelFlag);
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
        open(); // a no-op, as JDBC says for a database without positioned UPDATE and DELETE (Avatica's: refused)
    }

    @Override
    public void setEscapeProcessing(boolean a0) throws SQLException {
        open(); // a no-op: JDBC's escapes are read by the grammar, and text outside them is SQL either way
    }

    @Override
    public void setFetchDirection(int a0) throws SQLException {
        open();
        delegate.setFetchDirection(a0);
    }

    @Override
    public void setFetchSize(int a0) throws SQLException {
        open();
        ClientRefusals.checkNotNegative("setFetchSize", a0);
        delegate.setFetchSize(a0);
    }

    @Override
    public void setLargeMaxRows(long a0) throws SQLException {
        open();
        ClientRefusals.checkNotNegative("setMaxRows", a0); // one name for both, as the thin driver has
        delegate.setLargeMaxRows(a0);
    }

    @Override
    public void setMaxFieldSize(int a0) throws SQLException {
        open();
        ClientRefusals.checkNotNegative("setMaxFieldSize", a0);
        delegate.setMaxFieldSize(a0);
    }

    @Override
    public void setMaxRows(int a0) throws SQLException {
        open();
        ClientRefusals.checkNotNegative("setMaxRows", a0);
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
        ClientRefusals.checkNotNegative("setQueryTimeout", a0);
        delegate.setQueryTimeout(a0);
    }
}

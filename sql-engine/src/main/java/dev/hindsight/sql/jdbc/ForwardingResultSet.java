package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * The part of a result set that is Avatica's as it is, passed on to it: the cursor ({@code next} aside, see
 * {@link HindsightResultSet#next}; moving it any other way is refused, as Avatica refuses it, but with a message and
 * a SQLState: {@link ClientRefusals#forwardOnly}), finding a column, the fetch size and direction, the result set's
 * kind, state, metadata and warnings, and closing it.
 */
abstract class ForwardingResultSet extends ResultSetByLabel {

    /** Avatica's result set (Calcite's, or Avatica's own for a fast read), which holds the rows. */
    final ResultSet delegate;

    ForwardingResultSet(ResultSet delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean absolute(int a0) throws SQLException {
        throw ClientRefusals.forwardOnly("absolute");
    }

    @Override
    public void afterLast() throws SQLException {
        throw ClientRefusals.forwardOnly("afterLast");
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw ClientRefusals.forwardOnly("beforeFirst");
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public void close() throws SQLException {
        delegate.close();
    }

    @Override
    public int findColumn(String a0) throws SQLException {
        return delegate.findColumn(a0);
    }

    @Override
    public boolean first() throws SQLException {
        throw ClientRefusals.forwardOnly("first");
    }

    @Override
    public int getConcurrency() throws SQLException {
        return delegate.getConcurrency();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw ClientRefusals.namedCursors();
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return delegate.getFetchDirection();
    }

    @Override
    public int getFetchSize() throws SQLException {
        return delegate.getFetchSize();
    }

    @Override
    public int getHoldability() throws SQLException {
        return delegate.getHoldability();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return delegate.getMetaData();
    }

    @Override
    public int getRow() throws SQLException {
        return delegate.getRow();
    }

    @Override
    public int getType() throws SQLException {
        return delegate.getType();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        return delegate.isAfterLast();
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        return delegate.isBeforeFirst();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isFirst() throws SQLException {
        return delegate.isFirst();
    }

    @Override
    public boolean isLast() throws SQLException {
        throw ClientRefusals.forwardOnly("isLast"); // it would read ahead; next() says false after the last row
    }

    @Override
    public boolean last() throws SQLException {
        throw ClientRefusals.forwardOnly("last");
    }

    @Override
    public boolean previous() throws SQLException {
        throw ClientRefusals.forwardOnly("previous");
    }

    @Override
    public boolean relative(int a0) throws SQLException {
        throw ClientRefusals.forwardOnly("relative");
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        return delegate.rowDeleted();
    }

    @Override
    public boolean rowInserted() throws SQLException {
        return delegate.rowInserted();
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        return delegate.rowUpdated();
    }

    @Override
    public void setFetchDirection(int a0) throws SQLException {
        delegate.setFetchDirection(a0);
    }

    @Override
    public void setFetchSize(int a0) throws SQLException {
        delegate.setFetchSize(a0);
    }

    @Override
    public boolean wasNull() throws SQLException {
        return delegate.wasNull();
    }
}
